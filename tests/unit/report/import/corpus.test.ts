/**
 * The real reports in ../shared/corpus (beside the repository, as CI clones it): the
 * importer on the seed, the full PDF texts 02–04 and the partial pages, the validator's known
 * outcomes on them, and the PDFs in corpus/raw read to the same cells as their text extractions.
 */
import { describe, expect, it } from 'vitest';
import { importFile, importText, type ImportResult, reportOf } from '../../../../src/report/import/index.ts';
import { SECTION_KEYS, type SectionKey } from '../../../../src/report/model.ts';
import { validate } from '../../../../src/report/validate/index.ts';
import { readSharedBytes, readSharedText } from '../../../support/shared.ts';
import { paragraphs, rowValues } from './helpers.ts';

const SEED = '000_bb513833b144f186.txt';

function corpusText(name: string): string {
  return readSharedText(`corpus/${name}`);
}

const cache = new Map<string, ImportResult>();
function load(name: string): ImportResult {
  let result = cache.get(name);
  if (result === undefined) {
    result = importText(corpusText(name));
    cache.set(name, result);
  }
  return result;
}

describe('corpus (../shared/corpus)', () => {
  describe('seed: 波密县倾多镇人民政府 2020', () => {
    it('imports as a complete 2019-template report whose every cell is 0', () => {
      const { report, importReport, complete } = load(SEED);
      expect(complete).toBe(true);
      expect(importReport.template).toMatchObject({ id: '2019', decidedBy: 'headers' });
      expect(Object.keys(report.cells)).toHaveLength(198);
      expect(Object.values(report.cells).every((v) => v === 0)).toBe(true);
      expect(report.units).toEqual({});
      expect(importReport.skipped).toEqual([{ text: '[bookmark: _GoBack]', reason: 'conversion_artefact' }]);
    });

    it('reads agency, year and the contact block', () => {
      expect(load(SEED).report.meta).toEqual({
        agency: { zh: '波密县倾多镇人民政府' },
        level: 'township',
        year: 2020,
        template: '2019',
        period: { start: '2020-01-01', end: '2020-12-31' },
        address: '波密县倾多镇',
        postcode: '860312',
        phone: '0894-5663553',
        website: 'http://www.bomi.gov.cn',
        notice: '国办公开办函〔2019〕60号',
        declaredParts: 4,
      });
    });

    it('keeps the six sections and their prose intact', () => {
      const { report } = load(SEED);
      expect(Object.keys(report.sections)).toEqual([...SECTION_KEYS]);
      const overview = paragraphs(report, 'overview');
      expect(overview).toHaveLength(4);
      expect(overview[1]).toContain('公告栏主动公开各类政务（政府）信息893条');
      expect(overview[3]).toContain('各类扶贫信息30余条');
      expect(paragraphs(report, 'problems')).toHaveLength(8);
      expect(report.sections.other?.zh).toBe('无');
      expect(report.preamble?.zh).toContain('其他需要报告的事项以上四个部分');
    });

    it('validates with no errors and X4 ("四个部分" for six)', () => {
      const findings = validate(reportOf(load(SEED)));
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(findings.map((f) => f.rule)).toContain('X4');
    });
  });

  describe('02: 淮安市人民政府 2024 (PDF text, template 2021)', () => {
    it('imports complete with all 200 cells and the real figures', () => {
      const { report, importReport, complete } = load('02_huaian_city_2024.txt');
      expect(complete).toBe(true);
      expect(importReport.template).toMatchObject({ id: '2021', decidedBy: 'headers' });
      expect(importReport.notes).toEqual([]);
      expect(Object.keys(report.cells)).toHaveLength(200);
      expect(report.meta).toMatchObject({ agency: { zh: '淮安市人民政府' }, year: 2024, postcode: '223001', phone: '0517-83605210' });
      const c = report.cells;
      expect(c['requests.new_received.total']).toBe(3119);
      expect(c['requests.carried_over.total']).toBe(34);
      expect(c['requests.granted.total']).toBe(1362);
      expect(c['requests.partial.total']).toBe(454);
      expect(c['requests.unable_1.total']).toBe(769);
      expect(c['requests.other_handling_1.total']).toBe(71);
      expect(c['requests.other_handling_2.total']).toBe(6);
      expect(c['requests.other_handling_3.total']).toBe(110);
      expect(c['requests.results_total.total']).toBe(3050);
      expect(c['requests.carry_forward.total']).toBe(103);
      expect(rowValues(report, 'requests', 'new_received')).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
      expect([...rowValues(report, 'appeals', 'review'), ...rowValues(report, 'appeals', 'litigation_direct'), ...rowValues(report, 'appeals', 'litigation_after_review')]).toEqual([
        72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20,
      ]);
      expect(c['active.fees.amount']).toBe(96171.6);
      expect(report.units).toEqual({ 'active.fees.amount': '万元' });
    });

    it('has no R-rule errors', () => {
      const findings = validate(reportOf(load('02_huaian_city_2024.txt')));
      expect(findings.filter((f) => f.rule.startsWith('R'))).toEqual([]);
    });
  });

  describe('03/04: 洪泽区 2023 and 2024 (mixed documents)', () => {
    it.each(['03_hongze_district_2023.txt', '04_hongze_district_2024.txt'])('%s keeps the collapsed （六） row and is complete', (name) => {
      const { report, importReport, complete } = load(name);
      expect(complete).toBe(true);
      expect(importReport.template).toMatchObject({ id: '2021', decidedBy: 'headers' });
      expect(importReport.notes).toEqual([{ code: 'collapsed_other_handling', params: {} }]);
      expect(Object.keys(report.cells)).toHaveLength(186);
      expect(rowValues(report, 'requests', 'other_handling')).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(Object.keys(report.cells).filter((k) => /^requests\.other_handling_\d/u.test(k))).toEqual([]);
    });

    it('03 reads the typo row and the decimal fee', () => {
      const { report } = load('03_hongze_district_2023.txt');
      expect(rowValues(report, 'requests', 'denied_2')).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(report.cells['active.fees.amount']).toBe(7730.28);
      expect(rowValues(report, 'appeals', 'review')).toEqual([10, 1, 0, 0, 0]);
    });

    it('03 fails R4 exactly twice: 行政复议 and 复议后起诉', () => {
      const errors = validate(reportOf(load('03_hongze_district_2023.txt'))).filter((f) => f.severity === 'error');
      expect(errors.map((f) => [f.rule, f.params.group])).toEqual([
        ['R4', 'review'],
        ['R4', 'litigation_after_review'],
      ]);
    });

    it('04 against 03 as the previous year: no C1/C2 findings', () => {
      const findings = validate(reportOf(load('04_hongze_district_2024.txt')), { previous: reportOf(load('03_hongze_district_2023.txt')) });
      expect(findings.filter((f) => f.rule === 'C1' || f.rule === 'C2')).toEqual([]);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    });
  });

  describe('partial pages are never complete', () => {
    const partials: [string, '2019' | '2021', string, number, SectionKey[]][] = [
      ['05_zuogong_county_2021_partial.txt', '2021', '左贡县人民政府', 2021, ['requests', 'appeals', 'problems', 'other']],
      // The title's 西藏自治区政府国资委 is a short form (src/report/agency-name.ts): asked for, ''.
      ['06_xizang_sasac_2020_partial.txt', '2019', '', 2020, ['requests', 'appeals', 'problems', 'other']],
      ['08_motuo_dexing_township_2021_partial.txt', '2021', '墨脱县德兴乡', 2021, ['active', 'requests', 'appeals', 'problems', 'other']],
      ['10_chayu_gula_township_2022_partial.txt', '2021', '察隅县古拉乡', 2022, ['active', 'requests', 'appeals', 'problems', 'other']],
      ['11_linzhi_forestry_bureau_2023_partial.txt', '2021', '林芝市林业和草原局', 2023, ['active', 'requests', 'appeals', 'problems', 'other']],
      ['12_huichang_zhongcun_township_2020_partial.txt', '2019', '中村乡', 2020, ['requests', 'appeals', 'problems', 'other']],
      ['14_guangchang_changqiao_township_2019_partial.txt', '2019', '长桥乡', 2019, ['appeals', 'problems', 'other']],
      ['16_qianan_dawuli_town_2020_partial.txt', '2019', '大五里镇', 2020, ['appeals', 'problems', 'other']],
      ['17_tianmen_tuoshi_town_2020_partial.txt', '2019', '拖市镇', 2020, ['requests', 'appeals', 'problems', 'other']],
    ];

    it.each(partials)('%s: template %s, %s %i, incomplete', (name, template, agency, year, missingSections) => {
      const { report, importReport, complete } = load(name);
      expect(complete).toBe(false);
      expect(report.meta.template).toBe(template);
      expect(report.meta.agency.zh).toBe(agency);
      expect(importReport.needs.includes('agency')).toBe(agency === '');
      expect(report.meta.year).toBe(year);
      expect(importReport.missingSections).toEqual(missingSections);
    });

    it('05 (pipe rows, 2021) reads 二 with its blank padding cells', () => {
      const { report } = load('05_zuogong_county_2021_partial.txt');
      expect(rowValues(report, 'active', 'normative')).toEqual([2, 0, 2]);
      expect(rowValues(report, 'active', 'licensing')).toEqual([0]);
      expect(report.meta.phone).toBe('0895-4552262');
    });

    it('06 keeps blank cells blank (规章 | |||) and triggers X1 and X3', () => {
      const report = reportOf(load('06_xizang_sasac_2020_partial.txt'));
      expect(rowValues(report, 'active', 'rules')).toEqual([null, null, null]);
      expect(rowValues(report, 'active', 'normative')).toEqual([11, null, null]);
      expect(report.meta.publishedOn).toBe('2021-04-09');
      const warnings = validate(report).filter((f) => f.severity === 'warning').map((f) => f.rule);
      expect(warnings).toEqual(expect.arrayContaining(['X1', 'X3']));
    });

    it('12 reads the bare amount 8040 without a unit and the padded numbers', () => {
      const { report } = load('12_huichang_zhongcun_township_2020_partial.txt');
      expect(rowValues(report, 'active', 'normative')).toEqual([5, 5, 5]);
      expect(rowValues(report, 'active', 'procurement')).toEqual([1, 8040]);
      expect(report.units).toEqual({});
    });

    it('16 lists the rows after the cut as missing', () => {
      const { importReport } = load('16_qianan_dawuli_town_2020_partial.txt');
      expect(importReport.missingRows.at(0)).toEqual({ table: 'requests', row: 'denied_2' });
      expect(importReport.missingRows.at(-1)).toEqual({ table: 'requests', row: 'carry_forward' });
    });

    it('17 keeps 其他主动公开文件 out of the cells (unknown_row)', () => {
      const { report, importReport } = load('17_tianmen_tuoshi_town_2020_partial.txt');
      expect(rowValues(report, 'active', 'normative')).toEqual([34, 4, 47]);
      expect(importReport.unplaced).toEqual([expect.objectContaining({ table: 'active', reason: 'unknown_row', values: ['0', '0', '0'] })]);
      expect(importReport.unplaced[0]?.context).toMatch(/^其他主动公开文件/u);
    });
  });

  describe('the same result whatever the input format: raw PDF vs text', () => {
    it.each(['02_huaian_city_2024', '03_hongze_district_2023', '04_hongze_district_2024'])('%s: the PDF gives the cells, units and meta of the text', async (name) => {
      const fromText = load(`${name}.txt`);
      const fromPdf = await importFile(readSharedBytes(`corpus/raw/${name}.pdf`), `${name}.pdf`);
      expect(fromPdf.importReport.format).toBe('pdf');
      expect(fromPdf.report.cells).toEqual(fromText.report.cells);
      expect(fromPdf.report.units).toEqual(fromText.report.units);
      expect(fromPdf.report.meta).toEqual(fromText.report.meta);
      expect(fromPdf.importReport.template).toEqual(fromText.importReport.template);
      expect(fromPdf.complete).toBe(fromText.complete);
      expect(fromPdf.importReport.notes).toEqual(fromText.importReport.notes);
    });
  });
});
