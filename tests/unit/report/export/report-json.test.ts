import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankReport, textIn } from '../../../../src/report/factory.ts';
import { toReportJson } from '../../../../src/report/export/index.ts';
import { parseReportJson } from '../../../../src/report/schema.ts';
import { ImportError } from '../../../../src/report/import/types.ts';
import { ADMIN_LEVELS, SECTION_KEYS, type ReportDocument } from '../../../../src/report/model.ts';
import { getTemplate } from '../../../../src/report/templates/index.ts';
import { reportTables } from '../../../../src/report/tables/index.ts';
import { MAX_COUNT } from '../../../../src/report/values.ts';

function sample(): ReportDocument {
  const r = blankReport({ id: 'qd-2020', template: '2019', year: 2020, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
  r.meta = {
    ...r.meta,
    period: { start: '2020-01-01', end: '2020-12-31' },
    publishedOn: '2021-01-29',
    address: '波密县倾多镇',
    postcode: '860312',
    phone: '0894-5663553',
    website: 'http://www.bomi.gov.cn',
    notice: '国办公开办函〔2019〕60号',
    declaredParts: 4,
  };
  r.preamble = textIn('zh', '根据《中华人民共和国政府信息公开条例》…');
  r.sections.overview = { zh: '总体情况。', bo: 'སྤྱིའི་གནས་ཚུལ།', original: 'zh', translationReviewed: true };
  r.cells['active.procurement.amount'] = 8040;
  r.units['active.procurement.amount'] = '元';
  r.cells['active.licensing.change'] = -3;
  r.cells['requests.granted.total'] = null;
  return r;
}

/** The reason of the ImportError thrown by parseReportJson, or a failure when none is thrown. */
function reasonOf(text: string): string {
  try {
    parseReportJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    const e = error as ImportError;
    expect(e.code).toBe('not_a_report');
    const reason = String(e.params.reason);
    expect(reason).not.toContain('\n');
    return reason;
  }
  throw new Error('parseReportJson accepted the text');
}

function mutate(change: (json: Record<string, unknown> & { meta: Record<string, unknown> }) => void): string {
  const json = JSON.parse(toReportJson(sample())) as Record<string, unknown> & { meta: Record<string, unknown> };
  change(json);
  return JSON.stringify(json);
}

describe('toReportJson', () => {
  it('pretty-prints with a stable key order whatever the insertion order', () => {
    const a = sample();
    const b: ReportDocument = {
      units: { ...a.units },
      cells: Object.fromEntries(Object.entries(a.cells).reverse()),
      sections: { overview: a.sections.overview },
      meta: { ...a.meta },
      id: a.id,
      schema: 1,
      ...(a.preamble === undefined ? {} : { preamble: a.preamble }),
    };
    const text = toReportJson(a);
    expect(toReportJson(b)).toBe(text);
    expect(text.split('\n')[1]).toBe('  "schema": 1,');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['schema', 'id', 'meta', 'preamble', 'sections', 'cells', 'units']);
    const cells = (JSON.parse(text) as { cells: object }).cells;
    expect(Object.keys(cells)).toEqual(reportTables(getTemplate('2019')).order);
  });

  it('round-trips through parseReportJson', () => {
    const r = sample();
    expect(parseReportJson(toReportJson(r))).toEqual(r);
    const blank = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: '淮安市人民政府', level: 'city' });
    expect(parseReportJson(toReportJson(blank))).toEqual(blank);
  });

  it('round-trips any report of the model (property)', () => {
    const text = fc.option(fc.string({ maxLength: 40 }), { nil: undefined });
    const block = fc.record({ zh: text, bo: text, original: fc.constantFrom('zh' as const, 'bo' as const), translationReviewed: fc.boolean() });
    const arb = fc.record({
      template: fc.constantFrom('2019' as const, '2021' as const),
      year: fc.integer({ min: 2008, max: 2100 }),
      level: fc.constantFrom(...ADMIN_LEVELS),
      agency: fc.string({ minLength: 1, maxLength: 30 }),
      values: fc.array(fc.option(
          // JSON has no -0; the export writes 0, as JSON.stringify does.
          // Any figure a report can hold (values.ts: at most 999,999,999 either way).
          fc.double({ noNaN: true, min: -MAX_COUNT, max: MAX_COUNT }).map((x) => (x === 0 ? 0 : x)),
          { nil: null },
        ), { minLength: 200, maxLength: 200 }),
      keep: fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
      sections: fc.array(fc.option(block, { nil: undefined }), { minLength: 6, maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, (p) => {
        const r = blankReport({ id: 'p', template: p.template, year: p.year, agencyZh: p.agency, level: p.level });
        const cells: ReportDocument['cells'] = {};
        reportTables(getTemplate(p.template)).order.forEach((key, i) => {
          if (p.keep[i] === true) cells[key] = p.values[i] ?? null;
        });
        r.cells = cells;
        SECTION_KEYS.forEach((key, i) => {
          const b = p.sections[i];
          if (b !== undefined) {
            r.sections[key] = {
              original: b.original,
              translationReviewed: b.translationReviewed,
              ...(b.zh === undefined ? {} : { zh: b.zh }),
              ...(b.bo === undefined ? {} : { bo: b.bo }),
            };
          }
        });
        expect(parseReportJson(toReportJson(r))).toEqual(r);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseReportJson', () => {
  it('accepts any finite number in a cell, negative and decimal included (R5 is the validator’s)', () => {
    const text = mutate((j) => {
      (j.cells as Record<string, unknown>)['requests.granted.natural_person'] = -5;
      (j.cells as Record<string, unknown>)['requests.partial.natural_person'] = 2.5;
    });
    expect(parseReportJson(text).cells['requests.granted.natural_person']).toBe(-5);
  });

  it('accepts a byte-order mark', () => {
    expect(parseReportJson(`\uFEFF${toReportJson(sample())}`).id).toBe('qd-2020');
  });

  it('rejects malformed JSON with a one-line reason', () => {
    expect(reasonOf('{"schema": 1,')).toMatch(/^invalid JSON: /);
    expect(reasonOf('')).toMatch(/^invalid JSON/);
  });

  it('rejects what is not a report object', () => {
    expect(reasonOf('[]')).toBe('(root): expected a JSON object, got an array');
    expect(reasonOf('null')).toMatch(/^\(root\): /);
    expect(reasonOf('"report"')).toMatch(/^\(root\): /);
    expect(reasonOf('{}')).toBe('missing key schema (+5 more)');
  });

  it('rejects unknown keys, at any depth', () => {
    expect(reasonOf(mutate((j) => (j.extra = true)))).toBe('unknown key extra');
    expect(reasonOf(mutate((j) => (j.meta.colour = 'red')))).toBe('unknown key meta.colour');
    expect(reasonOf(mutate((j) => ((j.sections as Record<string, unknown>).summary = { original: 'zh', translationReviewed: false })))).toBe(
      'unknown key sections.summary',
    );
  });

  it('rejects wrong types and values', () => {
    expect(reasonOf(mutate((j) => ((j.cells as Record<string, unknown>)['requests.granted.total'] = '3')))).toMatch(
      /^cells\.requests\.granted\.total: /,
    );
    expect(reasonOf(mutate((j) => (j.meta.year = '2020')))).toMatch(/^meta\.year: /);
    expect(reasonOf(mutate((j) => (j.meta.year = 1899)))).toMatch(/^meta\.year: /);
    expect(reasonOf(mutate((j) => (j.meta.year = 2020.5)))).toMatch(/^meta\.year: /);
    expect(reasonOf(mutate((j) => (j.meta.template = '2020')))).toMatch(/^meta\.template: /);
    expect(reasonOf(mutate((j) => (j.meta.level = 'village')))).toMatch(/^meta\.level: /);
    expect(reasonOf(mutate((j) => (j.meta.publishedOn = '2021-02-30')))).toMatch(/^meta\.publishedOn: not a calendar date/);
    expect(reasonOf(mutate((j) => (j.meta.publishedOn = '2021/01/29')))).toMatch(/^meta\.publishedOn: /);
    expect(reasonOf(mutate((j) => (j.schema = 2)))).toMatch(/^schema: /);
    expect(reasonOf(mutate((j) => (j.meta.agency = { zh: '' })))).toMatch(/^meta\.agency\.zh: /);
  });

  it('rejects non-finite numbers written as huge literals', () => {
    const text = toReportJson(sample()).replace('"active.procurement.amount": 8040', '"active.procurement.amount": 1e999');
    expect(reasonOf(text)).toMatch(/^cells\.active\.procurement\.amount: /);
  });

  it('rejects text blocks over the cap', () => {
    expect(reasonOf(mutate((j) => ((j.sections as Record<string, unknown>).other = { zh: '字'.repeat(200_001), original: 'zh', translationReviewed: false })))).toMatch(
      /^sections\.other\.zh: longer than 200000/,
    );
  });

  it('rejects cell keys that are not in the report’s template', () => {
    // A 2019 report relabelled 2021: its first 2019-only cell is named.
    expect(reasonOf(mutate((j) => (j.meta.template = '2021')))).toBe('cells: "active.rules.made" is not a cell of template 2021');
    expect(reasonOf(mutate((j) => ((j.cells as Record<string, unknown>)['requests.bogus.total'] = 1)))).toBe(
      'cells: "requests.bogus.total" is not a cell of template 2019',
    );
    expect(reasonOf(mutate((j) => ((j.units as Record<string, unknown>)['active.nothing.amount'] = '元')))).toContain('units: ');
  });
});
