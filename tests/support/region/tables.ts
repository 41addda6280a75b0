/**
 * Plausible figures for one report that add up: table 三's rows and columns (R1–R3), table 四's
 * groups (R4), cross-year carry-over (C1) and, in the 2021 template, 现行有效件数 (C2), the
 * regulations of governments that may make them (D1). Scale follows the level: a township gets a
 * few applications a year, the region's government hundreds.
 */
import type { AdminLevel, CellKey, CellValue, TemplateId } from '../../../src/report/model.ts';
import { cellKey, getTemplate, requestRows } from '../../../src/report/templates/index.ts';
import type { Dice } from './dice.ts';

/** What one year leaves for the next. */
export interface CarriedState {
  /** 四、结转下年度继续办理 per applicant column. */
  forward: number[];
  /** 现行有效件数 of 规章 and 规范性文件 (2021). */
  inForce: { rules: number; normative: number };
}

export const FRESH: CarriedState = { forward: [0, 0, 0, 0, 0, 0], inForce: { rules: 0, normative: 0 } };

/** Applications received in a year, by level (departments of the region's own government get more). */
function received(dice: Dice, level: AdminLevel, depth: number): number {
  if (level === 'region') return dice.int(60, 300);
  if (level === 'city') return dice.int(20, 120);
  if (level === 'county') return dice.int(5, 60);
  if (level === 'township') return dice.int(0, 6);
  return depth <= 1 ? dice.int(5, 60) : depth === 2 ? dice.int(2, 30) : dice.int(0, 12);
}

/** Applicant columns: natural persons most, then companies, a few others. */
const APPLICANTS = [70, 18, 2, 3, 4, 3];
/** How decisions fall over the detail rows of 三（三）…（六）: most granted, some not held, few denied. */
function outcomeWeights(rows: readonly string[]): number[] {
  return rows.map((row) => (row === 'granted' ? 60 : row === 'partial' ? 10 : row === 'unable_1' ? 12 : row.startsWith('denied') ? 1 : 1));
}

export interface GeneratedTables {
  cells: Record<CellKey, CellValue>;
  state: CarriedState;
  /** For the prose: what the year came to. */
  totals: { received: number; results: number; forward: number; review: number; lawsuits: number; normative: number };
}

export function generateTables(dice: Dice, template: TemplateId, level: AdminLevel, depth: number, previous: CarriedState): GeneratedTables {
  const def = getTemplate(template);
  const cells: Record<CellKey, CellValue> = {};
  const set = (table: 'active' | 'requests' | 'appeals', row: string, column: string, value: number): void => {
    cells[cellKey(table, row, column)] = value;
  };
  const columns = def.requests.columns.map((c) => c.key).filter((c) => c !== 'total');
  const details = requestRows(def).filter((r) => r.role === 'detail').map((r) => r.key);
  const perColumn = dice.spread(received(dice, level, depth), APPLICANTS);
  const rowTotals = new Map<string, number>();
  const add = (row: string, column: string, value: number): void => {
    set('requests', row, column, value);
    rowTotals.set(row, (rowTotals.get(row) ?? 0) + value);
  };
  const forward: number[] = [];
  columns.forEach((column, i) => {
    const fresh = perColumn[i] ?? 0;
    const carried = previous.forward[i] ?? 0;
    const pool = fresh + carried;
    const ahead = pool > 0 && dice.chance(0.15) ? dice.int(1, Math.min(2, pool)) : 0;
    const outcomes = dice.spread(pool - ahead, outcomeWeights(details));
    add('new_received', column, fresh);
    add('carried_over', column, carried);
    details.forEach((row, j) => {
      add(row, column, outcomes[j] ?? 0);
    });
    add('results_total', column, pool - ahead);
    add('carry_forward', column, ahead);
    forward.push(ahead);
  });
  for (const [row, total] of rowTotals) set('requests', row, 'total', total);

  // 四: a dispute for about one application in fifty; the rest upheld, some corrected or pending.
  const resultsTotal = rowTotals.get('results_total') ?? 0;
  const appeal = (group: string, count: number): number => {
    const [upheld = 0, corrected = 0, other = 0, pending = 0] = dice.spread(count, [70, 10, 10, 10]);
    for (const [column, value] of [['upheld', upheld], ['corrected', corrected], ['other', other], ['pending', pending], ['total', count]] as const) set('appeals', group, column, value);
    return count;
  };
  const review = appeal('review', dice.chance(0.3) ? dice.int(0, Math.ceil(resultsTotal / 50)) : 0);
  const lawsuits = appeal('litigation_direct', dice.chance(0.1) ? dice.int(0, 1) : 0) + appeal('litigation_after_review', review > 0 && dice.chance(0.3) ? 1 : 0);

  // 二: only region and city governments make regulations (D1); everyone issues normative documents.
  const makesRules = level === 'region' || level === 'city';
  const rulesIssued = makesRules ? dice.int(0, 3) : 0;
  const normativeIssued = dice.int(0, level === 'township' ? 2 : 8);
  const state: CarriedState = { forward, inForce: previous.inForce };
  if (template === '2021') {
    const rulesRepealed = Math.min(previous.inForce.rules, makesRules ? dice.int(0, 1) : 0);
    const normativeRepealed = Math.min(previous.inForce.normative, dice.int(0, 2));
    const rules = previous.inForce.rules + rulesIssued - rulesRepealed;
    const normative = previous.inForce.normative + normativeIssued - normativeRepealed;
    for (const [row, issued, repealed, inForce] of [['rules', rulesIssued, rulesRepealed, rules], ['normative', normativeIssued, normativeRepealed, normative]] as const) {
      set('active', row, 'issued', issued);
      set('active', row, 'repealed', repealed);
      set('active', row, 'in_force', inForce);
    }
    for (const row of ['licensing', 'penalty', 'enforcement']) set('active', row, 'decisions', dice.int(0, level === 'township' ? 20 : 400));
    set('active', 'fees', 'amount', 0);
    state.inForce = { rules, normative };
  } else {
    for (const [row, made] of [['rules', rulesIssued], ['normative', normativeIssued]] as const) {
      set('active', row, 'made', made);
      set('active', row, 'published', made);
      set('active', row, 'total', made + dice.int(0, 20));
    }
    for (const row of ['licensing', 'other_services', 'penalty', 'enforcement']) {
      set('active', row, 'previous', 0);
      set('active', row, 'change', 0);
      set('active', row, 'decisions', dice.int(0, 200));
    }
    set('active', 'fees', 'previous', 0);
    set('active', 'fees', 'change', 0);
    set('active', 'procurement', 'count', dice.int(0, 10));
    set('active', 'procurement', 'amount', 0);
  }
  const totals = { received: rowTotals.get('new_received') ?? 0, results: resultsTotal, forward: rowTotals.get('carry_forward') ?? 0, review, lawsuits, normative: normativeIssued };
  return { cells, state, totals };
}
