/** Which browsers delete a site's data after 7 days unused: WebKit on iPhone and iPad, off the Home Screen. */
import { describe, expect, it } from 'vitest';
import { evictsAfterSevenDays, type BrowserFacts } from '../../../src/modules/storage-eviction.ts';

const UA = {
  iPhoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  iPhoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/137.0 Mobile/15E148 Safari/604.1',
  iPadDesktop: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
  android: 'Mozilla/5.0 (Linux; Android 12; HUAWEI) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  webkitGtk: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
};

function facts(userAgent: string, more: Partial<BrowserFacts> = {}): BrowserFacts {
  return { userAgent, maxTouchPoints: 0, standalone: undefined, displayModeStandalone: false, ...more };
}

describe('evictsAfterSevenDays', () => {
  it('is true in every browser of an iPhone, opened as a page', () => {
    expect(evictsAfterSevenDays(facts(UA.iPhoneSafari, { standalone: false, maxTouchPoints: 5 }))).toBe(true);
    expect(evictsAfterSevenDays(facts(UA.iPhoneChrome, { maxTouchPoints: 5 }))).toBe(true);
  });

  it('is true on an iPad that asks for desktop pages (a Mac user agent with a touch screen)', () => {
    expect(evictsAfterSevenDays(facts(UA.iPadDesktop, { maxTouchPoints: 5 }))).toBe(true);
    expect(evictsAfterSevenDays(facts(UA.iPadDesktop, { maxTouchPoints: 0 }))).toBe(false);
  });

  it('is false once opened from the Home Screen', () => {
    expect(evictsAfterSevenDays(facts(UA.iPhoneSafari, { standalone: true }))).toBe(false);
    expect(evictsAfterSevenDays(facts(UA.iPhoneSafari, { displayModeStandalone: true }))).toBe(false);
  });

  it('is false on Android and in WebKitGTK', () => {
    expect(evictsAfterSevenDays(facts(UA.android, { maxTouchPoints: 5 }))).toBe(false);
    expect(evictsAfterSevenDays(facts(UA.webkitGtk))).toBe(false);
  });
});
