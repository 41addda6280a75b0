import { describe, expect, it } from 'vitest';
import { checkFieldValue } from '../../../src/report/field-rules.ts';
import { toFields } from '../../../src/report/fields.ts';
import { blankReport } from '../../../src/report/factory.ts';
import { getTemplate } from '../../../src/report/templates/index.ts';

const t2021 = getTemplate('2021');
const t2019 = getTemplate('2019');

describe('checkFieldValue', () => {
  it('accepts every field of a blank report of either template', () => {
    for (const template of [t2019, t2021]) {
      const doc = blankReport({ id: 'x', template: template.id, year: 2024, agencyZh: '某镇人民政府', level: 'township', fill: 0 });
      doc.sections.overview = { zh: '概述', original: 'zh', translationReviewed: false };
      for (const [field, value] of toFields(doc)) {
        if (field === 'meta:year' || field === 'meta:template') continue;
        expect(checkFieldValue(template, field, value), field).toBeUndefined();
      }
    }
  });

  it('counts are non-negative integers; signed cells integers; money not negative; blank is null', () => {
    const count = 'cell:requests.new_received.total';
    expect(checkFieldValue(t2021, count, 3)).toBeUndefined();
    expect(checkFieldValue(t2021, count, null)).toBeUndefined();
    expect(checkFieldValue(t2021, count, -1)).toMatch(/non-negative integer/);
    expect(checkFieldValue(t2021, count, 1.5)).toMatch(/non-negative integer/);
    expect(checkFieldValue(t2021, count, '3')).toMatch(/finite number/);
    expect(checkFieldValue(t2021, count, Number.NaN)).toMatch(/finite number/);
    expect(checkFieldValue(t2019, 'cell:active.licensing.change', -2)).toBeUndefined();
    expect(checkFieldValue(t2019, 'cell:active.licensing.change', 0.5)).toMatch(/integer/);
    expect(checkFieldValue(t2021, 'cell:active.fees.amount', 1.25)).toBeUndefined();
    expect(checkFieldValue(t2021, 'cell:active.fees.amount', -1)).toMatch(/not negative/);
    expect(checkFieldValue(t2021, 'cell:active.rules.previous', 1)).toMatch(/not a cell of template 2021/);
  });

  it('text by block and language, with the schema\'s length limit', () => {
    expect(checkFieldValue(t2021, 'text:overview:bo', 'ཁྱོན་བསྡོམས།')).toBeUndefined();
    expect(checkFieldValue(t2021, 'text:preamble:zh', null)).toBeUndefined();
    expect(checkFieldValue(t2021, 'text:overview:en', 'x')).toMatch(/block and language/);
    expect(checkFieldValue(t2021, 'text:summary:zh', 'x')).toMatch(/block and language/);
    expect(checkFieldValue(t2021, 'text:overview:zh', 'x'.repeat(200_001))).toMatch(/at most/);
    expect(checkFieldValue(t2021, 'text:overview:zh', 3)).toMatch(/at most|null/);
    expect(checkFieldValue(t2021, 'original:overview', 'bo')).toBeUndefined();
    expect(checkFieldValue(t2021, 'original:overview', 'en')).toMatch(/zh or bo/);
    expect(checkFieldValue(t2021, 'reviewed:other', true)).toBeUndefined();
    expect(checkFieldValue(t2021, 'reviewed:other', 'yes')).toMatch(/true or false/);
  });

  it('metadata: names, dates, levels; year and template are fixed', () => {
    expect(checkFieldValue(t2021, 'meta:agency.zh', '甲镇人民政府')).toBeUndefined();
    expect(checkFieldValue(t2021, 'meta:agency.zh', ' ')).toMatch(/agency.zh/);
    expect(checkFieldValue(t2021, 'meta:agency.bo', null)).toBeUndefined();
    expect(checkFieldValue(t2021, 'meta:publishedOn', '2025-01-31')).toBeUndefined();
    expect(checkFieldValue(t2021, 'meta:publishedOn', '2025-02-31')).toMatch(/date/);
    expect(checkFieldValue(t2021, 'meta:level', 'village')).toMatch(/level is one of/);
    expect(checkFieldValue(t2021, 'meta:declaredParts', 6)).toBeUndefined();
    expect(checkFieldValue(t2021, 'meta:declaredParts', -1)).toMatch(/0–99/);
    expect(checkFieldValue(t2021, 'meta:year', 2025)).toMatch(/fixed/);
    expect(checkFieldValue(t2021, 'meta:template', '2019')).toMatch(/fixed/);
    expect(checkFieldValue(t2021, 'meta:colour', 'red')).toMatch(/not a metadata field/);
    expect(checkFieldValue(t2021, 'unit:active.fees.amount', '元')).toBeUndefined();
    expect(checkFieldValue(t2021, 'unit:active.fees.amount', '')).toMatch(/unit/);
    expect(checkFieldValue(t2021, 'nothing', 1)).toMatch(/not a field key/);
  });
});
