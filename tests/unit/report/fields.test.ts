/**
 * Field keys: one constructor and one parser that are each other's inverse, and the document a
 * draft's fields make, which the app and the server both build with documentOfFields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankReport } from '../../../src/report/factory.ts';
import {
  applyFields,
  cellOfField,
  documentOfFields,
  fieldEntries,
  fieldKey,
  isFieldKey,
  META_FIELDS,
  parseField,
  PROSE_BLOCKS,
  readField,
  toFields,
  type FieldKey,
  type FieldName,
  type FieldValue,
} from '../../../src/report/fields.ts';
import { LANGS } from '../../../src/report/model.ts';
import { getTemplate } from '../../../src/report/templates/index.ts';
import { reportTables } from '../../../src/report/tables/index.ts';

const cellKeys = reportTables(getTemplate('2021')).order;
const fieldName: fc.Arbitrary<FieldName> = fc.oneof(
  fc.constantFrom(...cellKeys).map((cell): FieldName => ({ kind: 'cell', cell })),
  fc.constantFrom(...cellKeys).map((cell): FieldName => ({ kind: 'unit', cell })),
  fc.tuple(fc.constantFrom(...PROSE_BLOCKS), fc.constantFrom(...LANGS)).map(([block, lang]): FieldName => ({ kind: 'text', block, lang })),
  fc.constantFrom(...PROSE_BLOCKS).map((block): FieldName => ({ kind: 'original', block })),
  fc.constantFrom(...PROSE_BLOCKS).map((block): FieldName => ({ kind: 'reviewed', block })),
  fc.constantFrom(...META_FIELDS).map((name): FieldName => ({ kind: 'meta', name })),
);

describe('field keys', () => {
  it('parseField reads back exactly what fieldKey wrote', () => {
    fc.assert(fc.property(fieldName, (name) => {
      expect(parseField(fieldKey(name))).toEqual(name);
    }));
  });

  it('fieldKey writes back exactly the string parseField read', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('cell:', 'text:', 'meta:', 'original:', ''), (rest, kind) => {
      const text = `${kind}${rest}`;
      const name = parseField(text);
      if (name !== undefined) expect(fieldKey(name)).toBe(text);
    }));
  });

  it('names the wire format of every kind', () => {
    expect(fieldKey({ kind: 'cell', cell: 'requests.new_received.total' })).toBe('cell:requests.new_received.total');
    expect(fieldKey({ kind: 'text', block: 'preamble', lang: 'bo' })).toBe('text:preamble:bo');
    expect(fieldKey({ kind: 'meta', name: 'agency.zh' })).toBe('meta:agency.zh');
    expect(cellOfField('cell:appeals.review.total')).toBe('appeals.review.total');
    expect(cellOfField('unit:active.fees.amount')).toBeUndefined();
  });

  it('says why a string is not a field key', () => {
    expect(readField('text:overview:en')).toEqual({ problem: 'not a text block and language' });
    expect(readField('text:summary:zh')).toEqual({ problem: 'not a text block and language' });
    expect(readField('meta:colour')).toEqual({ problem: 'not a metadata field' });
    expect(readField('reviewed:nothing')).toEqual({ problem: 'not a text block' });
    expect(readField('cell:x; DROP TABLE drafts')).toEqual({ problem: 'not a cell key' });
    expect(readField(`cell:${'a'.repeat(121)}`)).toEqual({ problem: 'not a field key' });
    expect(readField('nothing')).toEqual({ problem: 'not a field key' });
    expect(isFieldKey(42)).toBe(false);
  });

  it('fieldEntries keeps the field keys of a record and leaves anything else out', () => {
    const stored: Record<string, number | null> = { 'cell:a.b.c': 1, 'meta:phone': null, junk: 3 };
    expect(fieldEntries(stored)).toEqual([['cell:a.b.c', 1], ['meta:phone', null]]);
  });
});

describe('documents from fields', () => {
  it('a report is the document its fields make', () => {
    const report = blankReport({ id: 'x-2024', template: '2019', year: 2024, agencyZh: '甲镇人民政府', level: 'township', fill: 3 });
    report.sections.overview = { zh: '概述', bo: 'སྤྱི་བཤད།', original: 'zh', translationReviewed: true };
    report.meta.phone = '0894-1234567';
    report.meta.period = { start: '2024-01-01', end: '2024-12-31' };
    expect(documentOfFields({ reportId: 'x-2024', year: 2024, template: '2019' }, toFields(report))).toEqual(report);
  });

  it('year and template are the draft’s, whatever the fields say; agency and level come from the fields over the base', () => {
    const fields: [FieldKey, FieldValue][] = [['meta:year', 1999], ['meta:template', '2019'], ['meta:agency.zh', '乙县人民政府']];
    const doc = documentOfFields({ reportId: 'y-2025', year: 2025, template: '2021' }, fields, { agency: { zh: '甲县', bo: 'ཀ' }, level: 'city' });
    expect(doc.meta).toEqual({ agency: { zh: '乙县人民政府', bo: 'ཀ' }, level: 'city', year: 2025, template: '2021' });
  });

  it('null text deletes that language, null unit deletes the unit', () => {
    const report = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: '甲', level: 'county' });
    report.sections.problems = { zh: '问题', bo: 'གནད་དོན།', original: 'zh', translationReviewed: false };
    const next = applyFields(report, [['text:problems:bo', null], ['unit:active.fees.amount', null]]);
    expect(next.sections.problems).toEqual({ zh: '问题', original: 'zh', translationReviewed: false });
    expect(next.units['active.fees.amount']).toBeUndefined();
  });
});
