/**
 * A client's view of its drafts, pure: local edits go to an outbox, acks and pulled changes are
 * folded in, conflicts are kept with both values until resolved. The Dexie-backed client stores
 * exactly this state, so what is tested here is what runs on the phone.
 */
import type { FieldKey, FieldRecord, FieldValue } from '../report/fields.ts';
import type { Ack, Change, Mutation } from '../contract/sync.ts';
import type { OpenConflict } from '../db/open-conflict.ts';

/** A field as this client knows it: the value shown, and the server revision it is based on. */
export interface KnownField {
  value: FieldValue;
  rev: number;
}

export type { OpenConflict };

export interface ReplicaState {
  clientId: string;
  nextSeq: number;
  fields: Record<string, FieldRecord<KnownField>>;
  outbox: Mutation[];
  conflicts: OpenConflict[];
  cursor: number;
}

/** A new replica for a client id. */
export function createReplica(clientId: string): ReplicaState {
  return { clientId, nextSeq: 1, fields: {}, outbox: [], conflicts: [], cursor: 0 };
}

function known(state: ReplicaState, draftId: string, field: FieldKey): KnownField | undefined {
  return state.fields[draftId]?.[field];
}

function setKnown(state: ReplicaState, draftId: string, field: FieldKey, value: KnownField): ReplicaState {
  return { ...state, fields: { ...state.fields, [draftId]: { ...(state.fields[draftId] ?? {}), [field]: value } } };
}

/** Records a local edit: the value shows at once and an outbox entry waits for the next push. */
export function edit(state: ReplicaState, draftId: string, field: FieldKey, value: FieldValue, resolves?: string): ReplicaState {
  const current = known(state, draftId, field);
  const mutation: Mutation = { clientId: state.clientId, seq: state.nextSeq, draftId, field, value, baseRev: current?.rev ?? 0 };
  if (resolves !== undefined) mutation.resolves = resolves;
  const next = setKnown(state, draftId, field, { value, rev: current?.rev ?? 0 });
  return { ...next, nextSeq: state.nextSeq + 1, outbox: [...state.outbox, mutation] };
}

function pending(state: ReplicaState, draftId: string, field: FieldKey): boolean {
  return state.outbox.some((m) => m.draftId === draftId && m.field === field);
}

/** Folds in the server's acks: acked entries leave the outbox; conflicts are kept for the official. */
export function applyAcks(state: ReplicaState, acks: readonly Ack[]): ReplicaState {
  let next = state;
  for (const ack of acks) {
    const mutation = next.outbox.find((m) => m.clientId === ack.clientId && m.seq === ack.seq);
    if (mutation === undefined) continue; // a repeated ack for an entry already folded in
    next = { ...next, outbox: next.outbox.filter((m) => m !== mutation) };
    const current = known(next, mutation.draftId, mutation.field);
    const rev = Math.max(current?.rev ?? 0, ack.rev);
    next = setKnown(next, mutation.draftId, mutation.field, { value: current?.value ?? mutation.value, rev });
    if (ack.status === 'conflict') {
      const conflict: OpenConflict = {
        id: ack.conflictId,
        draftId: mutation.draftId,
        field: mutation.field,
        mine: mutation.value,
        theirs: ack.theirs,
        theirsRev: ack.rev,
        mineClientId: mutation.clientId,
      };
      next = { ...next, conflicts: [...next.conflicts.filter((c) => c.id !== conflict.id), conflict] };
    }
  }
  return next;
}

/**
 * Folds in pulled changes. A field with an unsent edit or an open conflict keeps the local value:
 * the push decides (applied, or a conflict showing both), so nothing local is overwritten silently.
 */
export function applyChanges(state: ReplicaState, changes: readonly Change[], cursor: number): ReplicaState {
  let next = state;
  for (const change of changes) {
    const local = known(next, change.draftId, change.field);
    if (local !== undefined && local.rev >= change.rev) continue;
    const blocked = pending(next, change.draftId, change.field) ||
      next.conflicts.some((c) => c.draftId === change.draftId && c.field === change.field);
    if (blocked) continue;
    next = setKnown(next, change.draftId, change.field, { value: change.value, rev: change.rev });
  }
  return { ...next, cursor: Math.max(next.cursor, cursor) };
}

/** Resolves a conflict: keep mine, keep theirs, or a new value; sent as an ordinary edit. */
export function resolveConflict(state: ReplicaState, conflictId: string, choice: 'mine' | 'theirs' | { value: FieldValue }): ReplicaState {
  const conflict = state.conflicts.find((c) => c.id === conflictId);
  if (conflict === undefined) return state;
  const value = choice === 'mine' ? conflict.mine : choice === 'theirs' ? conflict.theirs : choice.value;
  const withRev = setKnown(state, conflict.draftId, conflict.field, {
    value: known(state, conflict.draftId, conflict.field)?.value ?? value,
    rev: Math.max(known(state, conflict.draftId, conflict.field)?.rev ?? 0, conflict.theirsRev),
  });
  const cleared = { ...withRev, conflicts: withRev.conflicts.filter((c) => c.id !== conflictId) };
  return edit(cleared, conflict.draftId, conflict.field, value, conflictId);
}
