/**
 * vue-i18n for the app. Chinese (zh-CN.json) is the source of truth and the fallback. Both
 * languages come in two parts (vite.config.ts messageAreas): the residents' pages' (app, reader,
 * template) and the rest (kiosk, sign-in, drafting). The Chinese reader part is bundled; the rest
 * of Chinese and all Tibetan are loaded by the routes that need them, so a resident's report page
 * carries neither the officials' messages nor the other language's.
 *
 * The locale follows the route (router.ts calls `setLocale`). Falling back to Chinese keeps a page
 * readable while bo.json is being filled, but a fallback label is marked lang="zh-Hans" by
 * `useLabels`, and tests/unit list every missing bo key.
 */
import { markRaw, toRaw, type App } from 'vue';
import { createI18n } from 'vue-i18n';
// Compiled at build time by @intlify/unplugin-vue-i18n (vite.config.ts), which also drops the
// CLI's and the validator's subtrees.
import zhReader from '../../locales/zh-CN.json?area=reader';
import type { Messages } from './messages.ts';
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
export type { Messages };
const zhMessages = zhReader as Messages;

/** A fresh i18n instance (one per app; tests make their own). */
export function createAppI18n() {
  return createI18n({
    legacy: false,
    locale: I18N_LOCALE.zh,
    fallbackLocale: I18N_LOCALE.zh,
    messages: { [I18N_LOCALE.zh]: markRaw({ ...zhMessages }) } as Record<I18nLocale, Messages>,
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
 * (kiosk, sign-in, drafting).
 */
export type MessageArea = 'reader' | 'all';

/** The parts loaded on demand (the Chinese reader part is always there). */
type Part = 'zh-rest' | 'bo-reader' | 'bo-rest';

const PART_LOCALE: Record<Part, I18nLocale> = { 'zh-rest': I18N_LOCALE.zh, 'bo-reader': I18N_LOCALE.bo, 'bo-rest': I18N_LOCALE.bo };

function importPart(part: Part): Promise<{ default: unknown }> {
  if (part === 'zh-rest') return import('./messages-zh-rest.ts');
  return part === 'bo-reader' ? import('./messages-bo.ts') : import('./messages-bo-rest.ts');
}

const loadedParts = new WeakMap<AppI18n, Set<Part>>();
/** The deployment's reviewed Tibetan messages (vue-i18n ASTs as a tree), kept on top of every part loaded. */
const reviewedMessages = new WeakMap<AppI18n, Record<string, unknown>>();

const isTree = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `over` merged onto `base` as vue-i18n's mergeLocaleMessage merges (objects key by key, anything
 * else replaced), copying only the objects on the way to a change: the parts loaded are never
 * written to.
 */
function merged(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (key === '__proto__') continue;
    const current = out[key];
    out[key] = isTree(current) && isTree(value) ? merged(current, value) : value;
  }
  return out;
}

/**
 * Adds `messages` to those of `locale`. vue-i18n keeps messages in a deep ref: its own merge
 * copies a part node by node through reactive proxies (on a phone, a long task while a Tibetan
 * page boots), and every lookup wraps each node it passes in a proxy. A locale's messages only
 * ever change as a whole, here, so they are set as one raw object.
 */
function addMessages(i18n: AppI18n, locale: I18nLocale, messages: Record<string, unknown>): void {
  const current: Record<string, unknown> = toRaw(i18n.global.getLocaleMessage(locale));
  i18n.global.setLocaleMessage(locale, markRaw(merged(current, messages)) as Messages);
}

/** `{ 'a.b': x }` → `{ a: { b: x } }`. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      const child = node[part];
      node = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : (node[part] = {});
    }
    node[parts.at(-1) ?? key] = value;
  }
  return tree;
}

/**
 * The reviewed Tibetan (stores/translations.ts: compiled by the server, the app has no message
 * compiler) over bo.json, now and after any part that loads later.
 */
export function setReviewedMessages(i18n: AppI18n, compiled: Record<string, unknown>): void {
  const tree = nest(compiled);
  reviewedMessages.set(i18n, tree);
  if (Object.keys(tree).length > 0) addMessages(i18n, I18N_LOCALE.bo, tree);
}

/** The parts `lang` and `area` need. Chinese is every message's fallback: its rest comes with any `all`. */
function partsFor(lang: Lang, area: MessageArea): Part[] {
  const parts: Part[] = [];
  if (area === 'all') parts.push('zh-rest');
  if (lang === 'bo') parts.push('bo-reader');
  if (lang === 'bo' && area === 'all') parts.push('bo-rest');
  return parts;
}

/** Loads the messages of `lang` for `area` once. */
export async function loadMessages(i18n: AppI18n, lang: Lang, area: MessageArea = 'reader'): Promise<void> {
  const loaded = loadedParts.get(i18n) ?? new Set<Part>();
  loadedParts.set(i18n, loaded);
  const missing = partsFor(lang, area).filter((part) => !loaded.has(part));
  const modules = await Promise.all(missing.map(importPart));
  // bo.json may lag behind zh-CN.json while it is translated; missing keys fall back (see above).
  modules.forEach((module, i) => {
    const part = missing[i];
    if (part === undefined || loaded.has(part)) return;
    if (isTree(module.default)) addMessages(i18n, PART_LOCALE[part], module.default);
    loaded.add(part);
  });
  const reviewed = reviewedMessages.get(i18n);
  if (reviewed !== undefined && modules.length > 0) addMessages(i18n, I18N_LOCALE.bo, reviewed);
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
