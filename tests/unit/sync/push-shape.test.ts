/**
 * contract/sync.ts isPlainPush, the hand-written check a push's body meets before its schema: it
 * must accept nothing PushRequestSchema refuses or would change, and accept the pushes devices
 * send (else it would save nothing). Refusals go to the schema, which words the error.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isPlainPush, MAX_PUSH_MUTATIONS, MAX_TEXT_VALUE, PushRequestSchema } from '../../../src/contract/sync.ts';
import { arrayForObject } from '../../../src/server/object-shape.ts';

// Mostly what the schema accepts, sometimes not: each place may be the one that is wrong.
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });
const id = mostly(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/u), fc.oneof(fc.constantFrom('', 'a b', 'x'.repeat(65), 'ü', 'a\u0000'), fc.integer()));
const field = mostly(fc.constantFrom('cell:requests.new_received.total', 'text:overview:zh', 'meta:year'), fc.oneof(fc.constantFrom('cell:', 'nokind', 'text:', 'cell:x'), fc.string()));
const value = mostly(
  fc.oneof(fc.constantFrom(null, true, false, 'x'.repeat(MAX_TEXT_VALUE)), fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  fc.constantFrom(Number.NaN, Infinity, 'x'.repeat(MAX_TEXT_VALUE + 1), [], {}, undefined),
);
const count = mostly(fc.integer({ min: 0, max: 2 ** 53 }), fc.constantFrom(-1, 1.5, '1', null, Number.NaN));
const REQUIRED = ['clientId', 'seq', 'draftId', 'field', 'value', 'baseRev'];
const mutation = fc.tuple(
  fc.record({ clientId: id, seq: count, draftId: id, field, value, baseRev: count, resolves: id, extra: fc.string() }, { requiredKeys: ['clientId', 'seq', 'draftId', 'field', 'value', 'baseRev'] }),
  fc.integer({ min: 0, max: 30 }),
).map(([m, drop]) => {
  // Now and then a required key missing, or an unknown one there.
  const { extra, ...rest } = m;
  const out: Record<string, unknown> = extra !== undefined && extra.length === 1 ? { ...rest, extra } : rest;
  return Object.fromEntries(Object.entries(out).filter(([key]) => key !== REQUIRED[drop]));
});
const anything = fc.oneof(mutation, fc.constant([]), fc.constant(null), fc.string(), fc.dictionary(fc.string(), fc.jsonValue()));
const body = fc.oneof(
  { arbitrary: fc.record({ mutations: fc.array(mutation, { maxLength: 3 }) }), weight: 4 },
  fc.record({ mutations: fc.array(anything, { maxLength: 4 }) }),
  fc.record({ mutations: fc.array(mutation, { maxLength: 3 }), other: fc.jsonValue() }, { requiredKeys: ['mutations'] }),
  fc.jsonValue(),
);

describe('isPlainPush', () => {
  it('accepts only what PushRequestSchema accepts unchanged, with no array for an object', () => {
    fc.assert(
      fc.property(body, (b) => {
        if (!isPlainPush(b)) return;
        const result = v.safeParse(PushRequestSchema, b);
        expect(result.success).toBe(true);
        expect(result.output).toEqual(b);
        expect(arrayForObject(PushRequestSchema, b)).toBeUndefined();
      }),
      { numRuns: 3_000 },
    );
  });

  it('accepts the pushes devices send, and refuses what the schema refuses', () => {
    const m = { clientId: 'dev-1', seq: 7, draftId: 'town0-2024', field: 'cell:requests.new_received.total', value: 3, baseRev: 2 };
    expect(isPlainPush({ mutations: [m] })).toBe(true);
    expect(isPlainPush({ mutations: [{ ...m, value: '文字', field: 'text:overview:zh', resolves: 'c1' }, { ...m, value: null }] })).toBe(true);
    expect(isPlainPush({ mutations: [] })).toBe(true);
    for (const bad of [
      { mutations: [{ ...m, seq: 0 }] },
      { mutations: [{ ...m, extra: 1 }] },
      { mutations: [m], more: 1 },
      { mutations: Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => m) },
      { mutations: [{ ...m, value: [] }] },
      { mutations: [[]] },
      [],
    ]) {
      expect(isPlainPush(bad)).toBe(false);
      expect(v.safeParse(PushRequestSchema, bad).success && arrayForObject(PushRequestSchema, bad) === undefined).toBe(false);
    }
  });
});
