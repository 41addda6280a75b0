/**
 * The sync wire (issue 4): field mutations pushed as `(clientId, seq)` with the revision they were
 * based on, one ack each, and the field changes pulled after a cursor. The decision a server makes
 * about a mutation is src/sync/protocol.ts `decide`; the types it works on are these.
 */
import * as v from 'valibot';
import { IntSchema, TimestampSchema } from './common.ts';
import { isFieldKey } from '../report/fields.ts';
import { FieldKeySchema, FieldValueSchema } from './fields.ts';

export { FieldKeySchema, FieldValueSchema };

/** A client, draft or conflict id as the protocol carries it. */
const SYNC_ID = /^[A-Za-z0-9_-]{1,64}$/u;
export const SyncIdSchema = v.pipe(v.string(), v.regex(SYNC_ID));

/** Longest text value a mutation may carry (a prose block, report/schema.ts MAX_TEXT_BLOCK). */
export const MAX_TEXT_VALUE = 200_000;

/** One edit of one field, as the client's outbox holds it and push sends it. */
export const MutationSchema = v.strictObject({
  clientId: SyncIdSchema,
  /** Increases by one for every mutation the client makes; with clientId it identifies the edit. */
  seq: v.pipe(IntSchema, v.minValue(1)),
  draftId: SyncIdSchema,
  field: FieldKeySchema,
  value: v.pipe(
    FieldValueSchema,
    v.check((x) => typeof x !== 'string' || x.length <= MAX_TEXT_VALUE, 'text too long'),
    v.check((x) => typeof x !== 'number' || Number.isFinite(x), 'not a finite number'),
  ),
  /** The field revision the client saw when it made the edit (0: never seen). */
  baseRev: v.pipe(IntSchema, v.minValue(0)),
  /** Set when the edit resolves a conflict (keep mine / keep theirs / edit). */
  resolves: v.optional(SyncIdSchema),
});
export type Mutation = v.InferOutput<typeof MutationSchema>;

/** The most mutations one push may carry. */
export const MAX_PUSH_MUTATIONS = 500;

/** `POST /api/sync/push`: at most MAX_PUSH_MUTATIONS mutations. */
export const PushRequestSchema = v.strictObject({ mutations: v.pipe(v.array(MutationSchema), v.maxLength(MAX_PUSH_MUTATIONS)) });
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;

const MUTATION_KEYS = new Set(['clientId', 'seq', 'draftId', 'field', 'value', 'baseRev', 'resolves']);
const isSyncId = (x: unknown): boolean => typeof x === 'string' && SYNC_ID.test(x);
const isCount = (x: unknown, least: number): boolean => typeof x === 'number' && Number.isInteger(x) && x >= least;
const isValue = (x: unknown): boolean =>
  x === null || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x)) || (typeof x === 'string' && x.length <= MAX_TEXT_VALUE);

function isPlainMutation(m: unknown): boolean {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const r = m as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!MUTATION_KEYS.has(key)) return false;
  return isSyncId(r.clientId) && isCount(r.seq, 1) && isSyncId(r.draftId) && isFieldKey(r.field) && 'value' in r && isValue(r.value) &&
    isCount(r.baseRev, 0) && (!('resolves' in r) || isSyncId(r.resolves));
}

/**
 * True only for a body PushRequestSchema accepts as it is: the same rules written out by hand, so
 * that a device's push (most of them, one edit each) is not walked by the schema too. Anything
 * else, and every refusal, goes through the schema, for its message (tests/unit/sync/push-shape.test.ts
 * checks the two never disagree on what this accepts).
 */
export function isPlainPush(body: unknown): body is PushRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'mutations') return false;
  const { mutations } = body as { mutations: unknown };
  return Array.isArray(mutations) && mutations.length <= MAX_PUSH_MUTATIONS && mutations.every(isPlainMutation);
}

/** The server's answer to one mutation. */
export const AckSchema = v.variant('status', [
  v.strictObject({ clientId: v.string(), seq: IntSchema, status: v.literal('applied'), rev: IntSchema }),
  v.strictObject({ clientId: v.string(), seq: IntSchema, status: v.literal('conflict'), rev: IntSchema, conflictId: v.string(), theirs: FieldValueSchema }),
]);
export type Ack = v.InferOutput<typeof AckSchema>;

/** `POST /api/sync/push` → 200: one ack per mutation, in order. */
export const PushResponseSchema = v.strictObject({ acks: v.array(AckSchema) });
export type PushResponse = v.InferOutput<typeof PushResponseSchema>;

/** A field as the server holds it. */
export const FieldStateSchema = v.strictObject({ value: FieldValueSchema, rev: IntSchema });
export type FieldState = v.InferOutput<typeof FieldStateSchema>;

/** Both sides of a field changed concurrently, kept until an official resolves it. */
export const ConflictSchema = v.strictObject({
  id: v.string(),
  draftId: v.string(),
  field: FieldKeySchema,
  /** The value the pushing client wrote (mine, from its point of view). */
  mine: FieldValueSchema,
  mineClientId: v.string(),
  /** The value on the server when the push arrived. */
  theirs: FieldValueSchema,
  theirsRev: IntSchema,
  /** When the push carrying `mine` reached the server. */
  createdAt: TimestampSchema,
  /** Who pushed `mine` (username). Optional: absent for a user deleted since. */
  mineBy: v.optional(v.string()),
  /** Who wrote `theirs`, when, and from which client (the audit entry of `theirsRev`). */
  theirsBy: v.optional(v.string()),
  theirsAt: v.optional(TimestampSchema),
  theirsClientId: v.optional(v.string()),
});
export type ConflictWire = v.InferOutput<typeof ConflictSchema>;
/** A conflict as `decide` makes it: the storage stamps when and who when it records it. */
export type Conflict = Omit<ConflictWire, 'createdAt' | 'mineBy' | 'theirsBy' | 'theirsAt' | 'theirsClientId'>;

/** One field change as pull returns it; `cursor` is the server-wide order of changes. */
export const ChangeSchema = v.strictObject({ draftId: v.string(), field: FieldKeySchema, value: FieldValueSchema, rev: IntSchema, cursor: IntSchema });
export type Change = v.InferOutput<typeof ChangeSchema>;

/** `GET /api/sync/pull?cursor=N`: changes of the agency's drafts after N, and their open conflicts. */
export const PullResponseSchema = v.strictObject({
  changes: v.array(ChangeSchema),
  conflicts: v.array(ConflictSchema),
  cursor: IntSchema,
  /** True when the page was full: pull again from `cursor`. */
  more: v.boolean(),
});
export type PullResponse = v.InferOutput<typeof PullResponseSchema>;
