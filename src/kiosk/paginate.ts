/**
 * The kiosk's pagination engine: packs a report's units into screens that fit a height budget,
 * so nothing ever scrolls. Pure: heights come from a `Measurer` (in the browser, an offscreen
 * container that renders the very components the screen uses — see useKioskPages; in tests, fake
 * heights).
 *
 * A unit is one thing of the report (the cover, a heading, a paragraph, a table) in one or more
 * lanes. Lanes are languages laid out together: one lane for a single language; two lanes for the
 * two languages, shown either as two columns of one screen (side by side) or as two screens shown
 * one after the other (page-by-page alternation). Either way the lanes break together: a screen
 * covers the same units in both languages, so zh page 3 and bo page 3 say the same thing. Within a
 * screen each lane flows on its own. A spanning unit (a bilingual table on a wide screen) starts
 * under the longest lane and runs across all of them.
 *
 * Cutting: prose by sentence; by clause, then syllable, when no sentence fits or a screen would
 * otherwise stay emptier than `fill` (text-split.ts). Tables
 * between rows, with caption and header repeated on every screen, never leaving a merged group
 * row last; a heading never ends a screen.
 */
import type { KioskBlock, TableBlock } from './blocks.ts';
import { breakOffsets, SPLIT_LEVELS } from './text-split.ts';

/** A unit of the report in each lane (null: nothing in that language for it). */
export interface Unit {
  /** Stable id (`cover`, `overview:h`, `overview:p2`, `requests:t`…): keeps the place on re-pagination. */
  id: string;
  lanes: readonly (KioskBlock | null)[];
  /** Drawn across all lanes (lanes then holds one block). */
  span?: boolean;
  /** Never the last thing on a screen (headings). */
  keepWithNext?: boolean;
}

/**
 * What lands on a screen: a block or part of it. For text `from`/`to` are character offsets, for
 * a table body-row offsets; other blocks are whole (0, 1).
 */
export interface Piece {
  key: string;
  unit: string;
  block: KioskBlock;
  from: number;
  to: number;
}

/** A horizontal band of a screen: lanes flowing side by side, or one piece across them. */
export type Band = { kind: 'lanes'; lanes: Piece[][] } | { kind: 'span'; piece: Piece };

export interface Screen {
  bands: Band[];
  /** Ids of the units with something on this screen, in order. */
  units: string[];
  /** Something did not fit even alone on an empty screen (it is drawn anyway, clipped). */
  overflow: boolean;
}

/** Where a piece is drawn: in lane n, or across all lanes. */
export type Place = number | 'span';

/**
 * A table's heights: caption plus header on its first screen (`head`) and on the screens after
 * (`continued`: the caption says "（续）", and a table without a caption gets one), and each body row.
 */
export interface TableHeights {
  head: number;
  continued: number;
  rows: readonly number[];
}

/** Heights in CSS px, as rendered. */
export interface Measurer {
  /** Height of a piece drawn alone (for a table: caption, header and its rows). */
  piece(piece: Piece, place: Place): number;
  /** Heights of a table's caption plus header, and of each body row, when drawn whole. */
  table(block: TableBlock, place: Place): TableHeights;
}

export interface PaginateOptions {
  /** Height available for content on one screen. */
  budget: number;
  /** Vertical space between two pieces of a lane. */
  gap: number;
  /** Number of lanes (1 or 2). */
  lanes: number;
  /**
   * Share of the budget (0–1) a lane should be filled to before its prose is cut between clauses
   * or syllables rather than sentences; 0 or absent: sentences only (finer only at the top of a
   * screen, when no sentence fits).
   */
  fill?: number;
}

/** Where each lane stands in the current unit: the next offset, or 'done'. */
type Cursor = number | 'done';

interface State {
  used: number[];
  bands: Band[];
  units: string[];
  overflow: boolean;
}

const emptyState = (lanes: number): State => ({ used: Array<number>(lanes).fill(0), bands: [], units: [], overflow: false });
const cloneState = (s: State): State => ({
  used: [...s.used],
  bands: s.bands.map((b) => (b.kind === 'span' ? b : { kind: 'lanes', lanes: b.lanes.map((l) => [...l]) })),
  units: [...s.units],
  overflow: s.overflow,
});
const isEmpty = (s: State): boolean => s.bands.length === 0;

/** Length of a block in the unit pagination counts: characters, rows, or 1. */
function extent(block: KioskBlock): number {
  if (block.kind === 'text') return block.text.length;
  if (block.kind === 'table') return block.rows.length;
  return 1;
}

function makePiece(unit: Unit, block: KioskBlock, lane: Place, from: number, to: number): Piece {
  return { key: `${unit.id}:${String(lane)}:${from}`, unit: unit.id, block, from, to };
}

/** Result of fitting (part of) a block into the room left: the piece and where the block continues. */
interface Fit {
  piece: Piece;
  height: number;
  next: Cursor;
}

/**
 * The largest offset of `candidates` (ascending) whose prefix fits `room`, by binary search
 * (heights of longer prefixes are never smaller).
 */
function largestFitting(candidates: readonly number[], fits: (to: number) => number | undefined): { to: number; height: number } | undefined {
  let lo = 0;
  let hi = candidates.length - 1;
  let best: { to: number; height: number } | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const to = candidates[mid] ?? 0;
    const height = fits(to);
    if (height !== undefined) {
      best = { to, height };
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best;
}

/**
 * Fits text from `from` into `room`: all of it, else the longest prefix ending at a break. Breaks
 * between sentences first; between clauses, then syllables, while what fits leaves the lane
 * shorter than `short` (the screen would go on half empty; Tibetan writes few clause marks), and
 * at the top of a screen when nothing fits (the text is taller than a screen otherwise).
 */
function fitText(unit: Unit, block: Extract<KioskBlock, { kind: 'text' }>, place: Place, from: number, room: number, short: number, atTop: boolean, measure: Measurer, force: boolean): Fit | undefined {
  const end = block.text.length;
  const whole = makePiece(unit, block, place, from, end);
  const wholeHeight = measure.piece(whole, place);
  if (wholeHeight <= room) return { piece: whole, height: wholeHeight, next: 'done' };
  let best: { to: number; height: number } | undefined;
  for (const level of SPLIT_LEVELS) {
    // Finer only while the lane stays short of `short`, or when nothing fits an empty screen.
    if (level !== 'sentence' && (best?.height ?? 0) >= short && (best !== undefined || !atTop)) break;
    const candidates = breakOffsets(block.text, level).filter((offset) => offset > from);
    const found = largestFitting(candidates, (to) => {
      const height = measure.piece(makePiece(unit, block, place, from, to), place);
      return height <= room ? height : undefined;
    });
    if (found !== undefined && (best === undefined || found.height > best.height)) best = found;
  }
  if (best !== undefined) return { piece: makePiece(unit, block, place, from, best.to), height: best.height, next: best.to };
  if (!force) return undefined;
  // Not even one syllable fits an empty screen: draw the smallest piece anyway.
  const first = breakOffsets(block.text, 'syllable').find((offset) => offset > from) ?? end;
  const piece = makePiece(unit, block, place, from, first);
  return { piece, height: measure.piece(piece, place), next: first === end ? 'done' : first };
}

/** How many rows of a table, from row `from`, fit `room` under the repeated caption and header. */
function tableRowsFitting(block: TableBlock, from: number, room: number, heights: TableHeights): number {
  let total = from > 0 ? heights.continued : heights.head;
  let count = 0;
  for (let i = from; i < block.rows.length; i += 1) {
    total += heights.rows[i] ?? 0;
    if (total > room) break;
    count += 1;
  }
  // A merged group row ("（三）不予公开") belongs with the rows under it.
  while (count > 0 && from + count < block.rows.length && block.rows[from + count - 1]?.kind === 'group') count -= 1;
  return count;
}

function tablePiece(unit: Unit, block: TableBlock, place: Place, from: number, count: number, heights: TableHeights): Fit {
  const to = from + count;
  let height = from > 0 ? heights.continued : heights.head;
  for (let i = from; i < to; i += 1) height += heights.rows[i] ?? 0;
  return { piece: makePiece(unit, block, place, from, to), height, next: to >= block.rows.length ? 'done' : to };
}

/** Fits a non-table block (atomic or text). */
function fitBlock(unit: Unit, block: KioskBlock, place: Place, from: number, room: number, short: number, atTop: boolean, measure: Measurer, force: boolean): Fit | undefined {
  if (block.kind === 'text') return fitText(unit, block, place, from, room, short, atTop, measure, force);
  const piece = makePiece(unit, block, place, 0, extent(block));
  const height = measure.piece(piece, place);
  return height <= room || force ? { piece, height, next: 'done' } : undefined;
}

interface Placed {
  state: State;
  cursors: Cursor[];
  progress: boolean;
  done: boolean;
}

/** The least height a piece starting at `top` must have for its lane to reach `options.fill`. */
function shortOf(top: number, options: PaginateOptions): number {
  return (options.fill ?? 0) * options.budget - top;
}

function roomIn(state: State, lane: number, budget: number, gap: number): { top: number; room: number } {
  const used = state.used[lane] ?? 0;
  const top = used > 0 ? used + gap : 0;
  return { top, room: budget - top };
}

function lanesBand(state: State, lanes: number): Piece[][] {
  const last = state.bands.at(-1);
  if (last?.kind === 'lanes') return last.lanes;
  const band: Band = { kind: 'lanes', lanes: Array.from({ length: lanes }, () => [] as Piece[]) };
  state.bands.push(band);
  return band.lanes;
}

/** Places as much of `unit` as fits on the screen `state`, from `cursors`. Does not mutate `state`. */
function place(unit: Unit, cursors: readonly Cursor[], given: State, options: PaginateOptions, measure: Measurer, force: boolean): Placed {
  const state = cloneState(given);
  const { budget, gap, lanes } = options;
  const next = [...cursors];
  let progress = false;

  if (unit.span === true) {
    const block = unit.lanes[0];
    const from = cursors[0];
    if (block === null || block === undefined || from === 'done' || from === undefined) {
      return { state, cursors: next.map((): Cursor => 'done'), progress: false, done: true };
    }
    const top = Math.max(...state.used);
    const start = top > 0 ? top + gap : 0;
    const room = budget - start;
    let fit: Fit | undefined;
    if (block.kind === 'table') {
      const heights = measure.table(block, 'span');
      const count = tableRowsFitting(block, from, room, heights);
      if (count > 0 || force) fit = tablePiece(unit, block, 'span', from, Math.max(count, 1), heights);
    } else {
      fit = fitBlock(unit, block, 'span', from, room, shortOf(start, options), start === 0, measure, force);
    }
    if (fit === undefined) return { state, cursors: next, progress: false, done: false };
    state.bands.push({ kind: 'span', piece: fit.piece });
    state.used = state.used.map(() => start + fit.height);
    if (start + fit.height > budget) state.overflow = true;
    next[0] = fit.next;
    return { state, cursors: next, progress: true, done: fit.next === 'done' };
  }

  const table = unit.lanes.find((b): b is TableBlock => b?.kind === 'table');
  if (table !== undefined) {
    // Lanes of a table hold the same rows: they are cut at the same row in every lane.
    const active = unit.lanes.map((b, lane) => ({ b, lane, from: cursors[lane] })).filter(
      (x): x is { b: TableBlock; lane: number; from: number } => x.b?.kind === 'table' && typeof x.from === 'number',
    );
    const fits = active.map(({ b, lane, from }) => {
      const heights = measure.table(b, lane);
      const { room } = roomIn(state, lane, budget, gap);
      return { b, lane, from, heights, count: tableRowsFitting(b, from, room, heights) };
    });
    let count = Math.min(...fits.map((f) => f.count));
    if (count === 0 && force) count = 1;
    if (count > 0) {
      const band = lanesBand(state, lanes);
      for (const f of fits) {
        const fit = tablePiece(unit, f.b, f.lane, f.from, count, f.heights);
        band[f.lane]?.push(fit.piece);
        const { top } = roomIn(state, f.lane, budget, gap);
        state.used[f.lane] = top + fit.height;
        if (top + fit.height > budget) state.overflow = true;
        next[f.lane] = fit.next;
        progress = true;
      }
    }
    for (let lane = 0; lane < lanes; lane += 1) if (unit.lanes[lane]?.kind !== 'table') next[lane] = 'done';
    return { state, cursors: next, progress, done: next.every((c) => c === 'done') };
  }

  for (let lane = 0; lane < lanes; lane += 1) {
    const block = unit.lanes[lane];
    const from = cursors[lane];
    if (block === null || block === undefined || from === 'done' || from === undefined) {
      next[lane] = 'done';
      continue;
    }
    const { top, room } = roomIn(state, lane, budget, gap);
    const fit = fitBlock(unit, block, lane, from, room, shortOf(top, options), top === 0, measure, force && top === 0);
    if (fit === undefined) continue;
    lanesBand(state, lanes)[lane]?.push(fit.piece);
    state.used[lane] = top + fit.height;
    if (top + fit.height > budget) state.overflow = true;
    next[lane] = fit.next;
    progress = true;
  }
  return { state, cursors: next, progress, done: next.every((c) => c === 'done') };
}

function startCursors(unit: Unit, lanes: number): Cursor[] {
  return Array.from({ length: lanes }, (_, lane) => {
    const block = unit.span === true ? (lane === 0 ? unit.lanes[0] : null) : unit.lanes[lane];
    return block === null || block === undefined ? 'done' : 0;
  });
}

function touch(state: State, unit: Unit): void {
  if (state.units.at(-1) !== unit.id) state.units.push(unit.id);
}

/** Packs `units` into screens of `options.budget` px. Every unit is placed, in order, once. */
export function paginate(units: readonly Unit[], measure: Measurer, options: PaginateOptions): Screen[] {
  const screens: Screen[] = [];
  let state = emptyState(options.lanes);
  const close = (): void => {
    screens.push({ bands: state.bands, units: state.units, overflow: state.overflow });
    state = emptyState(options.lanes);
  };

  let index = 0;
  let cursors = units[0] === undefined ? [] : startCursors(units[0], options.lanes);
  while (index < units.length) {
    const unit = units[index];
    if (unit === undefined) break;
    if (cursors.every((c) => c === 'done')) {
      index += 1;
      const following = units[index];
      if (following !== undefined) cursors = startCursors(following, options.lanes);
      continue;
    }
    const empty = isEmpty(state);
    const placed = place(unit, cursors, state, options, measure, empty);
    if (!placed.progress) {
      close();
      continue;
    }
    // A heading must not end a screen: if nothing of what follows fits after it, start anew.
    const following = units[index + 1];
    if (unit.keepWithNext === true && placed.done && !empty && following !== undefined) {
      const start = startCursors(following, options.lanes);
      const after = place(following, start, placed.state, options, measure, false);
      // Every lane that has something of the next unit must get some of it on this screen.
      if (!after.cursors.every((c, lane) => start[lane] === 'done' || c !== start[lane])) {
        close();
        continue;
      }
    }
    state = placed.state;
    touch(state, unit);
    cursors = placed.cursors;
    if (!placed.done) close();
  }
  if (!isEmpty(state)) close();
  return screens;
}

/** The pieces of one lane of a screen, in order (a spanning piece belongs to every lane). */
export function lanePieces(screen: Screen, lane: number): Piece[] {
  return screen.bands.flatMap((band) => (band.kind === 'span' ? [band.piece] : (band.lanes[lane] ?? [])));
}
