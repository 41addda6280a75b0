/**
 * Finds the rows of a table, in template order, among segments of label text and values
 * (report-format.md §7.1, §7.8, §7.9). A row missing from the source is reported, never guessed;
 * values under a label that is not a template row are reported as unplaced.
 */
import type { CellValue } from '../../model.ts';
import type { ImportReport, TableKey } from '../types.ts';
import type { CellToken } from './numbers.ts';
import { gluedReadings, isDigitRun } from './glued.ts';
import type { Segment } from './segments.ts';
import { bareKey, boundedDistance } from './text.ts';

/** A row to look for: its label (and variants) and how many values it holds. */
export interface RowSpec {
  id: string;
  labels: readonly string[];
  valueCount: number;
  /**
   * The row's own sums (R1, R4) on a reading of its values; absent for a row no sum checks. Only
   * a row that has them may have figures printed without a break cut into cells (parse/glued.ts).
   */
  sumsHold?: (values: readonly number[]) => boolean;
}

export interface RowValues {
  values: CellValue[];
  /** The tokens behind the values (units are read from them). */
  tokens: (CellToken | undefined)[];
  /** The values were cut from figures printed without a break: the row's sums chose the cut. */
  cutBySums?: true;
  /** The source ends inside this row: only its first `printed` cells were printed (the rest are absent, not blank). */
  printed?: number;
}

/**
 * How a source cut short inside a table ends: after a cell's separator (`… | 0 | 0 |`), or right
 * after a figure, which may then be cut short itself (`… | 2 | 1`: 1, or 12?).
 */
export type SourceEnd = 'after_separator' | 'after_figure';

/**
 * Figures printed without a break (`7000007`, `230 000023`): the one cut into the row's cells that
 * its sums confirm; undefined when none or several do.
 */
function cutBySums(spec: RowSpec, numbers: readonly CellToken[]): RowValues | undefined {
  if (spec.sumsHold === undefined || !numbers.every((t) => isDigitRun(t.raw))) return undefined;
  const confirmed = (gluedReadings(numbers.map((t) => t.raw), spec.valueCount) ?? []).filter(spec.sumsHold);
  const [only] = confirmed;
  if (only === undefined || confirmed.length > 1) return undefined;
  return { values: only, tokens: [], cutBySums: true };
}

/** How a found row was matched: what the placement checks (parse/placement.ts) judge. */
export interface RowEvidence {
  /** Index of the source segment (label run and its values) the row was read from. */
  segment: number;
  /** Its label was matched only typo-tolerantly, or inside longer text (not right before its values). */
  loose: boolean;
  /** The row was read blank: no figures after its label. */
  blank: boolean;
  /** Found only after the pass in template order, among the source rows it left over. */
  outOfOrder?: true;
}

/**
 * Figures that no row took: a source segment whose label is not a row the search reached, or the
 * figures printed after a row's own.
 */
export interface UnassignedSegment {
  segment: number;
  /** How many figures it prints. */
  figures: number;
}

export interface RowMatch {
  found: Map<string, RowValues>;
  missing: string[];
  unplaced: ImportReport['unplaced'];
  /** Per found row, in template order. */
  evidence: Map<string, RowEvidence>;
  unassigned: UnassignedSegment[];
}

// Labels this short (规章, 其他) match only at the end of a label run, right before its values,
// so 其他 cannot match inside 其他处理 or a column header.
const SHORT_LABEL = 3;
// How many later rows may be recognised before the row sought is declared missing.
const LOOKAHEAD = 3;

interface Hit {
  start: number;
  end: number;
  /** Matched with tolerated typos, not letter for letter. */
  loose: boolean;
  /** Label text after the label's last occurrence in the run (a heading may repeat it before the row). */
  trailing: number;
}

/**
 * `rivals`: the other rows' labels. A loose match that is as close to one of them is that row, not
 * a typo of this one: 本年新收政府信息公开申请数量 is three edits from 上年结转政府信息公开申请数量.
 */
function findLabel(text: string, from: number, label: string, allowShort: boolean, rivals: readonly string[]): Hit | undefined {
  if (label.length <= SHORT_LABEL) {
    if (!allowShort) return undefined;
    return text.endsWith(label) && text.length - label.length >= from
      ? { start: text.length - label.length, end: text.length, loose: false, trailing: 0 }
      : undefined;
  }
  const exact = text.indexOf(label, from);
  if (exact >= 0) return { start: exact, end: exact + label.length, loose: false, trailing: text.length - text.lastIndexOf(label) - label.length };
  // Typos in real reports (其他法律行政止公开): tolerate about one error in four characters. Only
  // at the end of the run, where a row label stands right before its values: this keeps the
  // search cheap and stops long header runs from matching loosely.
  const maxErrors = Math.floor(label.length / 4);
  if (maxErrors === 0) return undefined;
  for (let length = label.length - maxErrors; length <= label.length + maxErrors; length += 1) {
    const start = text.length - length;
    if (length <= 0 || start < from) continue;
    const candidate = text.slice(start);
    const distance = boundedDistance(candidate, label, maxErrors);
    if (distance > maxErrors) continue;
    if (rivals.some((rival) => rival !== label && boundedDistance(candidate, rival, distance) <= distance)) continue;
    return { start, end: text.length, loose: true, trailing: 0 };
  }
  return undefined;
}

function findSpec(text: string, from: number, spec: RowSpec, allowShort: boolean, rivals: readonly string[]): Hit | undefined {
  let best: Hit | undefined;
  for (const label of spec.labels) {
    const hit = findLabel(text, from, bareKey(label), allowShort, rivals);
    if (hit !== undefined && (best === undefined || hit.start < best.start)) best = hit;
  }
  return best;
}

function assign(spec: RowSpec, segment: Segment, table: TableKey, unplaced: ImportReport['unplaced'], sourceEnd?: SourceEnd): RowValues | undefined {
  const tokens = segment.values;
  // Figures too long to be one (平潭's 政府集中采购13575394432.52元, a count and an amount run
  // together) stay in the label text: printed, so not blank, but not readable either.
  const unread = tokens.length === 0 ? /\d[\d.,]*\s*(?:万元|元)?$/u.exec(segment.raw.trim()) : null;
  if (unread !== null) {
    unplaced.push({ table, context: segment.raw, values: [unread[0]], reason: 'count_mismatch' });
    return undefined;
  }
  const numbers = tokens.filter((t) => t.kind === 'number');
  // Positional blanks are only known in structured rows; in plain text a row printed with fewer
  // values than columns cannot say which cells are blank, so nothing is placed (M1 shows blanks).
  const usable = segment.structured ? tokens : numbers;
  if (numbers.some((t) => Number.isNaN(t.value)) && usable.length >= spec.valueCount) {
    // Figures run together that no cut of the row could be asked for: listed, not placed.
    unplaced.push({ table, context: segment.raw, values: numbers.map((t) => t.raw), reason: 'count_mismatch' });
    return undefined;
  }
  if (usable.length < spec.valueCount && numbers.length > 0) {
    const cut = segment.structured ? undefined : cutBySums(spec, numbers);
    if (cut !== undefined) return cut;
    const partial = sourceEnd === undefined ? undefined : cutShortRow(segment, usable, sourceEnd);
    if (partial !== undefined) {
      if (partial.dropped !== undefined) unplaced.push({ table, context: segment.raw, values: [partial.dropped], reason: 'count_mismatch' });
      return partial.row;
    }
    // The values were printed but cannot be placed: the cells stay absent (not blank, which M1
    // would report as "not filled") and the values are listed for the user.
    unplaced.push({ table, context: segment.raw, values: numbers.map((t) => t.raw), reason: 'count_mismatch' });
    return undefined;
  }
  // A `|` rendering may pad a cell that spans several columns with empty cells. After the values
  // (corpus 05/06/14: `| 行政许可 | 27 | ||`) the values are the first cells; right after a spanning
  // label (`| 一、本年新收… | | | 4 | 0 | …`) they are the last ones. Extra cells that are all blank
  // at the start while the end is not all blank can only be such leading padding. When both ends
  // are blank the side cannot be told from the row alone: it is read from the start, as before.
  const excess = usable.length - spec.valueCount;
  const isBlank = (t: CellToken): boolean => t.kind === 'blank';
  const leadingPadding = excess > 0 && usable.slice(0, excess).every(isBlank) && !usable.slice(-excess).every(isBlank);
  const start = leadingPadding ? excess : 0;
  const taken = usable.slice(start, start + spec.valueCount);
  const extra = usable.slice(start + spec.valueCount).filter((t) => t.kind === 'number');
  if (extra.length > 0) {
    unplaced.push({ table, context: segment.raw, values: extra.map((t) => t.raw), reason: 'extra_values' });
  }
  const values = Array.from({ length: spec.valueCount }, (_, i): CellValue => {
    const token = taken[i];
    return token?.kind === 'number' ? token.value : null;
  });
  return { values, tokens: taken };
}

/**
 * A table row the source ends inside (`7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 |` and nothing
 * after): its cells are positional, so the printed ones are its first cells and the rest were never
 * printed. A figure the source ends on without a separator after it may be cut short itself: it is
 * listed, not placed. Plain text says nothing of positions (a blank cell leaves no trace): not read.
 */
function cutShortRow(segment: Segment, usable: readonly CellToken[], sourceEnd: SourceEnd): { row: RowValues; dropped?: string } | undefined {
  if (!segment.structured || usable.some((t) => t.kind === 'number' && Number.isNaN(t.value))) return undefined;
  const last = usable.at(-1);
  const dropLast = sourceEnd === 'after_figure' && last?.kind === 'number';
  const printed = dropLast ? usable.slice(0, -1) : [...usable];
  if (!printed.some((t) => t.kind === 'number')) return undefined;
  const values = printed.map((t): CellValue => (t.kind === 'number' ? t.value : null));
  const row: RowValues = { values, tokens: printed, printed: printed.length };
  return dropLast ? { row, dropped: last.raw } : { row };
}

/**
 * The text after a row's label starts a later row's label, whole or cut off ("（七）总计 / 四、结转下年"
 * and the text ends): the row was printed, with empty cells. A stray character ("部分公开（区", its
 * own note cut off) is not a label.
 */
function labelFollows(rest: string, later: readonly RowSpec[]): boolean {
  if (rest.length < 2) return false;
  return later.some((spec) => spec.labels.map(bareKey).some((label) => rest.includes(label) || label.startsWith(rest.slice(0, label.length))));
}

/**
 * Matches `specs` in order against `segments`. `cut`: the source ends inside this table (a page
 * cut short). Its last row, when nothing at all follows the label ("（二）部分公开（区" and the text ends),
 * was never printed: missing, not blank (M1). Rows whose label another label follows were printed
 * with empty cells (an empty table's labels one per line).
 */
export function matchRows(segments: readonly Segment[], specs: readonly RowSpec[], table: TableKey, cut = false, sourceEnd: SourceEnd = 'after_figure'): RowMatch {
  const found = new Map<string, RowValues>();
  const missing: string[] = [];
  const unplaced: ImportReport['unplaced'] = [];
  const evidence = new Map<string, RowEvidence>();
  const unassigned: UnassignedSegment[] = [];
  const leftOverEntries = new Map<number, ImportReport['unplaced'][number]>();
  const leftOver = (index: number, segment: Segment): void => {
    const entry = { table, context: segment.raw, values: segment.values.map((v) => v.raw), reason: 'unknown_row' as const };
    unplaced.push(entry);
    leftOverEntries.set(index, entry);
    unassigned.push({ segment: index, figures: segment.values.filter((v) => v.kind === 'number').length });
  };
  let segmentIndex = 0;
  let offset = 0;
  const rivals = specs.flatMap((spec) => spec.labels.map(bareKey));

  specs.forEach((spec, specIndex) => {
    // A short label (总计, 其他) is also a column header word: trust it only once the table's
    // first row, or an earlier row, has been found, i.e. after the header.
    const allowShort = specIndex === 0 || found.size > 0;
    const later = specs.slice(specIndex + 1, specIndex + 1 + LOOKAHEAD);
    for (let s = segmentIndex; s < segments.length; s += 1) {
      const segment = segments[s];
      if (segment === undefined) break;
      const from = s === segmentIndex ? offset : 0;
      const hit = findSpec(segment.bare, from, spec, allowShort, rivals);
      const laterHit = later.map((l) => findSpec(segment.bare, from, l, allowShort, rivals)).find((h) => h !== undefined);
      if (laterHit !== undefined && (hit === undefined || laterHit.start < hit.start)) break; // row missing
      if (hit === undefined) continue;
      for (let skipped = segmentIndex; skipped < s; skipped += 1) {
        const passed = segments[skipped];
        if (passed !== undefined && passed.values.some((v) => v.kind === 'number') && !(skipped === segmentIndex && offset > 0)) leftOver(skipped, passed);
      }
      // Another row's label after this one in the same run: this row printed no values at all.
      const nextLabelFollows = later.slice(0, 1).some((l) => findSpec(segment.bare, hit.end, l, true, rivals) !== undefined);
      if (cut && s === segments.length - 1 && segment.values.length === 0 && !labelFollows(segment.bare.slice(hit.end), later)) break;
      // A label with more text after it than its own length stands inside a sentence (a
      // definition naming another row: 规章…是指…的规范性文件), not right before its values.
      const loose = hit.loose || hit.trailing > hit.end - hit.start;
      if (nextLabelFollows) {
        found.set(spec.id, { values: Array<CellValue>(spec.valueCount).fill(null), tokens: [] });
        evidence.set(spec.id, { segment: s, loose: hit.loose, blank: true });
        segmentIndex = s;
        offset = hit.end;
      } else {
        const before = unplaced.length;
        const values = assign(spec, segment, table, unplaced, cut && s === segments.length - 1 ? sourceEnd : undefined);
        // Figures after the row's own are left over from the same source row, or are the next one's.
        const extra = unplaced.slice(before).find((u) => u.reason === 'extra_values');
        if (extra !== undefined) unassigned.push({ segment: s, figures: extra.values.length });
        if (values !== undefined) {
          found.set(spec.id, values);
          evidence.set(spec.id, { segment: s, loose, blank: values.values.every((v) => v === null) });
        }
        segmentIndex = s + 1;
        offset = 0;
      }
      return;
    }
    missing.push(spec.id);
  });

  for (let s = segmentIndex; s < segments.length; s += 1) {
    const rest = segments[s];
    if (rest !== undefined && rest.values.some((v) => v.kind === 'number') && !(s === segmentIndex && offset > 0)) leftOver(s, rest);
  }
  placeOutOfOrder({ segments, specs, table, found, missing, evidence, unassigned, unplaced, leftOverEntries });
  return { found, missing, unplaced, evidence, unassigned };
}

interface OutOfOrderPass {
  segments: readonly Segment[];
  specs: readonly RowSpec[];
  table: TableKey;
  found: Map<string, RowValues>;
  missing: string[];
  evidence: Map<string, RowEvidence>;
  unassigned: UnassignedSegment[];
  unplaced: ImportReport['unplaced'];
  leftOverEntries: Map<number, ImportReport['unplaced'][number]>;
}

/**
 * Rows printed out of the template's order (上海科委 2024 prints 二's 第二十条第（一）项 table after
 * the others): a row still missing takes a left-over source row whose label run ends with its own
 * label (exact, and no other row's) and that prints as many figures as it has cells, when exactly
 * one such source row exists. `outOfOrder` marks it for the placement checks.
 */
function placeOutOfOrder(pass: OutOfOrderPass): void {
  const { segments, specs, table, found, missing, evidence, unassigned, unplaced, leftOverEntries } = pass;
  const uses = new Map<string, number>();
  for (const label of specs.flatMap((spec) => [...new Set(spec.labels.map(bareKey))])) uses.set(label, (uses.get(label) ?? 0) + 1);
  for (const id of [...missing]) {
    const spec = specs.find((s) => s.id === id);
    if (spec === undefined) continue;
    const own = spec.labels.map(bareKey).filter((label) => uses.get(label) === 1);
    const candidates = unassigned.filter((u) => {
      const segment = segments[u.segment];
      return leftOverEntries.has(u.segment) && u.figures === spec.valueCount && segment !== undefined && own.some((label) => segment.bare.endsWith(label));
    });
    const [only] = candidates;
    const segment = only === undefined ? undefined : segments[only.segment];
    if (only === undefined || candidates.length > 1 || segment === undefined) continue;
    const problems: ImportReport['unplaced'] = [];
    const values = assign(spec, segment, table, problems);
    if (values === undefined || problems.length > 0) continue;
    found.set(id, values);
    evidence.set(id, { segment: only.segment, loose: false, blank: values.values.every((v) => v === null), outOfOrder: true });
    missing.splice(missing.indexOf(id), 1);
    unassigned.splice(unassigned.indexOf(only), 1);
    const entry = leftOverEntries.get(only.segment);
    if (entry !== undefined) unplaced.splice(unplaced.indexOf(entry), 1);
    leftOverEntries.delete(only.segment);
  }
}
