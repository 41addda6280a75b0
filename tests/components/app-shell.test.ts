// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserLang } from '../../src/stores/settings.ts';
import { TIBETAN, clearDb, mountApp, seedReport, serveReports, settle, type Mounted } from './helpers.ts';

let app: Mounted | undefined;

beforeEach(async () => {
  localStorage.clear();
  await clearDb();
  serveReports([seedReport()]);
});

afterEach(() => {
  app?.wrapper.unmount();
  app = undefined;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function browserLanguages(languages: string[]): void {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
}

describe('/ chooses the language', () => {
  it('goes to the language last chosen', async () => {
    browserLanguages(['zh-CN']);
    localStorage.setItem('lotho.lang', 'bo');
    app = await mountApp('/');
    expect(app.router.currentRoute.value.fullPath).toBe('/bo');
  });

  it("else to the browser's: bo for any bo*, zh for zh*", async () => {
    browserLanguages(['en-US', 'bo-CN']);
    app = await mountApp('/');
    expect(app.router.currentRoute.value.fullPath).toBe('/bo');
    app.wrapper.unmount();
    browserLanguages(['zh-TW', 'en']);
    app = await mountApp('/');
    expect(app.router.currentRoute.value.fullPath).toBe('/zh');
  });

  it('else shows the chooser in both languages and remembers the choice', async () => {
    browserLanguages(['en-GB']);
    app = await mountApp('/');
    expect(app.router.currentRoute.value.name).toBe('start');
    const choices = app.wrapper.findAll('.choice');
    expect(choices.map((c) => c.attributes('lang'))).toEqual(['zh-Hans', 'bo']);
    await choices[1]?.trigger('click');
    await settle();
    expect(localStorage.getItem('lotho.lang')).toBe('bo');
    expect(app.router.currentRoute.value.fullPath).toBe('/bo');
  });

  it('reads navigator.languages', () => {
    expect(browserLang(['BO'])).toBe('bo');
    expect(browserLang(['zh-Hans-CN'])).toBe('zh');
    expect(browserLang(['en', 'de'])).toBeUndefined();
    expect(browserLang(['bod'])).toBeUndefined();
  });
});

describe('language switch', () => {
  it('keeps the report open and moves <html lang> with it', async () => {
    app = await mountApp('/zh/reports/qingduo-2020');
    expect(document.documentElement.lang).toBe('zh-Hans');
    await app.wrapper.get('a.lang-switch').trigger('click');
    await settle();
    expect(app.router.currentRoute.value.fullPath).toBe('/bo/reports/qingduo-2020');
    expect(document.documentElement.lang).toBe('bo');
    expect(app.wrapper.get('h1 .agency').text()).toMatch(TIBETAN);
    // Back to Chinese: the link is written 中文, not drawn.
    expect(app.wrapper.get('a.lang-switch').text()).toContain('中文');
  });

  it('keeps the side-by-side view', async () => {
    app = await mountApp('/bo/reports/qingduo-2020/side-by-side');
    expect(app.wrapper.get('a.lang-switch').attributes('href')).toBe('/zh/reports/qingduo-2020/side-by-side');
  });
});

/** Types a search on the directory page and sends it (the server searches). */
async function search(text: string): Promise<void> {
  if (app === undefined) throw new Error('no app');
  await app.wrapper.get('input[type="search"]').setValue(text);
  await app.wrapper.get('form[role="search"]').trigger('submit');
  await settle();
}

describe('home page', () => {
  it('lists reports by agency and year, and searches them', async () => {
    app = await mountApp('/zh');
    const link = app.wrapper.get('.agencies a');
    expect(link.attributes('href')).toBe('/zh/reports/qingduo-2020');
    expect(app.wrapper.get('.agency h3').text()).toBe('波密县倾多镇人民政府');
    await search('倾多 2020');
    expect(app.wrapper.findAll('.agencies a').length).toBe(1);
    expect(app.router.currentRoute.value.fullPath).toBe('/zh?q=%E5%80%BE%E5%A4%9A+2020');
    await search('拉萨');
    expect(app.wrapper.findAll('.agencies a').length).toBe(0);
  });

  it('on a Tibetan page, shows the Tibetan agency name and finds ༢༠༢༠', async () => {
    app = await mountApp('/bo');
    const name = app.wrapper.get('.agency h3');
    expect(name.text()).toMatch(TIBETAN);
    expect(name.attributes('lang')).toBe('bo');
    await search('༢༠༢༠');
    expect(app.wrapper.findAll('.agencies a').length).toBe(1);
  });
});

describe('unknown address', () => {
  it('says so in both languages, each with its lang and a way home', async () => {
    app = await mountApp('/no/such/page');
    const sections = app.wrapper.findAll('.not-found section');
    expect(sections.map((s) => s.attributes('lang'))).toEqual(['zh-Hans', 'bo']);
    expect(sections[1]?.text()).toMatch(TIBETAN);
    expect(sections.map((s) => s.get('a').attributes('href'))).toEqual(['/zh', '/bo']);
  });
});

// The notice is a chunk of its own that only WeChat's browser loads (App.vue).
describe("WeChat's in-app browser", () => {
  it('gets the notice; an ordinary browser does not', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (Linux; Android 13) MicroMessenger/8.0.40');
    app = await mountApp('/zh');
    const mounted = app;
    await vi.waitFor(() => mounted.wrapper.get('.wechat'));
    app.wrapper.unmount();
    vi.restoreAllMocks();
    app = await mountApp('/zh');
    await settle();
    expect(app.wrapper.find('.wechat').exists()).toBe(false);
  });
});
