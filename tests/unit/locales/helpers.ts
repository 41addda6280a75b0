/**
 * Shared readers for the locale tests: message trees, the glossary CSV and paragraph splitting.
 * Files are read from disk (not imported) so each test sees what is on disk now and checks the
 * shape of untyped JSON itself.
 */
import { readFileSync } from 'node:fs';
import type { MessageTree } from '../../../src/report/labels.ts';

/** A path under the project root. */
export function projectPath(relative: string): URL {
  return new URL(`../../../${relative}`, import.meta.url);
}

function isMessageTree(value: unknown, where: string): value is MessageTree {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected an object of messages`);
  }
  for (const [key, child] of Object.entries(value)) {
    if (typeof child !== 'string') isMessageTree(child, `${where}.${key}`);
  }
  return true;
}

/** A locale file (`locales/<name>.json`) as a message tree; throws when a value is neither string nor object. */
export function readMessages(locale: string): MessageTree {
  const value: unknown = JSON.parse(readFileSync(projectPath(`locales/${locale}.json`), 'utf8'));
  if (!isMessageTree(value, locale)) throw new Error('unreachable');
  return value;
}

/** Every leaf as [dotted key, message], in file order. */
export function leafEntries(tree: MessageTree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, child]): [string, string][] =>
    typeof child === 'string' ? [[prefix + key, child]] : leafEntries(child, `${prefix}${key}.`),
  );
}

/** Tibetan block U+0F00–U+0FFF. */
export const TIBETAN = /[\u0F00-\u0FFF]/u;

/** Private Use Area code points (BMP and planes 15–16): legacy precomposed Tibetan stacks. */
export const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{10FFFF}]/u;

/** The sorted, distinct `{name}` placeholders of a message. */
export function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

/** Paragraphs of a prose block: one per non-blank line. */
export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
