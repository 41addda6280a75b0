import { describe, expect, it } from 'vitest';
import { backoffDelay, decide } from '../../../src/sync/protocol.ts';
import { PushRequestSchema } from '../../../src/contract/sync.ts';
import type { Mutation } from '../../../src/contract/sync.ts';
import { applyAcks, applyChanges, createReplica, edit, resolveConflict } from '../../../src/sync/replica.ts';
import * as v from 'valibot';
import { MemoryServer } from './memory-server.ts';

const m = (over: Partial<Mutation>): Mutation => ({ clientId: 'a', seq: 1, draftId: 'd', field: 'cell:x', value: 1, baseRev: 0, ...over });
const input = { previousAck: undefined, foreignWriteSinceBase: false, newConflictId: 'c1' };

describe('decide', () => {
  it('applies an edit based on the current revision', () => {
    const d = decide({ ...input, mutation: m({ baseRev: 2 }), current: { value: 0, rev: 2 } });
    expect(d.ack).toEqual({ clientId: 'a', seq: 1, status: 'applied', rev: 3 });
    expect(d.write).toEqual({ value: 1, rev: 3 });
  });

  it('acknowledges a repeat again and writes nothing', () => {
    const previousAck = { clientId: 'a', seq: 1, status: 'applied' as const, rev: 3 };
    const d = decide({ ...input, mutation: m({}), current: { value: 1, rev: 3 }, previousAck });
    expect(d).toEqual({ ack: previousAck, repeat: true });
  });

  it('keeps both values when another client changed the field since the base', () => {
    const d = decide({ ...input, mutation: m({ baseRev: 1, value: 7 }), current: { value: 5, rev: 2 }, foreignWriteSinceBase: true });
    expect(d.ack).toMatchObject({ status: 'conflict', rev: 2, theirs: 5, conflictId: 'c1' });
    expect(d.conflict).toMatchObject({ mine: 7, theirs: 5, theirsRev: 2, field: 'cell:x' });
    expect(d.write).toBeUndefined();
  });

  it('merges silently when both sides wrote the same value', () => {
    const d = decide({ ...input, mutation: m({ baseRev: 1, value: 5 }), current: { value: 5, rev: 2 }, foreignWriteSinceBase: true });
    expect(d.ack).toMatchObject({ status: 'applied', rev: 2 });
    expect(d.write).toBeUndefined();
  });

  it('treats a client\'s own newer write as its base, not a conflict', () => {
    const d = decide({ ...input, mutation: m({ baseRev: 0, value: 9 }), current: { value: 5, rev: 1 }, foreignWriteSinceBase: false });
    expect(d.ack).toMatchObject({ status: 'applied', rev: 2 });
  });
});

describe('push request schema', () => {
  it('accepts mutations and rejects unknown fields, wrong types and oversized batches', () => {
    expect(v.safeParse(PushRequestSchema, { mutations: [m({})] }).success).toBe(true);
    expect(v.safeParse(PushRequestSchema, { mutations: [{ ...m({}), extra: 1 }] }).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, { mutations: [m({ seq: 0 })] }).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, { mutations: [{ ...m({}), field: 'evil; drop' }] }).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, { mutations: [m({ value: Number.POSITIVE_INFINITY })] }).success).toBe(false);
    expect(v.safeParse(PushRequestSchema, { mutations: Array.from({ length: 501 }, (_, i) => m({ seq: i + 1 })) }).success).toBe(false);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter and is capped at five minutes', () => {
    expect(backoffDelay(0, () => 1)).toBe(2_000);
    expect(backoffDelay(3, () => 1)).toBe(16_000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
    expect(backoffDelay(30, () => 0)).toBe(0);
  });
});

describe('replica with a server', () => {
  it('merges edits of different fields and surfaces a conflict on the same field', () => {
    const server = new MemoryServer();
    let a = createReplica('a');
    let b = createReplica('b');
    a = edit(a, 'd', 'cell:x', 1);
    a = applyAcks(a, server.push(a.outbox));
    b = applyChanges(b, server.pull(0).changes, server.pull(0).cursor);
    a = edit(a, 'd', 'cell:x', 2); // office
    b = edit(b, 'd', 'cell:x', 3); // field
    b = edit(b, 'd', 'cell:y', 4);
    a = applyAcks(a, server.push(a.outbox));
    b = applyAcks(b, server.push(b.outbox));
    expect(server.value('d', 'cell:y')).toBe(4);
    expect(server.value('d', 'cell:x')).toBe(2);
    expect(b.conflicts).toEqual([expect.objectContaining({ field: 'cell:x', mine: 3, theirs: 2 })]);
    expect(b.fields.d?.['cell:x']?.value).toBe(3); // never silently overwritten
    b = resolveConflict(b, b.conflicts[0]?.id ?? '', 'mine');
    b = applyAcks(b, server.push(b.outbox));
    expect(server.value('d', 'cell:x')).toBe(3);
    const pulled = server.pull(0);
    a = applyChanges(a, pulled.changes, pulled.cursor);
    expect(a.fields.d?.['cell:x']?.value).toBe(3);
  });
});
