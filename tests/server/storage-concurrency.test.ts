/**
 * Several server processes on one database: each "process" is its own storage (its own pool or
 * connection). On PostgreSQL the pushes really run at once; on SQLite the file lock serialises
 * them, and the same assertions hold.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Ack, Mutation } from '../../src/contract/sync.ts';
import { SQLITE_MIGRATIONS } from '../../src/server/storage/migrations/sqlite/index.ts';
import type { ServerStorage, UserContext } from '../../src/server/storage/types.ts';
import { DATABASES, useDatabases, type TestDatabase } from './databases.ts';

const database = useDatabases(afterEach);

async function processes(db: TestDatabase, count: number): Promise<{ storages: ServerStorage[]; ctx: UserContext }> {
  const first = await db.open();
  await first.createAgency({ id: 'ta', nameZh: '甲镇人民政府', level: 'township' });
  const user = await first.createUser({ username: 'ua', agencyId: 'ta', role: 'editor', passwordHash: 'x' });
  await first.createDraft({ id: 'd', agencyId: 'ta', reportId: 'ta-2024', year: 2024, template: '2021', source: 'blank', createdBy: user.id, fields: [['cell:old', 0]] });
  const others = await Promise.all(Array.from({ length: count - 1 }, () => db.open()));
  return { storages: [first, ...others], ctx: { userId: user.id, agencyId: 'ta' } };
}

describe.each(DATABASES)('several processes on one $kind database', ({ create }) => {
  it('migrate at once: the schema is made once', async () => {
    const db = await database(create);
    const storages = await Promise.all([1, 2, 3].map(() => db.open({ migrate: false })));
    const outcomes = await Promise.all(storages.map((s) => s.migrate()));
    const latest = SQLITE_MIGRATIONS.length;
    expect(outcomes.map((o) => o.applied.length).sort()).toEqual([0, 0, latest]);
    expect(outcomes.every((o) => o.version === latest)).toBe(true);
    expect(await db.rows('SELECT version FROM schema_migrations')).toHaveLength(latest);
  });

  it('push the same repeated mutation at once: exactly one write, the same ack for all', async () => {
    const db = await database(create);
    const { storages, ctx } = await processes(db, 4);
    for (let seq = 1; seq <= 30; seq += 1) {
      // Odd seqs write a field that does not exist yet (racing INSERTs), even ones an existing row.
      const mutation: Mutation = { clientId: 'phone', seq, draftId: 'd', field: seq % 2 === 1 ? `cell:new${seq}` : 'cell:old', value: seq, baseRev: 1 - (seq % 2) };
      const acks: Ack[][] = await Promise.all(storages.map((s) => s.pushMutations(ctx, [mutation])));
      expect(new Set(acks.map((a) => JSON.stringify(a))).size).toBe(1);
    }
    const writes = await db.rows("SELECT client_id, seq FROM field_writes WHERE client_id = 'phone'");
    expect(writes).toHaveLength(30);
    expect(new Set(writes.map((w) => Number(w.seq))).size).toBe(30);
    expect(await db.rows("SELECT seq FROM sync_acks WHERE client_id = 'phone'")).toHaveLength(30);
  });

  it('push different edits of one field at once: a chain of revisions, the rest conflicts', async () => {
    const db = await database(create);
    const { storages, ctx } = await processes(db, 4);
    const acks = (await Promise.all(
      storages.map((s, i) => s.pushMutations(ctx, [{ clientId: `c${i}`, seq: 1, draftId: 'd', field: 'cell:old', value: 10 + i, baseRev: 1 }])),
    )).flat();
    const applied = acks.filter((a) => a.status === 'applied');
    expect(applied).toHaveLength(1);
    expect(acks.filter((a) => a.status === 'conflict')).toHaveLength(3);
    const revs = (await db.rows("SELECT rev FROM field_writes WHERE field = 'cell:old' ORDER BY cursor")).map((r) => Number(r.rev));
    expect(revs).toEqual([1, 2]);
  });

  it('pull while others write, in two agencies: no write is skipped, whatever order the transactions commit in', async () => {
    const db = await database(create);
    const { storages, ctx } = await processes(db, 7);
    // A second agency writing at the same time: its cursors interleave with the first one's.
    const other = storages[0];
    if (other === undefined) throw new Error('no storage');
    await other.createAgency({ id: 'tb', nameZh: '乙镇人民政府', level: 'township' });
    const userB = await other.createUser({ username: 'ub', agencyId: 'tb', role: 'editor', passwordHash: 'x' });
    await other.createDraft({ id: 'db', agencyId: 'tb', reportId: 'tb-2024', year: 2024, template: '2021', source: 'blank', createdBy: userB.id, fields: [] });
    const ctxB: UserContext = { userId: userB.id, agencyId: 'tb' };
    const writers = storages.slice(1);
    const seen = new Map<number, string>();
    let cursor = 0;
    const state = { writing: true };
    const reader = (async () => {
      while (state.writing) {
        const page = await storages[0]?.pull({ agencyId: 'ta', cursor, limit: 1_000 });
        if (page === undefined) break;
        for (const c of page.changes) seen.set(c.cursor, c.field);
        cursor = page.cursor;
        // One thread plays every process here, and on SQLite a pull never leaves the microtask
        // queue: the other processes' pushes, committed once per turn of the event loop
        // (sqlite/group-commit.ts), need the turn to end. A real process's reads never hold another's.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(writers.map(async (s, w) => {
      const [who, draftId] = w % 2 === 0 ? [ctx, 'd'] : [ctxB, 'db'];
      for (let seq = 1; seq <= 120; seq += 3) {
        await s.pushMutations(who, [0, 1, 2].map((k) => ({ clientId: `w${w}`, seq: seq + k, draftId, field: `cell:w${w}_${(seq + k) % 7}`, value: seq, baseRev: 0 })));
      }
    }));
    state.writing = false;
    await reader;
    const last = await storages[0]?.pull({ agencyId: 'ta', cursor, limit: 1_000 });
    for (const c of last?.changes ?? []) seen.set(c.cursor, c.field);
    const all = await db.rows("SELECT cursor FROM field_writes WHERE agency_id = 'ta'");
    expect(all.length).toBeGreaterThan(200);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(all.map((r) => Number(r.cursor)).sort((a, b) => a - b));
  });
});
