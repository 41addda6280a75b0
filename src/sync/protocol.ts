/**
 * The sync protocol (issue 4), pure and shared by the app and the server. Clients push field
 * mutations tagged (clientId, seq) with the revision of the field they were based on; the server
 * decides per field: apply, acknowledge again (a repeat is never applied twice), or record a
 * conflict that keeps both values. Pull returns the field changes after a cursor. The wire types
 * and their schemas are src/contract/sync.ts's.
 */
import { sameValue } from '../report/fields.ts';
import type { Ack, Conflict, FieldState, Mutation } from '../contract/sync.ts';

/** What the storage knows about a mutation before deciding. */
export interface DecisionInput {
  mutation: Mutation;
  /** The field now, or undefined when nobody wrote it yet. */
  current: FieldState | undefined;
  /** The ack already given for this (clientId, seq), when it is a repeat. */
  previousAck: Ack | undefined;
  /**
   * True when a client other than this mutation's wrote the field after `baseRev`. A client's own
   * later edit of a field it just pushed is not a conflict, even before it saw the ack.
   */
  foreignWriteSinceBase: boolean;
  /** Id for a new conflict, supplied by the storage so this function stays pure. */
  newConflictId: string;
}

/** What the storage must do: always record the ack; maybe write the field or a conflict. */
export interface Decision {
  ack: Ack;
  write?: FieldState;
  conflict?: Conflict;
  /** True when the ack repeats an earlier one: nothing at all is written. */
  repeat: boolean;
}

/** Decides one mutation. Pure: the storage runs it inside a transaction with the inputs it read. */
export function decide(input: DecisionInput): Decision {
  const { mutation: m, current, previousAck } = input;
  if (previousAck !== undefined) return { ack: previousAck, repeat: true };
  const base = { clientId: m.clientId, seq: m.seq };
  const rev = current?.rev ?? 0;
  const concurrent = current !== undefined && m.baseRev < rev && input.foreignWriteSinceBase;
  // A resolution is based on the revision it saw as "theirs": if yet another client wrote since,
  // the resolution itself conflicts, so a newer foreign value is never overwritten silently.
  if (concurrent && !sameValue(current.value, m.value)) {
    const conflict: Conflict = {
      id: input.newConflictId,
      draftId: m.draftId,
      field: m.field,
      mine: m.value,
      mineClientId: m.clientId,
      theirs: current.value,
      theirsRev: rev,
    };
    return { ack: { ...base, status: 'conflict', rev, conflictId: conflict.id, theirs: current.value }, conflict, repeat: false };
  }
  if (current !== undefined && sameValue(current.value, m.value)) {
    // Both sides wrote the same value: nothing to merge, and no new revision to spread.
    return { ack: { ...base, status: 'applied', rev }, repeat: false };
  }
  const write: FieldState = { value: m.value, rev: rev + 1 };
  return { ack: { ...base, status: 'applied', rev: write.rev }, write, repeat: false };
}

/** Delay before the next sync attempt: exponential with full jitter, capped at 5 minutes. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const cap = 5 * 60_000;
  const ceiling = Math.min(cap, 2_000 * 2 ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
}
