import { describe, expect, it } from 'vitest';
import type { OversightRow } from '../../../src/contract/oversight.ts';
import { DEFAULT_FILTER, filterRows, statusCounts } from '../../../src/oversight/filter.ts';

function row(id: string, over: Partial<OversightRow> = {}, agency: Partial<OversightRow['agency']> = {}): OversightRow {
  return {
    agency: { id, zh: `${id}镇人民政府`, level: 'township', parentId: 'county', ...agency },
    depth: 1,
    status: 'none',
    reportId: null,
    version: null,
    draftId: null,
    publishedAt: null,
    deadline: '2027-01-31',
    late: false,
    atRisk: false,
    findings: { error: 0, warning: 0 },
    ...over,
  };
}

const ROWS: OversightRow[] = [
  row('county', { depth: 0, status: 'published', publishedAt: '2027-03-01T02:00:00.000Z', deadline: '2027-03-31', findings: { error: 0, warning: 2 } }, { level: 'county', parentId: null, zh: '波密县人民政府' }),
  row('a', { status: 'drafting', findings: { error: 3, warning: 1 }, atRisk: true }, { bo: 'ཆུ་མདོ' }),
  row('b', { status: 'none', late: true }),
  row('c', { status: 'published', publishedAt: '2027-02-10T02:00:00.000Z', late: true }),
  row('edu', { status: 'published', publishedAt: '2027-01-20T02:00:00.000Z' }, { level: 'department', zh: '教育局' }),
];
const ids = (rows: OversightRow[]) => rows.map((r) => r.agency.id);

describe('the oversight filters', () => {
  it('keep every row in tree order by default', () => {
    expect(ids(filterRows(ROWS, DEFAULT_FILTER))).toEqual(['county', 'a', 'b', 'c', 'edu']);
  });

  it('filter by status, late and at risk, level, findings and words in either language', () => {
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, status: 'published' }))).toEqual(['county', 'c', 'edu']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, status: 'late' }))).toEqual(['b', 'c']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, status: 'at_risk' }))).toEqual(['a']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, level: 'department' }))).toEqual(['edu']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, findings: 'errors' }))).toEqual(['a']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, findings: 'warnings' }))).toEqual(['county', 'a']);
    // Clean: checked and nothing found; an agency with nothing to check is not "clean".
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, findings: 'clean' }))).toEqual(['c', 'edu']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, text: 'ཆུ་མདོ' }))).toEqual(['a']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, text: '人民政府  B' }))).toEqual(['b']);
  });

  it('sort by urgency (late and unpublished first), name, findings and publication, ties in tree order', () => {
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, sort: 'urgency' }))).toEqual(['b', 'a', 'c', 'edu', 'county']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, sort: 'findings' }))).toEqual(['a', 'county', 'b', 'c', 'edu']);
    expect(ids(filterRows(ROWS, { ...DEFAULT_FILTER, sort: 'published' }))).toEqual(['county', 'c', 'edu', 'a', 'b']);
    // By pinyin: 波 (bō) before 教 (jiào).
    const byName = filterRows(ROWS, { ...DEFAULT_FILTER, sort: 'name' }).map((r) => r.agency.zh);
    expect(byName.indexOf('波密县人民政府')).toBeLessThan(byName.indexOf('教育局'));
  });

  it('never change the rows they are given', () => {
    const copy = structuredClone(ROWS);
    filterRows(ROWS, { ...DEFAULT_FILTER, sort: 'urgency' });
    expect(ROWS).toEqual(copy);
  });

  it('count each status, late and at risk', () => {
    expect(statusCounts(ROWS)).toEqual({ all: 5, late: 2, at_risk: 1, none: 1, drafting: 1, published: 3 });
  });
});
