/**
 * tests/unit/sync/convergence.property.test.ts against the real storages: clients edit one draft
 * with random interleavings, lost answers, requests delivered twice and reconnects. Every edit is
 * applied exactly once or surfaced as a conflict, and once conflicts are resolved every replica
 * holds the server's values. Fewer runs than the pure test: each step is a real transaction.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation } from '../../src/contract/sync.ts';
import { applyAcks, applyChanges, createReplica, edit, resolveConflict, type ReplicaState } from '../../src/sync/replica.ts';
import type { ServerStorage, UserContext } from '../../src/server/storage/types.ts';
import { FIELDS, op, trackReplicas } from '../unit/sync/convergence-ops.ts';
import { DATABASES, type TestDatabase } from './databases.ts';

const RUNS = 25;

describe.each(DATABASES)('sync convergence on $kind', ({ create }) => {
  let db: TestDatabase;
  let storage: ServerStorage;
  let ctx: UserContext;
  beforeAll(async () => {
    db = await create();
    storage = await db.open();
    await storage.createAgency({ id: 'ta', nameZh: '甲镇人民政府', level: 'township' });
    const user = await storage.createUser({ username: 'ua', agencyId: 'ta', role: 'editor', passwordHash: 'x' });
    ctx = { userId: user.id, agencyId: 'ta' };
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('applies every edit exactly once or surfaces it as a conflict, and converges', async () => {
    let run = 0;
    let conflictsSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(op(n), { maxLength: 40 }), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }))),
        async ([clientCount, ops, keepMine]) => {
          // Acks are global by (clientId, seq): each run has its own draft and client ids.
          run += 1;
          const draft = `d${run}`;
          await storage.createDraft({ id: draft, agencyId: 'ta', reportId: `ta-${2000 + run}`, year: 2000 + run, template: '2021', source: 'blank', createdBy: ctx.userId, fields: [] });
          const push = (outbox: readonly Mutation[]) => storage.pushMutations(ctx, outbox);
          const pull = async (cursor: number) => {
            const page = await storage.pull({ agencyId: 'ta', cursor, limit: 10_000 });
            return { changes: page.changes.filter((c) => c.draftId === draft), cursor: page.cursor };
          };
          const replicas = Array.from({ length: clientCount }, (_, i) => createReplica(`r${run}c${i}`));
          const { made, surfaced, update } = trackReplicas(replicas, draft);
          const sync = async (replica: ReplicaState): Promise<ReplicaState> => {
            const pushed = applyAcks(replica, replica.outbox.length === 0 ? [] : await push(replica.outbox));
            const pulled = await pull(pushed.cursor);
            return applyChanges(pushed, pulled.changes, pulled.cursor);
          };

          for (const step of ops) {
            const replica = replicas[step.client];
            if (replica === undefined) continue;
            if (step.kind === 'edit') update(step.client, edit(replica, draft, FIELDS[step.field] ?? FIELDS[0], step.value));
            else if (step.kind === 'push') {
              if (replica.outbox.length === 0) continue;
              const acks = await push(replica.outbox);
              if (step.duplicate) await push(replica.outbox);
              if (!step.dropAcks) update(step.client, applyAcks(replica, acks));
            } else if (!step.drop) {
              const pulled = await pull(replica.cursor);
              update(step.client, applyChanges(replica, pulled.changes, pulled.cursor));
            }
          }

          for (let round = 0; round < 20; round += 1) {
            for (const [i, r] of replicas.entries()) update(i, await sync(r));
            if (!replicas.some((r) => r.conflicts.length > 0 || r.outbox.length > 0)) break;
            replicas.forEach((r, i) => {
              let next = r;
              for (const c of r.conflicts) next = resolveConflict(next, c.id, keepMine[(i * 7 + c.field.length) % 30] === true ? 'mine' : 'theirs');
              update(i, next);
            });
          }
          for (const [i, r] of replicas.entries()) update(i, await sync(r));

          // Exactly once: one ack per edit, at most one write per edit.
          const acked = await db.rows(`SELECT client_id, seq FROM sync_acks WHERE draft_id = '${draft}'`);
          const ackKeys = new Set(acked.map((r) => `${String(r.client_id)}:${Number(r.seq)}`));
          for (const m of made) expect(ackKeys.has(`${m.clientId}:${m.seq}`)).toBe(true);
          expect(acked).toHaveLength(made.length);
          const writes = (await storage.history(draft, { after: 0, limit: 10_000 })).map((w) => `${w.clientId}:${w.seq}`);
          expect(new Set(writes).size).toBe(writes.length);
          // Every conflict the server recorded was shown to the client that pushed it.
          const conflicts = await db.rows(`SELECT id FROM conflicts WHERE draft_id = '${draft}'`);
          expect([...surfaced].sort()).toEqual(conflicts.map((c) => String(c.id)).sort());
          conflictsSeen += conflicts.length;
          expect((await storage.openConflicts('ta')).filter((c) => c.draftId === draft)).toEqual([]);
          // Convergence on the server's values.
          const server = (await storage.draftSnapshot(draft))?.fields;
          for (const r of replicas) {
            expect(r.outbox).toEqual([]);
            expect(r.conflicts).toEqual([]);
            for (const field of FIELDS) expect(r.fields[draft]?.[field]?.value).toBe(server?.get(field)?.value);
          }
        },
      ),
      {
        numRuns: RUNS,
        // Two clients edit one field from the same base and push: a conflict on every seed.
        examples: [[[2, [
          { kind: 'edit', client: 0, field: 0, value: 1 },
          { kind: 'edit', client: 1, field: 0, value: 2 },
          { kind: 'push', client: 0, dropAcks: false, duplicate: false },
          { kind: 'push', client: 1, dropAcks: true, duplicate: true },
        ], Array.from({ length: 30 }, () => true)]]],
      },
    );
    // Not vacuous: the runs did make concurrent edits of the same field.
    expect(conflictsSeen).toBeGreaterThan(0);
  }, 180_000);
});
