/**
 * What the tests expect to read on screen, taken from the project's own files rather than typed
 * again: UI messages from locales/*.json, the seed's Chinese text and its Tibetan translation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_REPORT_ID, SEED_TRANSLATION_FILE, parseSeedTranslation } from '../../../src/report/seed/index.ts';
import { ROOT } from './app-server.ts';

export type Lang = 'zh' | 'bo';

interface MessageTree {
  [key: string]: string | MessageTree;
}

const LOCALE_FILE: Record<Lang, string> = { zh: 'zh-CN.json', bo: 'bo.json' };
const trees = new Map<Lang, MessageTree>();

function tree(lang: Lang): MessageTree {
  let messages = trees.get(lang);
  if (messages === undefined) {
    messages = JSON.parse(readFileSync(join(ROOT, 'locales', LOCALE_FILE[lang]), 'utf8')) as MessageTree;
    trees.set(lang, messages);
  }
  return messages;
}

/** The message `key` (dotted) of `lang`, placeholders filled from `params`; throws when missing. */
export function message(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  let node: string | MessageTree | undefined = tree(lang);
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`no message ${key} in ${LOCALE_FILE[lang]}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const REPORT_ID = SEED_REPORT_ID;

const translation = parseSeedTranslation(
  JSON.parse(readFileSync(join(ROOT, 'src', 'report', 'seed', SEED_TRANSLATION_FILE), 'utf8')),
);

/** The seed as a reader sees it in each language. */
export const SEED = {
  /** Part of the agency's Chinese name, and a figure of the prose (主动公开…信息893条). */
  agencyZh: '倾多镇',
  figure: '893',
  /** The agency's name in Tibetan, from the seed translation. */
  agencyBo: required(translation.agency, 'agency'),
  /** The first words of the Tibetan overview, from the seed translation. */
  overviewBo: firstWords(required(translation.sections?.overview, 'sections.overview')),
} as const;

function required(value: string | undefined, what: string): string {
  if (value === undefined || value === '') throw new Error(`the seed translation has no ${what}`);
  return value;
}

/** The start of the first paragraph, up to its fourth tsheg: short enough to stay on one line. */
function firstWords(text: string): string {
  const paragraph = text.split('\n')[0]?.trim() ?? '';
  const syllables = paragraph.split('་');
  return syllables.slice(0, 4).join('་');
}
