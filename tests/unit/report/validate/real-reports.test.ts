/**
 * The prose rules (X1, X2) and the blank-cell rule (M1) on real published reports as the importer
 * reads them (tests/fixtures/real, ../shared/corpus): each named file states a conflict the rule
 * must report, or agrees with its tables and must pass. The conflicts are those the fixtures'
 * expected.json (`prose`) and report-format.md §4.6 list, written by hand from the sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { completedReport, importFile, type ImportResult } from '../../../../src/report/import/index.ts';
import type { ReportDocument } from '../../../../src/report/model.ts';
import { validate, type Finding } from '../../../../src/report/validate/index.ts';
import { fixtureIds, isFlagged, readExpected, REAL_CORPUS } from '../../../support/real-corpus.ts';
import { readSharedBytes } from '../../../support/shared.ts';

/** `real:<fixture>/<file>` from tests/fixtures/real, `shared:<file>` from ../shared/corpus. */
async function load(name: string, year?: number): Promise<{ result: ImportResult; report: ReportDocument }> {
  const [where, path = ''] = name.split(':');
  const bytes = where === 'real' ? new Uint8Array(readFileSync(join(REAL_CORPUS, path))) : readSharedBytes(`corpus/${path}`);
  const result = await importFile(bytes, path.split('/').pop() ?? path, year === undefined ? {} : { year });
  const report = completedReport(result.report);
  if (report === undefined) throw new Error(`${name}: no year`);
  return { result, report };
}

/** X1 and X2 findings as [rule, what, quoted or actual year, table value or report year]. */
function proseFindings(findings: readonly Finding[]): (string | number | undefined)[][] {
  return findings.flatMap((f) => {
    if (f.rule === 'X1') return [['X1', f.params.figure, f.params.quoted, f.params.expected]];
    if (f.rule === 'X2') return [['X2', f.params.source, Number(f.params.actual), f.params.expected]];
    return [];
  });
}

describe('X1 and X2 on real reports', () => {
  it.each([
    // Conflicts the sources print.
    ['real:cn-changchun-tuiyijunren-2023/source.txt', [['X1', 'received', 2, 3]]],
    ['real:cn-huitong-linye-2020/source.txt', [['X1', 'rules', 1, 0]]],
    [
      'real:cn-shanghai-bangongting-2019/source.html',
      [
        ['X1', 'granted_partial', 258, 275],
        ['X1', 'unable', 265, 337],
      ],
    ],
    ['shared:04_hongze_district_2024.txt', [['X1', 'received', 17, 95]]],
    ['shared:06_xizang_sasac_2020_partial.txt', [['X1', 'normative', 2, 11]]],
    ['real:cn-zoucheng-tianhuang-2021/source.txt', [['X2', 'statement', 2020, 2021]]],
    ['real:xz-motuo-dexing-2020/source.txt', [['X2', 'statement', 2021, 2020]]],
    // Overviews that quote their tables right, outcome by outcome: nothing to report.
    ['shared:02_huaian_city_2024.txt', []],
    ['shared:03_hongze_district_2023.txt', []],
    ['real:gh-pingtan-2021/source.txt', []],
    ['real:gh-pingtan-2022/source.txt', []],
    ['real:gh-pingtan-2023/source.txt', []],
    ['real:gh-pingtan-2025/source.txt', []],
    ['real:gh-shanghai-bangongting-2025/source.md', []],
    ['real:gh-shuyang-xianzhengfu-2025/source.md', []],
    // 2019年度…年报 in the overview is last year's report, not this one's statement.
    ['real:cn-shanghai-bangongting-2020-trad/source.txt', []],
  ] as const)('%s', { timeout: 60_000 }, async (name, expected) => {
    const { report } = await load(name);
    expect(proseFindings(validate(report))).toEqual(expected);
  });

  it('names the cells an X1 finding is about: 规章 对外公开总数量 (会同县林业局 2020)', async () => {
    const { report } = await load('real:cn-huitong-linye-2020/source.txt');
    expect(validate(report).find((f) => f.rule === 'X1')?.cells).toEqual(['active.rules.total']);
  });
});

describe('M1 on real reports: blank cells are reported, and only those', () => {
  // Every source (not the generated Word/PDF variants, which print the rows a cut source lacks as
  // blank rows) whose expected.json has printed blanks, or whose import has blank cells.
  const withBlanks = fixtureIds().filter((id) => Object.values(readExpected(id).cells).includes(null));

  it('has real reports with blank cells', () => {
    expect(withBlanks.length).toBeGreaterThanOrEqual(10);
  });

  it.each(fixtureIds())('%s', { timeout: 60_000 }, async (id) => {
    const expected = readExpected(id);
    const file = ['source.html', 'source.md', 'source.txt'].find((f) => {
      try {
        readFileSync(join(REAL_CORPUS, id, f));
        return true;
      } catch {
        return false;
      }
    });
    if (file === undefined) throw new Error(`${id}: no source`);
    // Reports that state no year are checked for the one the fixture gives (the app asks for it).
    const { result, report } = await load(`real:${id}/${file}`, expected.year ?? 2020);
    const blank = new Set(validate(report).filter((f) => f.rule === 'M1').flatMap((f) => f.cells));
    const printedBlank = Object.entries(expected.cells).filter(([, v]) => v === null).map(([cell]) => cell);
    // A cell M1 calls blank was printed blank, unless the import flags it for a person anyway.
    expect([...blank].filter((cell) => expected.cells[cell] !== null && !isFlagged(result.importReport, cell))).toEqual([]);
    // A cell printed blank is reported by M1, or the import says its row or table was not read.
    expect(printedBlank.filter((cell) => !blank.has(cell) && !isFlagged(result.importReport, cell))).toEqual([]);
  });

  it.each([
    ['cn-shanghai-bangongting-2019', 'source.html', 135],
    ['gh-shuyang-fagaiju-2023', 'source.html', 125],
    ['cn-jiaxian-xizhen-2022', 'source.txt', 117],
    ['cn-quyang-zhuangke-2020', 'source.txt', 160],
    ['cn-xiongxian-xiang-2019', 'source.txt', 173],
    ['cn-xuwen-sifa-nd', 'source.txt', 53],
    ['cn-wuhan-shengtaihuanjing-2020-trad', 'source.txt', 3],
  ] as const)('%s/%s: M1 reports the %i cells printed blank', { timeout: 60_000 }, async (id, file, count) => {
    const { report } = await load(`real:${id}/${file}`, readExpected(id).year ?? 2020);
    const blank = validate(report).filter((f) => f.rule === 'M1').flatMap((f) => f.cells);
    expect(blank).toHaveLength(count);
    expect(blank.every((cell) => readExpected(id).cells[cell] === null)).toBe(true);
  });
});
