import { describe, expect, it } from 'vitest';
import {
  formatDateTime,
  formatIsoDate,
  formatNumber,
  formatYear,
  fromTibetanDigits,
  toTibetanDigits,
} from '../../src/i18n/format.ts';

describe('Tibetan digits', () => {
  it('maps 0–9 to ༠–༩ and leaves everything else alone', () => {
    expect(toTibetanDigits('0123456789')).toBe('༠༡༢༣༤༥༦༧༨༩');
    expect(toTibetanDigits('-8.5 元')).toBe('-༨.༥ 元');
  });

  it('reads Tibetan digits back (a search for ༢༠༢༠ finds 2020)', () => {
    expect(fromTibetanDigits('༢༠༢༠ལོ།')).toBe('2020ལོ།');
    expect(fromTibetanDigits(toTibetanDigits('9081726354'))).toBe('9081726354');
  });
});

describe('formatNumber', () => {
  it('prints figures as the tables do: no grouping, sign and decimals kept', () => {
    expect(formatNumber(251000, { lang: 'zh' })).toBe('251000');
    expect(formatNumber(-8, { lang: 'zh' })).toBe('-8');
    expect(formatNumber(96171.6, { lang: 'bo' })).toBe('96171.6');
  });

  it('uses Tibetan digits only on a Tibetan page that asks for them', () => {
    expect(formatNumber(893, { lang: 'bo', digits: 'tibetan' })).toBe('༨༩༣');
    expect(formatNumber(893, { lang: 'bo', digits: 'arabic' })).toBe('893');
    expect(formatNumber(893, { lang: 'zh', digits: 'tibetan' })).toBe('893');
  });

  it('prints nothing for a number that is not finite', () => {
    expect(formatNumber(Number.NaN, { lang: 'zh' })).toBe('');
  });
});

describe('dates', () => {
  it('writes the PRC Tibetan date pattern with Arabic digits by default', () => {
    expect(formatIsoDate('2024-05-30', { lang: 'bo' })).toBe('2024ལོའི་ཟླ་5ཚེས་30ཉིན');
    expect(formatIsoDate('2024-05-30', { lang: 'bo', digits: 'tibetan' })).toBe('༢༠༢༤ལོའི་ཟླ་༥ཚེས་༣༠ཉིན');
  });

  it('writes Chinese dates as 年月日', () => {
    expect(formatIsoDate('2020-01-01', { lang: 'zh' })).toBe('2020年1月1日');
  });

  it('never shifts an ISO date by a time zone', () => {
    // new Date('2020-01-01') is UTC midnight: west of Greenwich it would be 31 December.
    expect(formatIsoDate('2020-12-31', { lang: 'zh' })).toBe('2020年12月31日');
  });

  it('returns text that is not an ISO date unchanged', () => {
    expect(formatIsoDate('2020年春', { lang: 'zh' })).toBe('2020年春');
  });

  it('adds the local time to a moment', () => {
    const moment = new Date(2024, 4, 30, 9, 5);
    expect(formatDateTime(moment, { lang: 'zh' })).toBe('2024年5月30日 09:05');
    expect(formatDateTime(moment.getTime(), { lang: 'bo', digits: 'tibetan' })).toBe('༢༠༢༤ལོའི་ཟླ་༥ཚེས་༣༠ཉིན ༠༩:༠༥');
    expect(formatDateTime(Number.NaN, { lang: 'bo' })).toBe('');
  });

  it('formats a year in the page digits', () => {
    expect(formatYear(2020, { lang: 'bo', digits: 'tibetan' })).toBe('༢༠༢༠');
    expect(formatYear(2020, { lang: 'bo' })).toBe('2020');
  });
});
