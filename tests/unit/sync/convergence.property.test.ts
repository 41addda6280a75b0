/**
 * Two or three clients edit the same draft with random interleavings, dropped and duplicated
 * deliveries and reconnects. Every edit must end up applied exactly once or surfaced as a
 * conflict, and once conflicts are resolved all replicas converge on the server's values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAcks, applyChanges, createReplica, edit, resolveConflict, type ReplicaState } from '../../../src/sync/replica.ts';
import { FIELDS, op, trackReplicas } from './convergence-ops.ts';
import { MemoryServer } from './memory-server.ts';

function sync(server: MemoryServer, replica: ReplicaState): ReplicaState {
  const pushed = applyAcks(replica, server.push(replica.outbox));
  const pulled = server.pull(pushed.cursor);
  return applyChanges(pushed, pulled.changes, pulled.cursor);
}

describe('sync convergence', () => {
  it('applies every edit exactly once or surfaces it as a conflict, and converges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(op(n), { maxLength: 60 }), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }))),
        ([clientCount, ops, keepMine]) => {
          const server = new MemoryServer();
          const replicas = Array.from({ length: clientCount }, (_, i) => createReplica(`client${i}`));
          const { made, surfaced, update } = trackReplicas(replicas, 'd');

          for (const step of ops) {
            const replica = replicas[step.client];
            if (replica === undefined) continue;
            if (step.kind === 'edit') update(step.client, edit(replica, 'd', FIELDS[step.field] ?? FIELDS[0], step.value));
            else if (step.kind === 'push') {
              const acks = server.push(replica.outbox);
              if (step.duplicate) server.push(replica.outbox); // the same request delivered twice
              if (!step.dropAcks) update(step.client, applyAcks(replica, acks)); // else: connection lost before the answer
            } else if (!step.drop) {
              const pulled = server.pull(replica.cursor);
              update(step.client, applyChanges(replica, pulled.changes, pulled.cursor));
            }
          }

          // Reconnect: everyone syncs, resolves what conflicts, and syncs again until quiet.
          let round = 0;
          for (; round < 20; round += 1) {
            replicas.forEach((r, i) => { update(i, sync(server, r)); });
            const open = replicas.some((r) => r.conflicts.length > 0 || r.outbox.length > 0);
            if (!open) break;
            replicas.forEach((r, i) => {
              let next = r;
              for (const c of r.conflicts) next = resolveConflict(next, c.id, keepMine[(i * 7 + c.field.length) % 30] === true ? 'mine' : 'theirs');
              update(i, next);
            });
          }
          replicas.forEach((r, i) => { update(i, sync(server, r)); });

          // Exactly once: one ack per edit, at most one write per edit.
          for (const m of made) expect(server.acks.has(`${m.clientId}:${m.seq}`)).toBe(true);
          const writes = server.writes.map((w) => `${w.clientId}:${w.seq}`);
          expect(new Set(writes).size).toBe(writes.length);
          // Every conflict the server recorded was shown to the client that pushed it (a dropped
          // answer is repeated on the next push), so no edit disappears silently.
          expect([...surfaced].sort()).toEqual(server.conflicts.map((c) => c.id).sort());
          // Convergence.
          for (const r of replicas) {
            expect(r.outbox).toEqual([]);
            expect(r.conflicts).toEqual([]);
            for (const field of FIELDS) expect(r.fields.d?.[field]?.value).toBe(server.value('d', field));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
