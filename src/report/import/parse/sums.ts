/**
 * The tables' own arithmetic as the importer's judge (issue 9): the table model's totals (R1, R2,
 * R4 sums, the R3 勾稽关系 and, when a report prints both, the R6 collapsed row) read over the
 * imported cells. A sum with a blank or absent cell is not checked, as the validator does (M1
 * reports the blank). What a failing sum touches is uncertain, unless a sum that holds vouches for
 * it: a single misread figure breaks every sum it is in, and only those.
 */
import type { CellKey, CellValue } from '../../model.ts';
import type { ReportTables } from '../../tables/index.ts';
import type { TableKey } from '../types.ts';

/** Two sides that must be equal, each a list of cells to add. */
interface Identity {
  left: readonly CellKey[];
  right: readonly CellKey[];
}

function identitiesOf(tables: ReportTables): Identity[] {
  const { sums, balances, collapsed } = tables.totals;
  return [
    ...[...sums, ...collapsed].map((s) => ({ left: s.parts, right: [s.total] })),
    ...balances.map((b) => ({ left: b.left, right: b.right })),
  ];
}

function tableOf(key: CellKey): string {
  return key.slice(0, key.indexOf('.'));
}

/** Money adds in cents; two sides closer than half a cent are equal. */
function equal(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

/** Whether an identity holds over `value`; undefined when a cell is blank or absent. */
function holds(identity: Identity, value: (key: CellKey) => CellValue | undefined): boolean | undefined {
  let left = 0;
  let right = 0;
  for (const [side, keys] of [['left', identity.left], ['right', identity.right]] as const) {
    for (const key of keys) {
      const v = value(key);
      if (v === null || v === undefined) return undefined;
      if (side === 'left') left += v;
      else right += v;
    }
  }
  return equal(left, right);
}

/**
 * The row sums of a row's cells (R1, R4): a function of the row's values in column order, or
 * undefined when no sum lies within the row.
 */
export function rowSumsCheck(tables: ReportTables, rowCells: readonly CellKey[]): ((values: readonly number[]) => boolean) | undefined {
  const inRow = new Set(rowCells);
  const own = tables.totals.sums.filter((s) => inRow.has(s.total) && s.parts.every((p) => inRow.has(p)));
  if (own.length === 0) return undefined;
  return (values) => {
    const at = new Map(rowCells.map((key, i) => [key, values[i]]));
    return own.every((s) => holds({ left: s.parts, right: [s.total] }, (key) => at.get(key)) === true);
  };
}

/** How a table's sums fare: how many could be checked, how many hold, and the cells left in doubt. */
export interface TableSums {
  table: TableKey;
  checked: number;
  holding: number;
  /** Cells with a figure in a failing sum that no holding sum vouches for. */
  doubtful: CellKey[];
  /** Cells with a figure that a holding sum vouches for and no failing sum touches. */
  confirmed: CellKey[];
}

/** The sums of each table that has any, over the imported cells. */
export function checkSums(tables: ReportTables, cells: Readonly<Record<CellKey, CellValue>>): TableSums[] {
  const value = (key: CellKey): CellValue | undefined => cells[key];
  const results = new Map<string, { checked: number; holding: number; held: Set<CellKey>; failed: Identity[] }>();
  for (const identity of identitiesOf(tables)) {
    const first = identity.right[0] ?? identity.left[0];
    if (first === undefined) continue;
    const table = tableOf(first);
    const result = results.get(table) ?? { checked: 0, holding: 0, held: new Set<CellKey>(), failed: [] };
    results.set(table, result);
    const verdict = holds(identity, value);
    if (verdict === undefined) continue;
    result.checked += 1;
    if (verdict) {
      result.holding += 1;
      for (const key of [...identity.left, ...identity.right]) result.held.add(key);
    } else {
      result.failed.push(identity);
    }
  }
  return [...results].map(([table, r]) => {
    const failing = new Set(r.failed.flatMap((f) => [...f.left, ...f.right]));
    const unvouched = [...failing].filter((key) => !r.held.has(key));
    // A failing sum all of whose cells other sums vouch for still says one of them is wrong.
    const doubtful = new Set(unvouched);
    for (const f of r.failed) {
      const keys = [...f.left, ...f.right];
      if (!keys.some((k) => doubtful.has(k))) for (const k of keys) doubtful.add(k);
    }
    return {
      table: table as TableKey,
      checked: r.checked,
      holding: r.holding,
      doubtful: [...doubtful].filter((key) => cells[key] !== null && cells[key] !== undefined),
      confirmed: [...r.held].filter((key) => !failing.has(key)),
    };
  });
}
