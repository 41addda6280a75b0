/**
 * The storage's sync semantics, on SQLite and PostgreSQL alike: what tests/unit/sync/memory-server.ts
 * does, with SQL. Push applies, a repeat is acknowledged again and never applied twice, a field
 * changed on both sides keeps both values, pull returns writes after a cursor, every write is an
 * audit entry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/contract/sync.ts';
import { StorageError, type ServerStorage } from '../../src/server/storage/types.ts';
import { POSTGRES_MIGRATIONS } from '../../src/server/storage/migrations/postgres/index.ts';
import { SQLITE_MIGRATIONS } from '../../src/server/storage/migrations/sqlite/index.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);

const m = (over: Partial<Mutation>): Mutation => ({ clientId: 'a', seq: 1, draftId: 'd1', field: 'cell:x', value: 1, baseRev: 0, ...over });

async function withDraft(storage: ServerStorage): Promise<{ a: { userId: number; agencyId: string }; b: { userId: number; agencyId: string } }> {
  await storage.createAgency({ id: 'ta', nameZh: '甲镇人民政府', level: 'township' });
  await storage.createAgency({ id: 'tb', nameZh: '乙镇人民政府', level: 'township' });
  const ua = await storage.createUser({ username: 'ua', agencyId: 'ta', role: 'editor', passwordHash: 'x' });
  const ub = await storage.createUser({ username: 'ub', agencyId: 'tb', role: 'editor', passwordHash: 'x' });
  await storage.createDraft({
    id: 'd1', agencyId: 'ta', reportId: 'ta-2024', year: 2024, template: '2021', source: 'blank', createdBy: ua.id,
    fields: [['cell:x', null], ['text:overview:zh', '概述']],
  });
  await storage.createDraft({ id: 'd2', agencyId: 'tb', reportId: 'tb-2024', year: 2024, template: '2021', source: 'blank', createdBy: ub.id, fields: [] });
  return { a: { userId: ua.id, agencyId: 'ta' }, b: { userId: ub.id, agencyId: 'tb' } };
}

describe.each(DATABASES)('sync storage on $kind', ({ kind, create }) => {
  it('migrates once: a second migrate (and a second process) applies nothing', async () => {
    const db = await database(create);
    const first = await db.open({ migrate: false });
    const outcome = await first.migrate();
    const names = (kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS).map((m) => m.name);
    expect(outcome.applied.map((x) => x.name)).toEqual(names);
    expect(names.slice(0, 6)).toEqual(['reports', 'accounts', 'drafts', 'report-notes', 'kiosks', 'hierarchy']);
    expect(await first.migrate()).toEqual({ applied: [], version: names.length });
    const second = await db.open({ migrate: false });
    expect(await second.migrate()).toEqual({ applied: [], version: names.length });
    const recorded = await db.rows('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(recorded.map((r) => Number(r.version))).toEqual(names.map((_, i) => i + 1));
  });

  it('creates a draft at rev 1, each initial field an audit entry by the server client', async () => {
    const storage = await (await database(create)).open();
    await withDraft(storage);
    const snapshot = await storage.draftSnapshot('d1');
    expect(Object.fromEntries(snapshot?.fields ?? [])).toEqual({ 'cell:x': { value: null, rev: 1 }, 'text:overview:zh': { value: '概述', rev: 1 } });
    expect(snapshot?.draft).toMatchObject({ id: 'd1', agencyId: 'ta', reportId: 'ta-2024', year: 2024, template: '2021', source: 'blank' });
    expect(snapshot?.cursor).toBe(2);
    const history = await storage.history('d1', { after: 0, limit: 10 });
    expect(history.map((h) => [h.field, h.old, h.value, h.rev, h.clientId, h.user?.username])).toEqual([
      ['cell:x', undefined, null, 1, '~server', 'ua'],
      ['text:overview:zh', undefined, '概述', 1, '~server', 'ua'],
    ]);
    await expect(storage.createDraft({ id: 'd3', agencyId: 'ta', reportId: 'ta-2024', year: 2024, template: '2021', source: 'blank', createdBy: 1, fields: [] }))
      .rejects.toMatchObject({ code: 'exists' });
    expect((await storage.listDrafts('ta')).map((d) => d.id)).toEqual(['d1']);
  });

  it('applies, acknowledges a repeat again without applying it twice, and keeps the audit', async () => {
    const storage = await (await database(create)).open();
    const { a } = await withDraft(storage);
    const first = await storage.pushMutations(a, [m({ value: 5, baseRev: 1 }), m({ seq: 2, field: 'cell:y', value: 0 })]);
    expect(first).toEqual([
      { clientId: 'a', seq: 1, status: 'applied', rev: 2 },
      { clientId: 'a', seq: 2, status: 'applied', rev: 1 },
    ]);
    // The same request again (the answer was lost): the same acks, nothing written.
    expect(await storage.pushMutations(a, [m({ value: 5, baseRev: 1 }), m({ seq: 2, field: 'cell:y', value: 0 })])).toEqual(first);
    // A repeat is recognised by (clientId, seq) alone, even if its content differs.
    expect(await storage.pushMutations(a, [m({ value: 99, baseRev: 1 })])).toEqual([first[0]]);
    const history = await storage.history('d1', { after: 2, limit: 10 });
    expect(history.map((h) => [h.field, h.old, h.value, h.rev, h.clientId, h.seq])).toEqual([
      ['cell:x', null, 5, 2, 'a', 1],
      ['cell:y', undefined, 0, 1, 'a', 2],
    ]);
    expect((await storage.draftSnapshot('d1'))?.fields.get('cell:x')).toEqual({ value: 5, rev: 2 });
  });

  it('merges different fields; the same field changed on both sides is a conflict keeping both values', async () => {
    const db = await database(create);
    const storage = await db.open();
    const { a } = await withDraft(storage);
    const colleague = await storage.createUser({ username: 'dolma', agencyId: 'ta', role: 'editor', passwordHash: 'x' });
    await storage.pushMutations({ userId: colleague.id, agencyId: 'ta' }, [m({ clientId: 'office', value: 2, baseRev: 1 })]);
    const acks = await storage.pushMutations(a, [
      m({ clientId: 'field', value: 3, baseRev: 1 }),
      m({ clientId: 'field', seq: 2, field: 'text:overview:zh', value: '新概述', baseRev: 1 }),
    ]);
    expect(acks[0]).toMatchObject({ status: 'conflict', rev: 2, theirs: 2 });
    expect(acks[1]).toMatchObject({ status: 'applied', rev: 2 });
    const conflictId = acks[0]?.status === 'conflict' ? acks[0].conflictId : '';
    const [conflict] = await storage.openConflicts('ta');
    expect(conflict).toMatchObject({ id: conflictId, draftId: 'd1', field: 'cell:x', mine: 3, mineClientId: 'field', theirs: 2, theirsRev: 2 });
    // Who made each side and when: the push that met the conflict, and the audit entry of theirsRev.
    expect(conflict).toMatchObject({ mineBy: 'ua', theirsBy: 'dolma', theirsClientId: 'office' });
    const officeWrite = (await storage.history('d1', { after: 0, limit: 10 })).find((h) => h.clientId === 'office');
    expect(conflict?.theirsAt).toBe(officeWrite?.at);
    expect(Date.parse(conflict?.createdAt ?? '')).toBeGreaterThanOrEqual(Date.parse(officeWrite?.at ?? ''));
    expect((await storage.draftSnapshot('d1'))?.conflicts.map((c) => c.id)).toEqual([conflictId]);
    expect((await storage.draftSnapshot('d1'))?.fields.get('cell:x')).toEqual({ value: 2, rev: 2 });
    expect(await storage.openConflicts('tb')).toEqual([]);

    // Keep mine: an ordinary mutation based on theirs, naming the conflict; it closes it.
    const resolved = await storage.pushMutations(a, [m({ clientId: 'field', seq: 3, value: 3, baseRev: 2, resolves: conflictId })]);
    expect(resolved).toEqual([{ clientId: 'field', seq: 3, status: 'applied', rev: 3 }]);
    expect(await storage.openConflicts('ta')).toEqual([]);
    const rows = await db.rows('SELECT resolution, resolved_by FROM conflicts');
    expect(rows.map((r) => [r.resolution, Number(r.resolved_by)])).toEqual([['applied', a.userId]]);
  });

  it('pulls the agency\'s writes after a cursor, in order, paged', async () => {
    const storage = await (await database(create)).open();
    const { a, b } = await withDraft(storage);
    await storage.pushMutations(a, [m({ value: 1, baseRev: 1 }), m({ seq: 2, field: 'cell:y', value: 2 })]);
    await storage.pushMutations(b, [m({ clientId: 'b', draftId: 'd2', field: 'cell:z', value: 9 })]);
    await storage.pushMutations(a, [m({ seq: 3, value: 4, baseRev: 2 })]);
    const all = await storage.pull({ agencyId: 'ta', cursor: 0, limit: 100 });
    expect(all.changes.map((c) => [c.field, c.value, c.rev])).toEqual([
      ['cell:x', null, 1], ['text:overview:zh', '概述', 1], ['cell:x', 1, 2], ['cell:y', 2, 1], ['cell:x', 4, 3],
    ]);
    expect(all.changes.map((c) => c.cursor)).toEqual([...all.changes.map((c) => c.cursor)].sort((x, y) => x - y));
    expect(all.more).toBe(false);
    expect(all.cursor).toBe(6); // the agency's head: its last write
    const after = await storage.pull({ agencyId: 'ta', cursor: 3, limit: 100 });
    expect(after.changes.map((c) => c.value)).toEqual([2, 4]);
    const page = await storage.pull({ agencyId: 'ta', cursor: 0, limit: 2 });
    expect(page).toMatchObject({ more: true, cursor: page.changes[1]?.cursor });
    expect(await storage.pull({ agencyId: 'tb', cursor: 0, limit: 100 })).toEqual({
      changes: [expect.objectContaining({ field: 'cell:z', cursor: 5 })], cursor: 5, more: false,
    });
    expect(await storage.pull({ agencyId: 'ta', cursor: 6, limit: 100 })).toEqual({ changes: [], cursor: 6, more: false });
  });

  it('refuses, storing nothing, a batch naming a draft of another agency or none', async () => {
    const storage = await (await database(create)).open();
    const { a } = await withDraft(storage);
    for (const draftId of ['d2', 'nope']) {
      await expect(storage.pushMutations(a, [m({ seq: 1, value: 7, baseRev: 1 }), m({ seq: 2, draftId })])).rejects.toThrow(StorageError);
    }
    expect((await storage.draftSnapshot('d1'))?.fields.get('cell:x')).toEqual({ value: null, rev: 1 });
    expect((await storage.pull({ agencyId: 'ta', cursor: 0, limit: 100 })).changes).toHaveLength(2);
  });

  it('applies pushes sent together, and refuses one of them alone', async () => {
    // On SQLite these share one commit (sqlite/group-commit.ts): each must still be its own.
    const storage = await (await database(create)).open();
    const { a } = await withDraft(storage);
    const outcomes = await Promise.allSettled([
      storage.pushMutations(a, [m({ clientId: 'p', value: 1, baseRev: 1 })]),
      storage.pushMutations(a, [m({ clientId: 'r', field: 'cell:y', value: 9 }), m({ clientId: 'r', seq: 2, draftId: 'd2' })]),
      storage.pushMutations(a, [m({ clientId: 'q', field: 'text:overview:zh', value: '新', baseRev: 1 })]),
    ]);
    const acks = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.map((x) => [x.status, x.rev]) : o.reason instanceof StorageError ? o.reason.code : 'other'));
    expect(acks).toEqual([[['applied', 2]], 'forbidden', [['applied', 2]]]);
    const fields = (await storage.draftSnapshot('d1'))?.fields;
    expect([fields?.get('cell:x'), fields?.get('cell:y'), fields?.get('text:overview:zh')]).toEqual([{ value: 1, rev: 2 }, undefined, { value: '新', rev: 2 }]);
    const history = await storage.history('d1', { after: 2, limit: 10 });
    expect(history.map((h) => h.clientId).sort()).toEqual(['p', 'q']);
  });

  it('decides pushes sent together in order, each written as its own user\'s', async () => {
    // On SQLite and PostgreSQL these share one transaction (group commit): each still its own push.
    const storage = await (await database(create)).open();
    const { a } = await withDraft(storage);
    const colleague = await storage.createUser({ username: 'dolma', agencyId: 'ta', role: 'editor', passwordHash: 'x' });
    const b = { userId: colleague.id, agencyId: 'ta' };
    const acks = await Promise.all([
      storage.pushMutations(a, [m({ clientId: 'p', value: 1, baseRev: 1 })]),
      storage.pushMutations(b, [m({ clientId: 'q', value: 2, baseRev: 1 }), m({ clientId: 'q', seq: 2, field: 'cell:y', value: 3 })]),
      storage.pushMutations(b, [m({ clientId: 'q', value: 2, baseRev: 1 })]),
      storage.pushMutations(a, [m({ clientId: 'p', seq: 2, field: 'cell:y', value: 4, baseRev: 1 })]),
    ]);
    const conflictId = acks[1][0]?.status === 'conflict' ? acks[1][0].conflictId : 'none';
    expect(acks).toEqual([
      [{ clientId: 'p', seq: 1, status: 'applied', rev: 2 }],
      [{ clientId: 'q', seq: 1, status: 'conflict', rev: 2, conflictId, theirs: 1 }, { clientId: 'q', seq: 2, status: 'applied', rev: 1 }],
      // The same mutation again: its first ack, nothing written.
      [{ clientId: 'q', seq: 1, status: 'conflict', rev: 2, conflictId, theirs: 1 }],
      [{ clientId: 'p', seq: 2, status: 'applied', rev: 2 }],
    ]);
    const history = await storage.history('d1', { after: 2, limit: 10 });
    expect(history.map((h) => [h.field, h.value, h.rev, h.clientId, h.user?.username])).toEqual([
      ['cell:x', 1, 2, 'p', 'ua'], ['cell:y', 3, 1, 'q', 'dolma'], ['cell:y', 4, 2, 'p', 'ua'],
    ]);
    const [conflict] = await storage.openConflicts('ta');
    expect(conflict).toMatchObject({ id: conflictId, mine: 2, mineClientId: 'q', mineBy: 'dolma', theirs: 1, theirsBy: 'ua' });
  });

  it('writes pushes sent together when another of them fails in the database', async () => {
    // PostgreSQL refuses a NUL byte in text, failing the statement and so the group's transaction:
    // its other pushes are then written each on its own. SQLite finds no such draft (forbidden).
    const storage = await (await database(create)).open();
    const { a } = await withDraft(storage);
    const outcomes = await Promise.allSettled([
      storage.pushMutations(a, [m({ clientId: 'p', value: 1, baseRev: 1 })]),
      storage.pushMutations(a, [m({ clientId: 'r', draftId: 'd\u00001' })]),
      storage.pushMutations(a, [m({ clientId: 'q', field: 'text:overview:zh', value: '新', baseRev: 1 })]),
    ]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value.map((x) => [x.status, x.rev]) : 'refused'))).toEqual([[['applied', 2]], 'refused', [['applied', 2]]]);
    const fields = (await storage.draftSnapshot('d1'))?.fields;
    expect([fields?.get('cell:x'), fields?.get('text:overview:zh')]).toEqual([{ value: 1, rev: 2 }, { value: '新', rev: 2 }]);
    expect((await storage.history('d1', { after: 2, limit: 10 })).map((h) => h.clientId).sort()).toEqual(['p', 'q']);
  });

  it('decides a batch that touches a field twice in order', async () => {
    const storage = await (await database(create)).open();
    const { a } = await withDraft(storage);
    const acks = await storage.pushMutations(a, [m({ value: 1, baseRev: 1 }), m({ seq: 2, value: 2, baseRev: 1 }), m({ clientId: 'z', value: 3, baseRev: 1 })]);
    expect(acks.map((x) => [x.status, x.rev])).toEqual([['applied', 2], ['applied', 3], ['conflict', 3]]);
  });

  it('reads the writers after a baseRev: a foreign write there is a conflict even when the latest is the client\'s own', async () => {
    // The storage reads only the writes after the batch's lowest baseRev of a field (writersSince).
    // Each push here is decided differently by a read that is too narrow: the latest writer alone,
    // the writes after the first mutation's baseRev, or the writes at baseRev as well.
    const storage = await (await database(create)).open();
    const { a } = await withDraft(storage);
    const status = async (mutations: Mutation[]) => (await storage.pushMutations(a, mutations)).map((x) => [x.status, x.rev]);
    // The office writes rev 2; the phone, having seen it, rev 3 and 4: the latest writer is the phone.
    expect(await status([m({ clientId: 'office', value: 2, baseRev: 1 })])).toEqual([['applied', 2]]);
    expect(await status([m({ clientId: 'phone', value: 3, baseRev: 2 }), m({ clientId: 'phone', seq: 2, value: 4, baseRev: 3 })])).toEqual([['applied', 3], ['applied', 4]]);
    // An edit the phone made on rev 1, before it saw the office's: the office's rev 2 is after it.
    expect(await status([m({ clientId: 'phone', seq: 3, value: 5, baseRev: 1 })])).toEqual([['conflict', 4]]);
    // The same within a batch whose first mutation of the field is based on the latest rev.
    expect(await status([m({ clientId: 'phone', seq: 4, value: 6, baseRev: 4 }), m({ clientId: 'phone', seq: 5, value: 7, baseRev: 1 })])).toEqual([['applied', 5], ['conflict', 5]]);
    // Based on the office's rev 2 itself, only the phone wrote after: its own edit, applied.
    expect(await status([m({ clientId: 'phone', seq: 6, value: 8, baseRev: 2 })])).toEqual([['applied', 6]]);
    // And the office, based on rev 1, meets the phone's writes after it, though it wrote rev 2 itself.
    expect(await status([m({ clientId: 'office', seq: 2, value: 9, baseRev: 1 })])).toEqual([['conflict', 6]]);
    expect((await storage.draftSnapshot('d1'))?.fields.get('cell:x')).toEqual({ value: 8, rev: 6 });
    // Sorted by the value kept as mine: conflicts made in the same millisecond have no order of their own.
    const conflicts = (await storage.openConflicts('ta')).map((c) => [c.mineClientId, c.mine, c.theirs, c.theirsRev] as const);
    expect(conflicts.toSorted((x, y) => Number(x[1]) - Number(y[1]))).toEqual([
      ['phone', 5, 4, 4], ['phone', 7, 6, 5], ['office', 9, 8, 6],
    ]);
  });
});
