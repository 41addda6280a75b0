/**
 * Message lookup for the reader with the language of each text: a label missing from bo.json
 * falls back to Chinese, and such a label must be marked lang="zh-Hans" (right font, right voice
 * in a screen reader), never passed off as Tibetan. Numbers, years and dates use our own helpers
 * (i18n/format.ts) with the reader's digits setting.
 */
import { computed, inject } from 'vue';
import { useI18n } from 'vue-i18n';
import { HTML_LANG, I18N_LOCALE, langOfLocale, type HtmlLang } from '../modules/i18n.ts';
import { formatDateTime, formatIsoDate, formatNumber, formatYear, type FormatOptions } from '../i18n/format.ts';
import type { Lang } from '../report/model.ts';
import { DIGITS_KEY } from '../modules/digits.ts';

export function useLabels() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  // Provided by App.vue from the settings store; outside it (App's own title) Arabic digits.
  const provided = inject(DIGITS_KEY, null);
  const digits = computed(() => provided?.value ?? 'arabic');

  /** The reader language of the page. */
  const lang = computed<Lang>(() => langOfLocale(locale.value));
  /** `<html lang>`-style tag of the page's language. */
  const htmlLang = computed<HtmlLang>(() => HTML_LANG[lang.value]);
  const options = computed<FormatOptions>(() => ({ lang: lang.value, digits: digits.value }));

  /** The language a message is shown in: the page's, or Chinese when bo.json lacks the key. */
  function langOf(key: string): HtmlLang {
    return lang.value === 'bo' && !i18n.te(key, 'bo') ? HTML_LANG.zh : htmlLang.value;
  }

  /** A message in a given language (bilingual pages), whatever the page's language. */
  function tIn(target: Lang, key: string, params: Record<string, string | number> = {}): string {
    return t(key, params, { locale: I18N_LOCALE[target] });
  }

  return {
    t,
    tIn,
    lang,
    htmlLang,
    langOf,
    num: (value: number) => formatNumber(value, options.value),
    year: (value: number) => formatYear(value, options.value),
    isoDate: (iso: string) => formatIsoDate(iso, options.value),
    dateTime: (moment: number | Date) => formatDateTime(moment, options.value),
  };
}
