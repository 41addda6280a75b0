/**
 * The review as files a translation bureau works on offline: XLIFF 2.0 (through the `xliff`
 * library: what CAT tools read) and CSV (a spreadsheet). Both carry each item's id, Chinese
 * source, current Tibetan, and as notes the glossary's sources and the suggestions kept for the
 * reviewer. Coming back, a file becomes decisions, shown as a diff before anything is applied:
 * - a Tibetan text that differs from the current one is an edit;
 * - an unchanged one is accepted when the file says it was reviewed (XLIFF segment state
 *   `reviewed` or `final`; CSV `reviewed` = yes), and is nothing otherwise;
 * - a comment is recorded unless that comment on that item is in the log already.
 * So importing the same file twice changes nothing the second time.
 */
import { parse } from 'csv-parse/sync';
import js2xliff from 'xliff/js2xliff';
import xliff2js from 'xliff/xliff2js';
import type { ReviewImportResponse } from '../../contract/review.ts';
import type { ReviewItem } from '../../report/review/items.ts';
import { csvText } from '../oversight/csv.ts';
import type { ReviewLogRow } from '../storage/types.ts';
import type { ReviewDecision } from './service.ts';

export type ReviewFileFormat = 'xliff' | 'csv';

/** One unit of a file sent back. */
export interface ReturnedUnit {
  itemId: string;
  bo?: string;
  reviewed: boolean;
  comment?: string;
}

/** A file that cannot be read as a review file, as a code the UI words. */
export class ReviewFileError extends Error {
  constructor(readonly code: 'unreadable' | 'no_units') {
    super(code);
    this.name = 'ReviewFileError';
  }
}

const CSV_HEADER = ['id', 'kind', 'key', 'zh', 'bo', 'reviewed', 'comment', 'status', 'glossary', 'suggestions'];

function notesOf(item: ReviewItem): string[] {
  const notes: string[] = [];
  if (item.glossary !== undefined) notes.push(`glossary-bo.csv (${item.glossary.confidence}): ${item.glossary.source}${item.glossary.notes === '' ? '' : ` — ${item.glossary.notes}`}`);
  for (const term of item.terms) notes.push(`${term.zh} = ${term.bo} (${term.confidence}): ${term.source}`);
  for (const note of item.pending) notes.push(`${note.zh}${note.suggestion === '' ? '' : ` → ${note.suggestion}`} (${note.certainty}): ${note.note} [${note.source}]`);
  return notes;
}

/** The items as XLIFF 2.0, one <file> per kind; each segment's state says whether it is reviewed. */
export async function toXliff(items: readonly ReviewItem[]): Promise<string> {
  const resources: Record<string, Record<string, { source: string; target: string; note?: string[] }>> = {};
  for (const item of items) {
    const notes = notesOf(item);
    (resources[item.kind] ??= {})[item.id] = { source: item.zh, target: item.bo, ...(notes.length === 0 ? {} : { note: notes }) };
  }
  const xml = await js2xliff({ resources, sourceLanguage: 'zh-Hans', targetLanguage: 'bo' });
  // The library writes no segment state: each segment gets its item's, in the same order.
  const states = items.map((item) => (item.status === 'unreviewed' ? 'translated' : 'reviewed'));
  let i = 0;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml.replace(/<segment>/gu, () => `<segment state="${states[i++] ?? 'translated'}">`)}\n`;
}

/** The items as CSV (UTF-8 with BOM, for spreadsheets): edit `bo`, set `reviewed` to yes, add a `comment`. */
export function toCsv(items: readonly ReviewItem[]): string {
  const rows = items.map((item) => [item.id, item.kind, item.key, item.zh, item.bo, item.status === 'unreviewed' ? 'no' : 'yes', '', item.status, item.glossary?.source ?? '', notesOf(item).join('\n')]);
  return csvText(CSV_HEADER, rows, CSV_HEADER.map((name) => name === 'bo' || name === 'comment'));
}

interface XliffUnit {
  source?: unknown;
  target?: unknown;
  note?: unknown;
}

async function readXliff(text: string): Promise<ReturnedUnit[]> {
  let js: { resources?: Record<string, Record<string, XliffUnit>> };
  try {
    js = (await xliff2js(text)) as typeof js;
  } catch {
    throw new ReviewFileError('unreadable');
  }
  // Segment states, by unit id (the library does not read them).
  const states = new Map<string, string>();
  for (const m of text.matchAll(/<unit\b[^>]*?\bid="([^"]+)"[^>]*>[\s\S]*?<segment\b([^>]*)>/gu)) {
    states.set(m[1] ?? '', /\bstate="([a-z]+)"/u.exec(m[2] ?? '')?.[1] ?? 'initial');
  }
  const units: ReturnedUnit[] = [];
  for (const file of Object.values(js.resources ?? {})) {
    for (const [itemId, unit] of Object.entries(file)) {
      const state = states.get(itemId) ?? 'initial';
      units.push({ itemId, ...(typeof unit.target === 'string' ? { bo: unit.target } : {}), reviewed: state === 'reviewed' || state === 'final' });
    }
  }
  return units;
}

function readCsv(text: string): ReturnedUnit[] {
  let rows: Record<string, string>[];
  try {
    const firstLine: unknown = parse(text, { to_line: 1 });
    const header = Array.isArray(firstLine) && Array.isArray(firstLine[0]) ? (firstLine[0] as unknown[]) : [];
    if (!header.includes('id') || !header.includes('bo')) throw new ReviewFileError('unreadable');
    rows = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, relax_column_count: true });
  } catch {
    throw new ReviewFileError('unreadable');
  }
  return rows.map((row) => {
    // A text typed starting like a formula was exported with a leading ' (csv.ts): take it off.
    const unquote = (value: string | undefined): string | undefined => (value === undefined ? undefined : value.replace(/^'(?=[=+\-@\t\r])/u, ''));
    const comment = unquote(row.comment)?.trim();
    const bo = unquote(row.bo);
    return {
      itemId: row.id ?? '',
      ...(bo === undefined ? {} : { bo }),
      reviewed: /^(yes|y|是|1|true)$/iu.test((row.reviewed ?? '').trim()),
      ...(comment === undefined || comment === '' ? {} : { comment }),
    };
  });
}

/** Reads a file sent back; the format from its first characters. */
export async function readReviewFile(text: string): Promise<{ format: ReviewFileFormat; units: ReturnedUnit[] }> {
  const trimmed = text.replace(/^\uFEFF/u, '').trimStart();
  const format: ReviewFileFormat = trimmed.startsWith('<') ? 'xliff' : 'csv';
  const units = format === 'xliff' ? await readXliff(trimmed) : readCsv(trimmed);
  if (units.length === 0) throw new ReviewFileError('no_units');
  return { format, units };
}

/** What importing a file would do, as the answer shows it before anything is applied. */
export type ImportPlan = Pick<ReviewImportResponse, 'changes' | 'unknown' | 'unchanged'>;

/** What importing the units would do to the items as they are now. */
export function planImport(units: readonly ReturnedUnit[], items: readonly ReviewItem[], log: readonly ReviewLogRow[]): ImportPlan {
  const byId = new Map(items.map((item) => [item.id, item]));
  const comments = new Set(log.filter((e) => e.comment !== undefined).map((e) => `${e.itemId}\n${e.comment ?? ''}`));
  const plan: ImportPlan = { changes: [], unknown: [], unchanged: 0 };
  for (const unit of units) {
    const item = byId.get(unit.itemId);
    if (item === undefined) {
      plan.unknown.push(unit.itemId);
      continue;
    }
    const base = { itemId: item.id, key: item.key, zh: item.zh, before: item.bo };
    // Outer spaces do not count: XML tools and spreadsheets drop them (reader.cell.previous ends in one).
    const text = unit.bo?.normalize('NFC').trim();
    const newComment = unit.comment !== undefined && !comments.has(`${item.id}\n${unit.comment}`) ? unit.comment : undefined;
    const withComment = newComment === undefined ? {} : { comment: newComment };
    if (text !== undefined && text !== '' && text !== item.bo.trim()) plan.changes.push({ ...base, action: 'edit', after: text, ...withComment });
    else if (unit.reviewed && item.status === 'unreviewed') plan.changes.push({ ...base, action: 'accept', after: item.bo, ...withComment });
    else if (newComment !== undefined) plan.changes.push({ ...base, action: 'comment', comment: newComment });
    else plan.unchanged += 1;
  }
  return plan;
}

/** The decisions that apply a plan. */
export function planDecisions(plan: ImportPlan): ReviewDecision[] {
  return plan.changes.map((c) => ({ itemId: c.itemId, action: c.action, ...(c.after === undefined ? {} : { bo: c.after }), ...(c.comment === undefined ? {} : { comment: c.comment }) }));
}
