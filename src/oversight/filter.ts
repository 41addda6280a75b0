/**
 * The oversight list as the county office narrows and orders it: by status (including late and
 * at risk), level, findings and a name, sorted by the tree, by urgency, by name, by findings or by
 * publication. Pure: the page keeps the choices in its address, these functions apply them.
 */
import type { AdminLevel } from '../report/model.ts';
import type { OversightRow } from '../contract/oversight.ts';

export const STATUS_FILTERS = ['all', 'late', 'at_risk', 'none', 'drafting', 'published'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const FINDINGS_FILTERS = ['all', 'errors', 'warnings', 'clean'] as const;
export type FindingsFilter = (typeof FINDINGS_FILTERS)[number];
export const SORTS = ['tree', 'urgency', 'name', 'findings', 'published'] as const;
export type Sort = (typeof SORTS)[number];

export interface OversightFilter {
  status: StatusFilter;
  level: AdminLevel | 'all';
  findings: FindingsFilter;
  /** Words to find in the agency's Chinese or Tibetan name or id (all of them). */
  text: string;
  sort: Sort;
}

export const DEFAULT_FILTER: OversightFilter = { status: 'all', level: 'all', findings: 'all', text: '', sort: 'tree' };

function matchesStatus(row: OversightRow, status: StatusFilter): boolean {
  if (status === 'all') return true;
  if (status === 'late') return row.late;
  if (status === 'at_risk') return row.atRisk;
  return row.status === status;
}

function matchesFindings(row: OversightRow, findings: FindingsFilter): boolean {
  if (findings === 'errors') return row.findings.error > 0;
  if (findings === 'warnings') return row.findings.warning > 0;
  if (findings === 'clean') return row.findings.error === 0 && row.findings.warning === 0 && row.status !== 'none';
  return true;
}

const fold = (text: string): string => text.normalize('NFC').toLowerCase();

/** How pressing a row is: late first, then at risk, then not started, drafting, published. */
function urgency(row: OversightRow): number {
  if (row.late && row.status !== 'published') return 0;
  if (row.atRisk) return 1;
  if (row.status === 'none') return 2;
  if (row.status === 'drafting') return 3;
  return row.late ? 4 : 5;
}

const byName = new Intl.Collator('zh-CN');

function compare(sort: Sort): ((a: OversightRow, b: OversightRow) => number) | undefined {
  switch (sort) {
    case 'tree':
      return undefined;
    case 'urgency':
      return (a, b) => urgency(a) - urgency(b) || a.deadline.localeCompare(b.deadline);
    case 'name':
      return (a, b) => byName.compare(a.agency.zh, b.agency.zh);
    case 'findings':
      return (a, b) => b.findings.error - a.findings.error || b.findings.warning - a.findings.warning;
    case 'published':
      // Most recent first; the unpublished after them.
      return (a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '');
  }
}

/** The rows the filter keeps, in its order (stable: ties keep the tree order). */
export function filterRows(rows: readonly OversightRow[], filter: OversightFilter): OversightRow[] {
  const words = fold(filter.text).split(/\s+/u).filter((w) => w !== '');
  const kept = rows.filter((row) => {
    if (!matchesStatus(row, filter.status) || !matchesFindings(row, filter.findings)) return false;
    if (filter.level !== 'all' && row.agency.level !== filter.level) return false;
    const haystack = fold(`${row.agency.zh} ${row.agency.bo ?? ''} ${row.agency.id}`);
    return words.every((w) => haystack.includes(w));
  });
  const order = compare(filter.sort);
  return order === undefined ? kept : kept.sort(order);
}

/** How many rows there are of each status, late and at risk (the summary above the list). */
export function statusCounts(rows: readonly OversightRow[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { all: rows.length, late: 0, at_risk: 0, none: 0, drafting: 0, published: 0 };
  for (const row of rows) {
    counts[row.status] += 1;
    if (row.late) counts.late += 1;
    if (row.atRisk) counts.at_risk += 1;
  }
  return counts;
}
