/**
 * PostgreSQL: drafts, push, pull, conflicts and history. Pushes are written in groups
 * (push-group.ts: those that arrive while a group is written form the next), a group in one READ
 * COMMITTED transaction: it locks the existing field rows its pushes touch (SELECT … FOR UPDATE,
 * in key order so two groups cannot deadlock), then reads acks and the writers after the baseRevs,
 * which a concurrent push of the same fields can no longer change, and decides each push in order
 * on what the ones before it wrote. A field or ack created by a concurrent push meets a primary key
 * and the whole group runs again, now seeing it: so a mutation repeated on two server processes at
 * once is applied once and acknowledged twice with the same ack.
 *
 * Cursors come from a sequence, drawn at insert and visible at commit: two transactions could
 * commit out of cursor order, and a pull between the two commits would move past the later-visible
 * one. So inserts into field_writes first take a transaction-level advisory lock of the agency,
 * held to commit (a group takes its agencies' in order): an agency's writes become visible in
 * cursor order. Pull is per agency and answers the agency's own head, never the global one, so
 * that is all it needs; different agencies commit in parallel (and share WAL flushes).
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import * as v from 'valibot';
import { FieldKeySchema, type Ack, type Change, type Mutation } from '../../../contract/sync.ts';
import { ackKey, fieldId, planPush, writersSince, type PlannedField, type PlannedResolution, type PushPlan, type SyncState } from '../push-plan.ts';
import { pushGroups, type Outcome } from './push-group.ts';
import {
  CONFLICT_COLUMNS,
  CONFLICT_FROM,
  DRAFT_COLUMNS,
  fieldJson,
  intColumn,
  parseRow,
  readAck,
  readFieldValue,
  toConflict,
  toDraft,
  toHistoryEntry,
  checkDraftTemplate,
} from '../rows.ts';
import { SERVER_CLIENT_ID, StorageError, type DraftSnapshot, type DraftsSection, type UserContext } from '../types.ts';
import type { FieldKey } from '../../../report/fields.ts';
import { inTransaction, pgCode, query, UNIQUE_VIOLATION } from './tx.ts';

const FieldRow = v.object({ draft_id: v.string(), field: FieldKeySchema, value: v.string(), rev: intColumn });
const WriterRow = v.object({ draft_id: v.string(), field: FieldKeySchema, client_id: v.string(), rev: intColumn });
const AckRow = v.object({ client_id: v.string(), seq: intColumn, ack: v.string() });
const ChangeRow = v.object({ cursor: intColumn, draft_id: v.string(), field: FieldKeySchema, new_value: v.string(), rev: intColumn });
const HeadRow = v.object({ head: intColumn });

/** Held from the agency's first field_writes insert to commit: its cursors become visible in order. */
const LOCK_WRITES = `SELECT pg_advisory_xact_lock(hashtextextended('lotho.field_writes:' || current_setting('search_path') || ':' || $1, 0))`;
/** The agency's last visible cursor: with the lock above, every cursor below it is visible too. */
const HEAD = 'SELECT COALESCE(MAX(cursor), 0) AS head FROM field_writes WHERE agency_id = $1';
const READ_SNAPSHOT = 'ISOLATION LEVEL REPEATABLE READ READ ONLY';

interface WriteRow {
  draftId: string;
  field: string;
  old: string | null;
  value: string;
  rev: number;
  clientId: string;
  seq: number;
  userId: number | null;
}

/** Inserts one agency's field writes in order, under the agency's lock. */
async function insertWrites(client: PoolClient, agencyId: string, rows: readonly WriteRow[], at: string): Promise<void> {
  if (rows.length === 0) return;
  await query(client, LOCK_WRITES, [agencyId]);
  await query(client,
    `INSERT INTO field_writes (agency_id, draft_id, field, old_value, new_value, rev, client_id, seq, user_id, at)
     SELECT $1, d, f, o, n, r, c, s, u, $10
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::bigint[], $9::int[])
       WITH ORDINALITY AS t(d, f, o, n, r, c, s, u, i)
     ORDER BY i`,
    [
      agencyId,
      rows.map((w) => w.draftId),
      rows.map((w) => w.field),
      rows.map((w) => w.old),
      rows.map((w) => w.value),
      rows.map((w) => w.rev),
      rows.map((w) => w.clientId),
      rows.map((w) => w.seq),
      rows.map((w) => w.userId),
      at,
    ],
  );
}

async function head(client: PoolClient, agencyId: string): Promise<number> {
  const { rows } = await query(client, HEAD, [agencyId]);
  return parseRow(HeadRow, 'field_writes', rows[0]).head;
}

/** The agency of each of `draftIds` that exists. */
async function draftAgencies(client: PoolClient, draftIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await query(client, 'SELECT id, agency_id FROM drafts WHERE id = ANY($1::text[])', [draftIds]);
  return new Map(rows.map((row) => {
    const r = parseRow(v.object({ id: v.string(), agency_id: v.string() }), 'drafts', row);
    return [r.id, r.agency_id] as const;
  }));
}

/** Reads, with the touched field rows locked, what the mutations need to decide. */
async function load(client: PoolClient, mutations: readonly Mutation[]): Promise<SyncState> {
  const keys = [...new Map(mutations.map((m) => [fieldId(m.draftId, m.field), m] as const)).values()];
  const keyArgs = [keys.map((m) => m.draftId), keys.map((m) => m.field)];
  const state: SyncState = { fields: new Map(), acks: new Map(), writers: new Map() };
  const fields = await query(client,
    `SELECT draft_id, field, value, rev FROM draft_fields
     WHERE (draft_id, field) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     ORDER BY draft_id, field FOR UPDATE`,
    keyArgs,
  );
  for (const row of fields.rows) {
    const r = parseRow(FieldRow, 'draft_fields', row);
    state.fields.set(fieldId(r.draft_id, r.field), { value: readFieldValue(r.value), rev: r.rev });
  }
  // Only each field's writes after the lowest baseRev of it (writersSince), a range of the index
  // field_writes_since (migration 014), not the field's history: LATERAL keeps it an index range
  // per field, whatever the planner guesses of unnest's length.
  const since = writersSince(mutations);
  const writers = await query(client,
    `SELECT t.d AS draft_id, t.f AS field, w.client_id, MAX(w.rev) AS rev
     FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(d, f, b)
     CROSS JOIN LATERAL (SELECT client_id, rev FROM field_writes WHERE draft_id = t.d AND field = t.f AND rev > t.b) w
     GROUP BY t.d, t.f, w.client_id`,
    [...keyArgs, keys.map((m) => since.get(fieldId(m.draftId, m.field)) ?? m.baseRev)],
  );
  for (const row of writers.rows) {
    const r = parseRow(WriterRow, 'field_writes', row);
    const id = fieldId(r.draft_id, r.field);
    const map = state.writers.get(id) ?? new Map<string, number>();
    map.set(r.client_id, r.rev);
    state.writers.set(id, map);
  }
  const acks = await query(client,
    'SELECT client_id, seq, ack FROM sync_acks WHERE (client_id, seq) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))',
    [mutations.map((m) => m.clientId), mutations.map((m) => m.seq)],
  );
  for (const row of acks.rows) {
    const r = parseRow(AckRow, 'sync_acks', row);
    state.acks.set(ackKey(r.client_id, r.seq), readAck(r.ack));
  }
  return state;
}

/** A row to write, with the push it belongs to. */
type Of<T> = T & { ctx: UserContext };

/** What a group of pushes writes: their plans, each row with its push's user and agency. */
interface GroupPlan {
  newAcks: Of<PushPlan['newAcks'][number]>[];
  writes: Of<PushPlan['writes'][number]>[];
  /** Each field's final state; `existed` as read before the group. */
  fields: PlannedField[];
  conflicts: Of<{ conflict: PushPlan['conflicts'][number] }>[];
  resolutions: Of<PushPlan['resolutions'][number]>[];
}

/**
 * Decides a group of pushes in order on one state, as one push after another would be decided: a
 * push refused (a draft of another agency, or none) is left out before anything is read or locked
 * for it.
 */
async function planGroup(client: PoolClient, pushes: readonly PushArgs[]): Promise<{ plan: GroupPlan; outcomes: Outcome<Ack[]>[] }> {
  const agencyOf = await draftAgencies(client, [...new Set(pushes.flatMap((p) => p.mutations.map((m) => m.draftId)))]);
  const refusal = (p: PushArgs) => {
    const other = p.mutations.find((m) => agencyOf.get(m.draftId) !== p.ctx.agencyId);
    return other === undefined ? undefined : new StorageError('forbidden', `draft ${other.draftId} is not one of agency ${p.ctx.agencyId}`);
  };
  const refusals = pushes.map(refusal);
  const state = await load(client, pushes.flatMap((p, i) => (refusals[i] === undefined ? p.mutations : [])));
  const existed = new Set(state.fields.keys());
  const plan: GroupPlan = { newAcks: [], writes: [], fields: [], conflicts: [], resolutions: [] };
  const fields = new Map<string, PlannedField>();
  const outcomes = pushes.map((p, i): Outcome<Ack[]> => {
    const refused = refusals[i];
    if (refused !== undefined) return { ok: false, error: refused };
    const { ctx } = p;
    const one = planPush(state, p.mutations, randomUUID);
    plan.newAcks.push(...one.newAcks.map((x) => ({ ...x, ctx })));
    plan.writes.push(...one.writes.map((x) => ({ ...x, ctx })));
    plan.conflicts.push(...one.conflicts.map((conflict) => ({ conflict, ctx })));
    // Two pushes may name the same conflict: the first decision closes it, as in commit order.
    const first = (r: PlannedResolution) => plan.resolutions.every((x) => !(x.conflictId === r.conflictId && x.draftId === r.draftId && x.field === r.field));
    plan.resolutions.push(...one.resolutions.filter(first).map((x) => ({ ...x, ctx })));
    for (const f of one.fields) {
      const id = fieldId(f.draftId, f.field);
      fields.set(id, { ...f, existed: existed.has(id) });
    }
    return { ok: true, value: one.acks };
  });
  plan.fields = [...fields.values()];
  return { plan, outcomes };
}

async function persist(client: PoolClient, plan: GroupPlan, at: string): Promise<void> {
  const { newAcks, conflicts, resolutions } = plan;
  if (newAcks.length > 0) {
    await query(client,
      `INSERT INTO sync_acks (client_id, seq, draft_id, ack, user_id, at)
       SELECT c, s, d, a, u, $6 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[]) AS t(c, s, d, a, u)`,
      [newAcks.map((x) => x.mutation.clientId), newAcks.map((x) => x.mutation.seq), newAcks.map((x) => x.mutation.draftId),
        newAcks.map((x) => JSON.stringify(x.ack)), newAcks.map((x) => x.ctx.userId), at],
    );
  }
  const byExisted = (existed: boolean) => {
    const key = (f: { draftId: string; field: FieldKey }) => fieldId(f.draftId, f.field);
    const fields = plan.fields.filter((f) => f.existed === existed).sort((a, b) => (key(a) < key(b) ? -1 : 1));
    return [fields.map((f) => f.draftId), fields.map((f) => f.field), fields.map((f) => fieldJson(f.state.value)), fields.map((f) => f.state.rev)];
  };
  const created = byExisted(false);
  if (created[0]?.length !== 0) {
    await query(client,
      'INSERT INTO draft_fields (draft_id, field, value, rev) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])',
      created,
    );
  }
  const updated = byExisted(true);
  if (updated[0]?.length !== 0) {
    await query(client,
      `UPDATE draft_fields f SET value = t.value, rev = t.rev
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS t(draft_id, field, value, rev)
       WHERE f.draft_id = t.draft_id AND f.field = t.field`,
      updated,
    );
  }
  if (conflicts.length > 0) {
    await query(client,
      `INSERT INTO conflicts (id, agency_id, draft_id, field, mine, mine_client_id, theirs, theirs_rev, user_id, created_at)
       SELECT i, a, d, f, m, mc, th, tr, u, $10
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[])
         AS t(i, a, d, f, m, mc, th, tr, u)`,
      [conflicts.map((x) => x.conflict.id), conflicts.map((x) => x.ctx.agencyId), conflicts.map((x) => x.conflict.draftId),
        conflicts.map((x) => x.conflict.field), conflicts.map((x) => fieldJson(x.conflict.mine)), conflicts.map((x) => x.conflict.mineClientId),
        conflicts.map((x) => fieldJson(x.conflict.theirs)), conflicts.map((x) => x.conflict.theirsRev), conflicts.map((x) => x.ctx.userId), at],
    );
  }
  if (resolutions.length > 0) {
    await query(client,
      `UPDATE conflicts c SET resolved_at = $1, resolved_by = t.u, resolution = t.o
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[]) AS t(i, d, f, o, u)
       WHERE c.id = t.i AND c.draft_id = t.d AND c.field = t.f AND c.resolved_at IS NULL`,
      [at, resolutions.map((r) => r.conflictId), resolutions.map((r) => r.draftId), resolutions.map((r) => r.field),
        resolutions.map((r) => r.outcome), resolutions.map((r) => r.ctx.userId)],
    );
  }
  // Last, so the agencies' locks are held for as little as the inserts and the commit; in the
  // agencies' order, so that two groups (two server processes) cannot wait for each other.
  const agencies = [...new Set(plan.writes.map((w) => w.ctx.agencyId))].sort();
  for (const agencyId of agencies) {
    await insertWrites(
      client,
      agencyId,
      plan.writes.filter((w) => w.ctx.agencyId === agencyId).map((w) => ({
        draftId: w.mutation.draftId,
        field: w.mutation.field,
        old: w.old === undefined ? null : fieldJson(w.old),
        value: fieldJson(w.value),
        rev: w.rev,
        clientId: w.mutation.clientId,
        seq: w.mutation.seq,
        userId: w.ctx.userId,
      })),
      at,
    );
  }
}

interface PushArgs {
  ctx: UserContext;
  mutations: readonly Mutation[];
}

export function postgresDrafts(pool: Pool, now: () => Date): DraftsSection {
  // Pushes that arrive while others are written share the next transaction (push-group.ts).
  const pushes = pushGroups(
    (group: readonly PushArgs[]) =>
      inTransaction(
        pool,
        async (client) => {
          const { plan, outcomes } = await planGroup(client, group);
          await persist(client, plan, now().toISOString());
          return outcomes;
        },
        { retryOn: [UNIQUE_VIOLATION], attempts: 8 },
      ),
    (p) => p.mutations.length,
  );
  const draftRows = async (where: string, args: unknown[]) =>
    (await query(pool, `SELECT ${DRAFT_COLUMNS} FROM drafts d WHERE ${where} ORDER BY d.year DESC, d.id`, args)).rows.map(toDraft);

  return {
    createDraft: async (d) => {
      checkDraftTemplate(d);
      const at = now().toISOString();
      try {
        await inTransaction(pool, async (client) => {
          await query(client,
            `INSERT INTO drafts (id, agency_id, report_id, year, template, source, previous_report_id, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [d.id, d.agencyId, d.reportId, d.year, d.template, d.source, d.previousReportId ?? null, d.createdBy, at],
          );
          const values = d.fields.map(([, value]) => fieldJson(value));
          await query(client,
            'INSERT INTO draft_fields (draft_id, field, value, rev) SELECT $1, f, v, 1 FROM unnest($2::text[], $3::text[]) AS t(f, v)',
            [d.id, d.fields.map(([field]) => field), values],
          );
          await insertWrites(
            client,
            d.agencyId,
            d.fields.map(([field], i) => ({
              draftId: d.id, field, old: null, value: values[i] ?? 'null', rev: 1, clientId: SERVER_CLIENT_ID, seq: 0, userId: d.createdBy,
            })),
            at,
          );
        });
      } catch (error) {
        if (pgCode(error) === UNIQUE_VIOLATION) throw new StorageError('exists', `a draft of ${d.reportId} (or with id ${d.id}) exists`);
        throw error;
      }
      const [draft] = await draftRows('d.id = $1', [d.id]);
      if (draft === undefined) throw new StorageError('corrupt_row', `drafts: ${d.id} vanished`);
      return draft;
    },
    listDrafts: (agencyId) => draftRows('d.agency_id = $1', [agencyId]),
    getDraft: async (id) => (await draftRows('d.id = $1', [id]))[0],
    getDrafts: (ids) => draftRows('d.id = ANY($1::text[])', [ids]),
    draftSnapshot: (id) =>
      inTransaction(pool, async (client) => {
        const { rows } = await query(client, `SELECT ${DRAFT_COLUMNS} FROM drafts d WHERE d.id = $1`, [id]);
        if (rows[0] === undefined) return undefined;
        const fields: DraftSnapshot['fields'] = new Map();
        for (const row of (await query(client, 'SELECT draft_id, field, value, rev FROM draft_fields WHERE draft_id = $1', [id])).rows) {
          const r = parseRow(FieldRow, 'draft_fields', row);
          fields.set(r.field, { value: readFieldValue(r.value), rev: r.rev });
        }
        const conflicts = await query(client,
          `SELECT ${CONFLICT_COLUMNS} FROM ${CONFLICT_FROM} WHERE c.draft_id = $1 AND c.resolved_at IS NULL ORDER BY c.created_at, c.id`,
          [id],
        );
        return { draft: toDraft(rows[0]), fields, conflicts: conflicts.rows.map(toConflict), cursor: await head(client, toDraft(rows[0]).agencyId) };
      }, { mode: READ_SNAPSHOT }),
    pushMutations: (ctx, mutations) => pushes({ ctx, mutations }),
    pull: (q) =>
      inTransaction(pool, async (client) => {
        const { rows } = await query(client,
          'SELECT cursor, draft_id, field, new_value, rev FROM field_writes WHERE agency_id = $1 AND cursor > $2 ORDER BY cursor LIMIT $3',
          [q.agencyId, q.cursor, q.limit],
        );
        const changes: Change[] = rows.map((row) => {
          const r = parseRow(ChangeRow, 'field_writes', row);
          return { draftId: r.draft_id, field: r.field, value: readFieldValue(r.new_value, 'field_writes'), rev: r.rev, cursor: r.cursor };
        });
        const more = changes.length === q.limit;
        return { changes, cursor: more ? (changes.at(-1)?.cursor ?? q.cursor) : Math.max(q.cursor, await head(client, q.agencyId)), more };
      }, { mode: READ_SNAPSHOT }),
    openConflicts: async (agencyId) =>
      (await query(pool, `SELECT ${CONFLICT_COLUMNS} FROM ${CONFLICT_FROM} WHERE c.agency_id = $1 AND c.resolved_at IS NULL ORDER BY c.created_at, c.id`, [agencyId]))
        .rows.map(toConflict),
    history: async (draftId, q) =>
      (await query(pool,
        `SELECT w.cursor, w.field, w.old_value, w.new_value, w.rev, w.at, w.client_id, w.seq, w.user_id, u.username
         FROM field_writes w LEFT JOIN users u ON u.id = w.user_id
         WHERE w.draft_id = $1 AND w.cursor > $2 ORDER BY w.cursor LIMIT $3`,
        [draftId, q.after, q.limit],
      )).rows.map(toHistoryEntry),
  };
}
