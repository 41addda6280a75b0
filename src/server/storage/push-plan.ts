/**
 * The merge of one push, pure and shared by both databases. The storage reads, inside its
 * transaction, the fields, acks and writers the batch touches (`SyncState`); `planPush` runs the
 * protocol's `decide()` on each mutation in order, exactly as tests/unit/sync/memory-server.ts
 * does, and returns what to write. Keeping this out of the SQL means SQLite and PostgreSQL cannot
 * drift apart in what they decide.
 */
import type { FieldKey, FieldValue } from '../../report/fields.ts';
import { decide } from '../../sync/protocol.ts';
import type { Ack, Conflict, FieldState, Mutation } from '../../contract/sync.ts';

/** Map key of a field of a draft. */
export function fieldId(draftId: string, field: FieldKey): string {
  return `${draftId}\u0000${field}`;
}

/** Map key of a mutation's ack. */
export function ackKey(clientId: string, seq: number): string {
  return `${clientId}\u0000${seq}`;
}

/** What the transaction read before deciding. */
export interface SyncState {
  /** The fields the batch touches that exist, by fieldId. */
  fields: Map<string, FieldState>;
  /** Acks already given for the batch's (clientId, seq), by ackKey. */
  acks: Map<string, Ack>;
  /**
   * Per touched field (fieldId): each client that wrote it after the field's rev in `writersSince`,
   * and the highest rev it wrote. The writes at or below that rev cannot change a decision.
   */
  writers: Map<string, Map<string, number>>;
}

/**
 * Per touched field (fieldId), the lowest `baseRev` of the batch's mutations of it: the storage reads
 * only the writers after it. A mutation asks whether another client wrote after its own `baseRev`
 * (`foreignWriteSince`), never lower than this, so a write at or below it cannot change the answer,
 * and a client's highest rev among the writes above it is its highest of all whenever that is above.
 */
export function writersSince(mutations: readonly Mutation[]): Map<string, number> {
  const since = new Map<string, number>();
  for (const m of mutations) {
    const id = fieldId(m.draftId, m.field);
    since.set(id, Math.min(since.get(id) ?? m.baseRev, m.baseRev));
  }
  return since;
}

export interface PlannedWrite {
  mutation: Mutation;
  /** The value before, or undefined when the field did not exist. */
  old: FieldValue | undefined;
  value: FieldValue;
  rev: number;
}

/** The final state of a field the batch wrote; `existed` tells an UPDATE from an INSERT. */
export interface PlannedField {
  draftId: string;
  field: FieldKey;
  state: FieldState;
  existed: boolean;
}

/** A conflict closed by a mutation that `resolves` it: applied, or itself in conflict again. */
export interface PlannedResolution {
  conflictId: string;
  draftId: string;
  field: FieldKey;
  outcome: 'applied' | 'superseded';
}

export interface PushPlan {
  /** One ack per mutation, in order (repeats included). */
  acks: Ack[];
  /** Acks to store: the non-repeats. */
  newAcks: { mutation: Mutation; ack: Ack }[];
  /** Audit entries in cursor order. */
  writes: PlannedWrite[];
  fields: PlannedField[];
  conflicts: Conflict[];
  resolutions: PlannedResolution[];
}

function foreignWriteSince(writers: Map<string, number> | undefined, clientId: string, baseRev: number): boolean {
  if (writers === undefined) return false;
  for (const [writer, rev] of writers) if (writer !== clientId && rev > baseRev) return true;
  return false;
}

/** Decides a batch on `state` (which it updates as it goes: a batch may touch a field twice). */
export function planPush(state: SyncState, mutations: readonly Mutation[], newConflictId: () => string): PushPlan {
  const plan: PushPlan = { acks: [], newAcks: [], writes: [], fields: [], conflicts: [], resolutions: [] };
  const existed = new Set(state.fields.keys());
  const touched = new Map<string, PlannedField>();
  for (const mutation of mutations) {
    const id = fieldId(mutation.draftId, mutation.field);
    const key = ackKey(mutation.clientId, mutation.seq);
    const current = state.fields.get(id);
    const decision = decide({
      mutation,
      current,
      previousAck: state.acks.get(key),
      foreignWriteSinceBase: foreignWriteSince(state.writers.get(id), mutation.clientId, mutation.baseRev),
      newConflictId: newConflictId(),
    });
    plan.acks.push(decision.ack);
    if (decision.repeat) continue;
    state.acks.set(key, decision.ack);
    plan.newAcks.push({ mutation, ack: decision.ack });
    if (decision.write !== undefined) {
      const { value, rev } = decision.write;
      plan.writes.push({ mutation, old: current?.value, value, rev });
      state.fields.set(id, decision.write);
      const writers = state.writers.get(id) ?? new Map<string, number>();
      writers.set(mutation.clientId, Math.max(writers.get(mutation.clientId) ?? 0, rev));
      state.writers.set(id, writers);
      touched.set(id, { draftId: mutation.draftId, field: mutation.field, state: decision.write, existed: existed.has(id) });
    }
    if (decision.conflict !== undefined) plan.conflicts.push(decision.conflict);
    // A batch may name the same conflict twice: the first decision closes it, as in SQL order.
    const resolves = mutation.resolves;
    const first = (r: PlannedResolution) => !(r.conflictId === resolves && r.draftId === mutation.draftId && r.field === mutation.field);
    if (resolves !== undefined && plan.resolutions.every(first)) {
      plan.resolutions.push({
        conflictId: resolves,
        draftId: mutation.draftId,
        field: mutation.field,
        outcome: decision.ack.status === 'applied' ? 'applied' : 'superseded',
      });
    }
  }
  plan.fields = [...touched.values()];
  return plan;
}
