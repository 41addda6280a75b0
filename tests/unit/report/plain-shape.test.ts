/**
 * report/plain-shape.ts isPlainReportShape, the hand-written check a report document meets before
 * its schema: it must accept nothing ReportDocumentSchema refuses or would change, and accept the
 * documents Lotho writes (else it saves nothing). What it refuses goes to the schema, so a
 * malformed document is still refused, with the schema's reason.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { blankReport, textIn } from '../../../src/report/factory.ts';
import { isPlainReportShape } from '../../../src/report/plain-shape.ts';
import { parseReportJson, ReportDocumentSchema } from '../../../src/report/schema.ts';
import { ImportError } from '../../../src/report/import/types.ts';
import type { ReportDocument } from '../../../src/report/model.ts';

function sample(): ReportDocument {
  const r = blankReport({ id: 'qd-2020', template: '2019', year: 2020, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 3 });
  r.meta = {
    ...r.meta,
    agency: { zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་།' },
    period: { start: '2020-01-01', end: '2020-12-31' },
    publishedOn: '2021-01-29',
    address: '波密县倾多镇',
    phone: '0894-5663553',
    declaredParts: 4,
  };
  r.preamble = textIn('zh', '根据《中华人民共和国政府信息公开条例》…');
  r.sections.overview = { zh: '总体情况。', bo: 'སྤྱིའི་གནས་ཚུལ།', original: 'zh', translationReviewed: true };
  // A few cells, so that the property below picks each kind of place often.
  r.cells = { 'active.procurement.amount': 8040.5, 'requests.granted.total': null, 'requests.new_received.total': 3 };
  r.units = { 'active.procurement.amount': '元' };
  return r;
}

/** Every path of a JSON value's objects, and the object that holds each. */
function places(value: unknown, path: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [path];
  return [path, ...Object.entries(value).flatMap(([key, child]) => places(child, [...path, key]))];
}

/** `doc` with the value at `path` (or a new key beside it) replaced. */
function replaced(doc: unknown, path: string[], key: string | undefined, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const target = [...path];
  if (key !== undefined) target.splice(target.length - 1, 1, key);
  if (target.length === 0) return value;
  let holder: Record<string, unknown> = copy;
  for (const step of target.slice(0, -1)) holder = holder[step] as Record<string, unknown>;
  const last = target.at(-1) as string;
  if (value === 'DELETE') Reflect.deleteProperty(holder, last);
  // An own property, as JSON.parse makes one (even one named __proto__).
  else Object.defineProperty(holder, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

// Values near every rule of the schema, and any JSON at all.
const tricky = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(
    'DELETE', undefined, null, [], {}, '', 'x', 'x'.repeat(20), 'x'.repeat(21), 'x'.repeat(100), 'x'.repeat(1000), 'x'.repeat(1001),
    0, -0, 1, 1.5, 2, 2007, 2008, 2100, 2101, 99, 100, -1, Number.NaN, Infinity, true, false,
    'zh', 'bo', 'en', '2019', '2021', 'township', 'village', '2020-02-29', '2021-02-29', '2021-13-01', '2021-1-01', '２０２１-01-01',
    { zh: 'x', original: 'zh', translationReviewed: false }, { zh: 'x', original: 'fr', translationReviewed: false }, { start: '2020-01-01', end: '2020-12-31' },
  ) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const keyNames = fc.constantFrom(undefined, undefined, 'extra', '__proto__', 'constructor', 'x'.repeat(101), 'zh', 'bo', 'period', 'preamble', 'active.procurement.amount');

describe('isPlainReportShape', () => {
  const base = sample();
  const paths = places(base);

  it('accepts only what ReportDocumentSchema accepts unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), keyNames, tricky), { minLength: 1, maxLength: 2 }), (edits) => {
        let doc: unknown = base;
        for (const [path, key, value] of edits) {
          try {
            doc = replaced(doc, path, key, value);
          } catch {
            // The path no longer exists after an earlier edit.
          }
        }
        if (!isPlainReportShape(doc)) return;
        const result = v.safeParse(ReportDocumentSchema, doc);
        expect(result.success).toBe(true);
        expect(result.output).toStrictEqual(doc);
      }),
      { numRuns: 8_000 },
    );
  });

  it('accepts the documents Lotho writes, as JSON brings them back', () => {
    expect(isPlainReportShape(base)).toBe(true);
    expect(isPlainReportShape(JSON.parse(JSON.stringify(base)))).toBe(true);
    const blank = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: '某县', level: 'county', fill: 0 });
    expect(isPlainReportShape(blank)).toBe(true);
  });

  it('refuses what the schema refuses', () => {
    for (const bad of [
      { ...base, cells: { ...base.cells, 'requests.granted.total': '3' } },
      { ...base, extra: 1 },
      { ...base, meta: { ...base.meta, year: 2007 } },
      { ...base, meta: { ...base.meta, publishedOn: '2021-02-30' } },
      { ...base, sections: { ...base.sections, overview: { zh: 'x', original: 'zh' } } },
      { ...base, units: { 'active.procurement.amount': '' } },
      [],
      null,
    ]) {
      expect(isPlainReportShape(bad)).toBe(false);
      expect(v.safeParse(ReportDocumentSchema, bad).success && !Array.isArray(bad)).toBe(false);
    }
  });
});

describe('parseReportJson after the plain check', () => {
  it('still refuses a malformed document, with the schema\'s reason', () => {
    const doc = { ...sample(), cells: { 'requests.granted.total': 'many' } };
    expect(() => parseReportJson(JSON.stringify(doc))).toThrow(ImportError);
    expect(() => parseReportJson(JSON.stringify(doc))).toThrow(/cells\.requests\.granted\.total/u);
  });

  it('still checks the cell keys against the template for a plain document', () => {
    const doc = { ...sample(), cells: { 'no.such.cell': 1 } };
    expect(isPlainReportShape(doc)).toBe(true);
    expect(() => parseReportJson(JSON.stringify(doc))).toThrow(/not a cell of template 2019/u);
  });
});
