/**
 * The one value policy (src/report/values.ts) as the server's field rules, the report schema and
 * the app's editor see it: figures beyond what a report holds are refused with the bound, text
 * with a NUL or a broken surrogate is refused, whatever path the value takes.
 */
import { describe, expect, it } from 'vitest';
import { cellEditProblem, checkFieldValue } from '../../../src/report/field-rules.ts';
import { blankReport } from '../../../src/report/factory.ts';
import { toReportJson } from '../../../src/report/export/index.ts';
import { cellField, textField } from '../../../src/report/fields.ts';
import { readCellToken } from '../../../src/report/import/parse/numbers.ts';
import { parseReportJson } from '../../../src/report/schema.ts';
import { getTemplate } from '../../../src/report/templates/index.ts';
import { cellValueProblem, MAX_AMOUNT, MAX_COUNT, textValueProblem } from '../../../src/report/values.ts';

const t2021 = getTemplate('2021');
const COUNT = 'requests.new_received.total';
const AMOUNT = 'active.fees.amount';

describe('cellValueProblem', () => {
  it('bounds every kind to what a report holds, and says the bound', () => {
    for (const value of [1e300, 2 ** 64, 2 ** 53 + 2, MAX_COUNT + 1]) expect(cellValueProblem('count', value)).toEqual({ code: 'too_large', max: MAX_COUNT });
    expect(cellValueProblem('count', MAX_COUNT)).toBeUndefined();
    expect(cellValueProblem('signed', -MAX_COUNT - 1)).toEqual({ code: 'too_large', max: MAX_COUNT });
    expect(cellValueProblem('money', MAX_AMOUNT + 0.5)).toEqual({ code: 'too_large', max: MAX_AMOUNT });
    expect(cellValueProblem('money', 12.34)).toBeUndefined();
    expect(cellValueProblem('count', Number.POSITIVE_INFINITY)).toEqual({ code: 'not_a_number' });
  });

  it('keeps signs and decimals for the validator in a document (strict: false), not in an edit', () => {
    expect(cellValueProblem('count', -1)).toEqual({ code: 'negative' });
    expect(cellValueProblem('count', 1.5)).toEqual({ code: 'not_integer' });
    expect(cellValueProblem('count', -1, { strict: false })).toBeUndefined();
    expect(cellValueProblem('count', 1e12, { strict: false })).toEqual({ code: 'too_large', max: MAX_COUNT });
  });
});

describe('textValueProblem', () => {
  it('refuses a NUL, an unpaired surrogate, and what is too long; takes Tibetan, Chinese and emoji', () => {
    expect(textValueProblem('概述\u0000', 100)).toEqual({ code: 'nul_character' });
    expect(textValueProblem('\ud800x', 100)).toEqual({ code: 'unpaired_surrogate' });
    expect(textValueProblem('x'.repeat(11), 10)).toEqual({ code: 'too_long', max: 10 });
    expect(textValueProblem('ཆུ་མདོ་གྲོང་རྡལ། 倾多镇 😀\n\t', 100)).toBeUndefined();
  });
});

describe('the policy at each boundary', () => {
  it('refuses a push of 1e300, 2^64 or 2^53+1 to a count, naming the bound', () => {
    for (const value of [1e300, 2 ** 64, 2 ** 53 + 1]) {
      expect(checkFieldValue(t2021, cellField(COUNT), value)).toBe('a figure is at most 999,999,999 in a report');
    }
    expect(checkFieldValue(t2021, cellField(AMOUNT), 1e10)).toBe('an amount is at most 999,999,999 in a report');
  });

  it('gives the editor the code and the bound', () => {
    expect(cellEditProblem(t2021, COUNT, 1e10)).toEqual({ code: 'too_large', max: MAX_COUNT });
    expect(cellEditProblem(t2021, COUNT, 12)).toBeUndefined();
    expect(cellEditProblem(t2021, COUNT, null)).toBeUndefined();
  });

  it('refuses a NUL inside prose, a meta field or a unit', () => {
    expect(checkFieldValue(t2021, textField('overview', 'zh'), '概述\u0000')).toMatch(/NUL/u);
    expect(checkFieldValue(t2021, 'meta:address', '地址\u0000')).toMatch(/NUL/u);
    expect(checkFieldValue(t2021, `unit:${AMOUNT}`, '万\u0000元')).toMatch(/NUL/u);
    expect(checkFieldValue(t2021, textField('overview', 'zh'), '概述')).toBeUndefined();
  });

  it('refuses a document (imported or sent) with a figure no report holds or a NUL in its text', () => {
    const report = blankReport({ id: 'x-2024', template: '2021', year: 2024, agencyZh: '某镇人民政府', level: 'township', fill: 0 });
    const big = toReportJson({ ...report, cells: { ...report.cells, [COUNT]: 1e300 } });
    expect(() => parseReportJson(big)).toThrow(/cells\.requests\.new_received\.total: 1e\+300 is at most 999,999,999/u);
    const negative = toReportJson({ ...report, cells: { ...report.cells, [COUNT]: -1 } });
    expect(parseReportJson(negative).cells[COUNT]).toBe(-1);
    const nul = toReportJson({ ...report, meta: { ...report.meta, address: '街\u0000道' } });
    expect(() => parseReportJson(nul)).toThrow(/meta\.address: text holds no NUL/u);
  });

  it('the importer reads no figure beyond the bound: a long digit string is a phone or document number', () => {
    expect(readCellToken('999,999,999', false)).toMatchObject({ kind: 'number', value: MAX_COUNT });
    expect(readCellToken('1234567890', false)).toBeUndefined();
    expect(readCellToken('13800138000', false)).toBeUndefined();
  });
});
