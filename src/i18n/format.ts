/**
 * Numbers and dates for the reader, written by hand: Chromium has no `bo` Intl data (it falls back
 * to en-US), so neither `Intl` nor vue-i18n's `$n`/`$d` may format Tibetan (see
 * shared/i18n/tibetan.md §3). PRC official Tibetan writes Arabic digits ("2024ལོའི་ཟླ་5ཚེས་30ཉིན"),
 * so Arabic is the default and Tibetan digits (༠–༩) are a reader's setting.
 */
import type { Lang } from '../report/model.ts';

/** Which digits a Tibetan page prints. Chinese pages always print Arabic digits. */
export type Digits = 'arabic' | 'tibetan';

/** Options shared by the formatters. */
export interface FormatOptions {
  lang: Lang;
  /** Only read on Tibetan pages; default 'arabic'. */
  digits?: Digits;
}

const TIBETAN_ZERO = 0x0f20;

/** Replaces the ASCII digits 0–9 in a string with Tibetan digits ༠–༩; everything else is kept. */
export function toTibetanDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCodePoint(TIBETAN_ZERO + Number(d)));
}

/** Replaces Tibetan digits ༠–༩ with ASCII digits, e.g. before parsing a search query. */
export function fromTibetanDigits(text: string): string {
  return text.replace(/[\u0F20-\u0F29]/g, (d) => String((d.codePointAt(0) ?? TIBETAN_ZERO) - TIBETAN_ZERO));
}

function withDigits(text: string, options: FormatOptions): string {
  return options.lang === 'bo' && options.digits === 'tibetan' ? toTibetanDigits(text) : text;
}

/**
 * A table figure as printed: no grouping separators (the official tables print 251000, not
 * 251,000), a minus sign for negative 本年增/减, the decimal point kept for money.
 */
export function formatNumber(value: number, options: FormatOptions): string {
  if (!Number.isFinite(value)) return '';
  return withDigits(String(value), options);
}

/** A calendar date: zh "2024年5月30日", bo "2024ལོའི་ཟླ་5ཚེས་30ཉིན" (PRC press pattern). */
function calendarDate(year: number, month: number, day: number, options: FormatOptions): string {
  const text = options.lang === 'bo' ? `${year}ལོའི་ཟླ་${month}ཚེས་${day}ཉིན` : `${year}年${month}月${day}日`;
  return withDigits(text, options);
}

/**
 * An ISO date `YYYY-MM-DD` from a report (period, publication date), read as written: no time
 * zone, so 2020-01-01 is never shown as 31 December. Anything else is returned unchanged.
 */
export function formatIsoDate(iso: string, options: FormatOptions): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return iso;
  return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), options);
}

/** A moment (e.g. when the data was fetched) in the device's time zone: date plus HH:MM. */
export function formatDateTime(moment: Date | number, options: FormatOptions): string {
  const date = typeof moment === 'number' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) return '';
  const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
  return `${calendarDate(date.getFullYear(), date.getMonth() + 1, date.getDate(), options)} ${withDigits(time, options)}`;
}

/** A report year as a bare number in the page's digits (used inside messages such as "{year}年"). */
export function formatYear(year: number, options: FormatOptions): string {
  return withDigits(String(year), options);
}
