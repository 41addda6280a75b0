/**
 * The random steps of the convergence property and its bookkeeping of the clients, shared by tests/unit/sync/convergence.property.test.ts
 * (the in-memory server) and tests/server/storage-convergence.test.ts (the real storages), so both
 * drive the same interleavings of edits, pushes and pulls.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Mutation } from '../../../src/contract/sync.ts';
import type { FieldKey } from '../../../src/report/fields.ts';
import type { ReplicaState } from '../../../src/sync/replica.ts';

/** The fields the clients edit. */
export const FIELDS = ['cell:requests.new_received.total', 'cell:appeals.review.total', 'text:overview:zh', 'text:overview:bo'] as const satisfies readonly FieldKey[];

/** One step of one client: an edit, a push (its answer dropped, the request sent twice) or a pull (dropped). */
export type Op =
  | { kind: 'edit'; client: number; field: number; value: number }
  | { kind: 'push'; client: number; dropAcks: boolean; duplicate: boolean }
  | { kind: 'pull'; client: number; drop: boolean };

/** Any step of any of `clients` clients. */
export const op = (clients: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), client: fc.nat(clients - 1), field: fc.nat(FIELDS.length - 1), value: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('push' as const), client: fc.nat(clients - 1), dropAcks: fc.boolean(), duplicate: fc.boolean() }),
    fc.record({ kind: fc.constant('pull' as const), client: fc.nat(clients - 1), drop: fc.boolean() }),
  );

/**
 * The clients' replicas of draft `draft`, kept in `replicas` (replaced in place by `update`), with
 * every edit they made and every conflict they were shown.
 */
export function trackReplicas(replicas: ReplicaState[], draft: string) {
  const made: Mutation[] = [];
  const surfaced = new Set<string>();
  const update = (i: number, next: ReplicaState): void => {
    for (const m of next.outbox) if (!made.some((x) => x.clientId === m.clientId && x.seq === m.seq)) made.push(m);
    for (const c of next.conflicts) surfaced.add(c.id);
    // While an edit waits in the outbox, the official keeps seeing it: a pull never
    // overwrites it.
    for (const field of FIELDS) {
      const last = next.outbox.filter((m) => m.field === field).at(-1);
      if (last !== undefined) expect(next.fields[draft]?.[field]?.value).toBe(last.value);
    }
    replicas[i] = next;
  };
  return { made, surfaced, update };
}
