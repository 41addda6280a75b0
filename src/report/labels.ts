/**
 * Label text by i18n key. The domain reads the locale files as plain data (no i18n library): the
 * importer matches printed labels against the official Chinese text, and exports render the
 * official layout. The UI reads the same files through vue-i18n.
 */
import zhCN from '../../locales/zh-CN.json' with { type: 'json' };
import type { AdminLevel } from './model.ts';

/** A nested message tree as stored in locales/*.json. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** The message at a dotted key, or undefined when absent or not a leaf. */
export function lookupMessage(messages: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = messages;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills `{name}` placeholders; unknown names are left as written so a gap is visible. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The Chinese messages (source of truth for the official template wording). */
export const ZH_MESSAGES: MessageTree = zhCN;

/** The official Chinese text of a template label key; throws when the key is missing (a bug). */
export function officialLabel(key: string): string {
  const text = lookupMessage(ZH_MESSAGES, key);
  if (text === undefined) throw new Error(`missing zh-CN label ${key}`);
  return text;
}

/** Label key of an administrative level. */
export function levelLabelKey(level: AdminLevel): string {
  return `labels.levels.${level}`;
}
