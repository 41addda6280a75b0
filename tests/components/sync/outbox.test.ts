// @vitest-environment happy-dom
/**
 * The Dexie-backed replica: one edit is one transaction (field + outbox entry, or neither), and
 * everything survives a reload (a new instance on the same database).
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LothoDb } from '../../../src/db/index.ts';
import { ReplicaStore } from '../../../src/sync/outbox.ts';
import { RECEIVED, RECEIVED_NP, freshDb, replicaOn, serverRow } from './helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ReplicaStore.edit', () => {
  it('writes the field and its outbox entry together, based on the revision it saw', async () => {
    const db = freshDb();
    const replica = await replicaOn(db);
    await replica.addDraft(serverRow('d1'), [[RECEIVED, { value: null, rev: 3 }]]);

    const mutation = await replica.edit('d1', RECEIVED, 12);

    expect(mutation).toMatchObject({ seq: 1, draftId: 'd1', field: RECEIVED, value: 12, baseRev: 3 });
    expect(await db.fields.get(['1', 'd1', RECEIVED])).toMatchObject({ value: 12, rev: 3 });
    expect(await db.outbox.count()).toBe(1);
    expect((await replica.meta()).nextSeq).toBe(2);
  });

  it('writes neither when the transaction fails half-way (the outbox write throws)', async () => {
    const db = freshDb();
    const replica = await replicaOn(db);
    await replica.addDraft(serverRow('d1'), [[RECEIVED, { value: 4, rev: 1 }]]);
    vi.spyOn(db.outbox, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError'));

    await expect(replica.edit('d1', RECEIVED, 12)).rejects.toThrow('QuotaExceededError');

    expect(await db.fields.get(['1', 'd1', RECEIVED])).toMatchObject({ value: 4, rev: 1 });
    expect(await db.outbox.count()).toBe(0);
    expect((await replica.meta()).nextSeq).toBe(1);
    // And the next edit works and takes the seq that was not used.
    expect(await replica.edit('d1', RECEIVED, 13)).toMatchObject({ seq: 1, value: 13 });
  });

  it('does not queue an edit that changes nothing', async () => {
    const replica = await replicaOn(freshDb());
    await replica.addDraft(serverRow('d1'), [[RECEIVED, { value: 4, rev: 1 }]]);
    expect(await replica.edit('d1', RECEIVED, 4)).toBeUndefined();
    expect(await replica.pending()).toEqual([]);
  });

  it('folds keystrokes into the unsent entry of the field; one a push carried is replaced by a new seq, never changed', async () => {
    const replica = await replicaOn(freshDb());
    await replica.addDraft(serverRow('d1'), [['text:overview:zh', { value: null, rev: 1 }]]);
    await replica.edit('d1', 'text:overview:zh', '本', { coalesce: true });
    await replica.edit('d1', 'text:overview:zh', '本年', { coalesce: true });
    expect((await replica.pending()).map((p) => [p.mutation.seq, p.mutation.value])).toEqual([[1, '本年']]);

    expect((await replica.claimBatch(() => true, 10)).map((m) => m.value)).toEqual(['本年']);
    await replica.edit('d1', 'text:overview:zh', '本年度', { coalesce: true });
    // Seq 1 may be applied on the server already: its value is not changed under it; the field's
    // newer value goes under seq 2, and seq 1 is not sent again (one entry per field).
    expect((await replica.pending()).map((p) => [p.mutation.seq, p.mutation.value, p.sent])).toEqual([[2, '本年度', false]]);
  });

  it('keeps a carried resolution of a conflict: a later edit of its field queues after it', async () => {
    const db = freshDb();
    const replica = await replicaOn(db);
    await replica.addDraft(serverRow('d1'), [[RECEIVED, { value: 4, rev: 1 }]]);
    await db.conflicts.put({ owner: '1', id: 'k1', conflict: { id: 'k1', draftId: 'd1', field: RECEIVED, mine: 4, theirs: 7, theirsRev: 2 }, createdAt: 1 });
    await replica.resolve('k1', 'mine');
    await replica.claimBatch(() => true, 10);
    await replica.edit('d1', RECEIVED, 5, { coalesce: true });
    expect((await replica.pending()).map((p) => [p.mutation.value, p.mutation.resolves ?? null])).toEqual([
      [4, 'k1'],
      [5, null],
    ]);
  });

  it('hands out distinct seqs to two instances on the same database (two tabs)', async () => {
    const db = freshDb();
    const one = await replicaOn(db);
    const two = new ReplicaStore(new LothoDb(db.name), '1');
    await one.addDraft(serverRow('d1'), [[RECEIVED, { value: null, rev: 1 }], [RECEIVED_NP, { value: null, rev: 1 }]]);
    const [a, b] = await Promise.all([one.edit('d1', RECEIVED, 1), two.edit('d1', RECEIVED_NP, 2)]);
    expect(new Set([a?.seq, b?.seq])).toEqual(new Set([1, 2]));
  });
});

describe('a reload', () => {
  it('restores drafts, fields, outbox and conflicts from the same database', async () => {
    const db = freshDb();
    const replica = await replicaOn(db);
    await replica.addDraft(serverRow('d1'), [[RECEIVED, { value: 4, rev: 2 }], [RECEIVED_NP, { value: null, rev: 2 }]]);
    await replica.edit('d1', RECEIVED_NP, 7);
    await replica.applyAcks([{ clientId: (await replica.meta()).clientId, seq: 1, status: 'conflict', rev: 3, conflictId: 'c1', theirs: 9 }]);
    await replica.edit('d1', RECEIVED, 5);
    const before = await replica.load();
    db.close();

    const reopened = new ReplicaStore(new LothoDb(db.name), '1');
    const after = await reopened.load();

    expect(after).toEqual(before);
    expect(after.fields.d1?.[RECEIVED]).toEqual({ value: 5, rev: 2 });
    expect(after.outbox.map((m) => m.value)).toEqual([5]);
    expect(after.conflicts).toEqual([{ id: 'c1', draftId: 'd1', field: RECEIVED_NP, mine: 7, theirs: 9, theirsRev: 3, mineClientId: (await reopened.meta()).clientId }]);
    expect((await reopened.drafts()).map((d) => d.id)).toEqual(['d1']);
  });

  it('keeps each official on a shared phone apart', async () => {
    const db = freshDb();
    const first = await replicaOn(db, '1');
    const second = await replicaOn(db, '2');
    await first.addDraft(serverRow('d1'), [[RECEIVED, { value: null, rev: 1 }]]);
    await first.edit('d1', RECEIVED, 3);
    expect(await second.pending()).toEqual([]);
    expect(await second.drafts()).toEqual([]);
    expect((await first.meta()).clientId).not.toBe((await second.meta()).clientId);
    await second.clear();
    expect(await first.pending()).toHaveLength(1);
  });
});
