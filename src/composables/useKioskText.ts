/**
 * The kiosk's message lookup (KioskText, src/kiosk/units.ts) over vue-i18n: a message in a given
 * language whatever the page's locale, with the language it really has (a key missing from bo.json
 * falls back to Chinese and says so, so it is marked lang="zh-Hans"). Both message sets are loaded
 * by the route (meta.bilingual).
 */
import { useI18n } from 'vue-i18n';
import { I18N_LOCALE } from '../modules/i18n.ts';
import type { KioskText } from '../kiosk/units.ts';

export function useKioskText(): KioskText {
  const i18n = useI18n();
  return {
    message(key, lang, params = {}) {
      if (lang === 'bo' && !i18n.te(key, I18N_LOCALE.bo)) return { text: i18n.t(key, params, { locale: I18N_LOCALE.zh }), lang: 'zh' };
      return { text: i18n.t(key, params, { locale: I18N_LOCALE[lang] }), lang };
    },
  };
}
