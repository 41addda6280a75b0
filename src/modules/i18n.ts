/**
 * vue-i18n for the app. Chinese (zh-CN.json, the source of truth and the fallback) is bundled;
 * Tibetan is loaded on the first Tibetan page, so a Chinese reader never downloads it.
 *
 * The locale follows the route (router.ts calls `setLocale`). Falling back to Chinese keeps a page
 * readable while bo.json is being filled, but a fallback label is marked lang="zh-Hans" by
 * `useLabels`, and tests/unit list every missing bo key.
 */
import type { App } from 'vue';
import { createI18n } from 'vue-i18n';
// Compiled at build time by @intlify/unplugin-vue-i18n (vite.config.ts), which also drops the
// CLI's and the validator's subtrees: the app ships app.*, reader.* and template.* only.
import zhCN from '../../locales/zh-CN.json';
import type { Lang } from '../report/model.ts';

/** vue-i18n locale of each reader language. */
export const I18N_LOCALE = { zh: 'zh-CN', bo: 'bo' } as const satisfies Record<Lang, string>;
export type I18nLocale = (typeof I18N_LOCALE)[Lang];

/** BCP 47 tag for `<html lang>` and every text block (shared/i18n/tibetan.md). */
export const HTML_LANG = { zh: 'zh-Hans', bo: 'bo' } as const satisfies Record<Lang, string>;
export type HtmlLang = (typeof HTML_LANG)[Lang];

/** The reader language of a vue-i18n locale. */
export function langOfLocale(locale: string): Lang {
  return locale === 'bo' ? 'bo' : 'zh';
}

/** The messages the app shows (the type of the Chinese source of truth). */
export type Messages = Pick<typeof zhCN, 'app' | 'reader' | 'template'>;
const zhMessages: Messages = zhCN;

/** A fresh i18n instance (one per app; tests make their own). */
export function createAppI18n() {
  return createI18n({
    legacy: false,
    locale: I18N_LOCALE.zh,
    fallbackLocale: I18N_LOCALE.zh,
    messages: { [I18N_LOCALE.zh]: zhMessages } as Record<I18nLocale, Messages>,
    // CLDR bo has only the plural category "other".
    pluralRules: { bo: () => 0 },
    // A missing bo key is the locale test's business; in the browser console it is only noise.
    missingWarn: false,
    fallbackWarn: false,
  });
}

export type AppI18n = ReturnType<typeof createAppI18n>;

/**
 * Which messages a page needs: `reader` (the residents' pages: app, reader, template) or `all`
 * (kiosk, sign-in, drafting). Chinese is always whole; Tibetan comes in two chunks.
 */
export type MessageArea = 'reader' | 'all';

const loadedTibetan = new WeakMap<AppI18n, Set<'reader' | 'rest'>>();

/** Loads the messages of `lang` for `area` once. */
export async function loadMessages(i18n: AppI18n, lang: Lang, area: MessageArea = 'reader'): Promise<void> {
  if (lang !== 'bo') return;
  const loaded = loadedTibetan.get(i18n) ?? new Set();
  loadedTibetan.set(i18n, loaded);
  const parts = area === 'all' ? (['reader', 'rest'] as const) : (['reader'] as const);
  const missing = parts.filter((part) => !loaded.has(part));
  const modules = await Promise.all(
    missing.map((part) => (part === 'reader' ? import('./messages-bo.ts') : import('./messages-bo-rest.ts'))),
  );
  // bo.json may lag behind zh-CN.json while it is translated; missing keys fall back (see above).
  modules.forEach((module, i) => {
    const part = missing[i];
    if (part === undefined || loaded.has(part)) return;
    i18n.global.mergeLocaleMessage(I18N_LOCALE.bo, module.default as Messages);
    loaded.add(part);
  });
}

/** Loads `lang` if needed and makes it the current locale. */
export async function setLocale(i18n: AppI18n, lang: Lang, area: MessageArea = 'reader'): Promise<void> {
  await loadMessages(i18n, lang, area);
  i18n.global.locale.value = I18N_LOCALE[lang];
}

/** A new i18n instance installed in `app` (one per app: the pre-renderer makes one per page). */
export function installI18n(app: App): AppI18n {
  const instance = createAppI18n();
  app.use(instance);
  return instance;
}
