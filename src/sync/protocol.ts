/**
 * The sync protocol (issue 4), pure and shared by the app and the server. Clients push field
 * mutations tagged (clientId, seq) with the revision of the field they were based on; the server
 * decides per field: apply, acknowledge again (a repeat is never applied twice), or record a
 * conflict that keeps both values. Pull returns the field changes after a cursor.
 */
import * as v from 'valibot';
import { sameValue, type FieldKey, type FieldValue } from '../report/fields.ts';

/** One edit of one field, as the client's outbox holds it. */
export interface Mutation {
  clientId: string;
  /** Increases by one for every mutation the client makes; with clientId it identifies the edit. */
  seq: number;
  draftId: string;
  field: FieldKey;
  value: FieldValue;
  /** The field revision the client saw when it made the edit (0: never seen). */
  baseRev: number;
  /** Set when the edit resolves a conflict (keep mine / keep theirs / edit). */
  resolves?: string;
}

/** The server's answer to one mutation. */
export type Ack =
  | { clientId: string; seq: number; status: 'applied'; rev: number }
  | { clientId: string; seq: number; status: 'conflict'; rev: number; conflictId: string; theirs: FieldValue };

/** A field as the server holds it. */
export interface FieldState {
  value: FieldValue;
  rev: number;
}

/** Both sides of a field changed concurrently, kept until an official resolves it. */
export interface Conflict {
  id: string;
  draftId: string;
  field: FieldKey;
  /** The value the pushing client wrote (mine, from its point of view). */
  mine: FieldValue;
  mineClientId: string;
  /** The value on the server when the push arrived. */
  theirs: FieldValue;
  theirsRev: number;
}

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

/** One field change as pull returns it. */
export interface Change {
  draftId: string;
  field: FieldKey;
  value: FieldValue;
  rev: number;
  /** Server-wide order of changes; the pull cursor. */
  cursor: number;
}

const fieldValue = v.union([v.string(), v.number(), v.boolean(), v.null()]);
const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/u));

/** Schema of a push request body: at most 500 mutations, each of one client. */
export const pushRequestSchema = v.strictObject({
  mutations: v.pipe(
    v.array(
      v.strictObject({
        clientId: id,
        seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
        draftId: id,
        field: v.pipe(v.string(), v.regex(/^(cell|unit|text|original|reviewed|meta):[A-Za-z0-9_.:]{1,120}$/u)),
        value: v.pipe(fieldValue, v.check((x) => typeof x !== 'string' || x.length <= 200_000, 'text too long'),
          v.check((x) => typeof x !== 'number' || Number.isFinite(x), 'not a finite number')),
        baseRev: v.pipe(v.number(), v.integer(), v.minValue(0)),
        resolves: v.optional(id),
      }),
    ),
    v.maxLength(500),
  ),
});

/** A validated push request body. */
export type PushRequest = v.InferOutput<typeof pushRequestSchema>;

/** Delay before the next sync attempt: exponential with full jitter, capped at 5 minutes. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const cap = 5 * 60_000;
  const ceiling = Math.min(cap, 2_000 * 2 ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
}
