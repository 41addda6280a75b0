/**
 * SQLite: drafts, push, pull, conflicts and history. A push is one IMMEDIATE transaction, run
 * synchronously (better-sqlite3): nothing else on this connection can interleave with it, and
 * another process waits for the write lock, so what the transaction read is what it decides on.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import * as v from 'valibot';
import { FieldKeySchema, type Ack, type Change, type Mutation } from '../../../contract/sync.ts';
import { groupCommit } from './group-commit.ts';
import { lazy } from './lazy.ts';
import { ackKey, fieldId, planPush, writersSince, type PushPlan, type SyncState } from '../push-plan.ts';
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
import { SERVER_CLIENT_ID, StorageError, type DraftSnapshot, type DraftsSection, type NewDraft, type UserContext } from '../types.ts';

const FieldRow = v.object({ field: FieldKeySchema, value: v.string(), rev: intColumn });
const WriterRow = v.object({ client_id: v.string(), rev: intColumn });
const ChangeRow = v.object({ cursor: intColumn, draft_id: v.string(), field: FieldKeySchema, new_value: v.string(), rev: intColumn });

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}

function prepare(db: Database.Database) {
  return {
    insertDraft: db.prepare<[string, string, string, number, string, string, string | null, number, string]>(
      `INSERT INTO drafts (id, agency_id, report_id, year, template, source, previous_report_id, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    draft: db.prepare<[string]>(`SELECT ${DRAFT_COLUMNS} FROM drafts d WHERE d.id = ?`),
    drafts: db.prepare<[string]>(`SELECT ${DRAFT_COLUMNS} FROM drafts d WHERE d.agency_id = ? ORDER BY d.year DESC, d.id`),
    draftAgency: db.prepare<[string]>('SELECT agency_id FROM drafts WHERE id = ?').pluck(),
    field: db.prepare<[string, string]>('SELECT field, value, rev FROM draft_fields WHERE draft_id = ? AND field = ?'),
    fields: db.prepare<[string]>('SELECT field, value, rev FROM draft_fields WHERE draft_id = ?'),
    // Only the writes after a rev (index field_writes_since, migration 014): not the field's history.
    writers: db.prepare<[string, string, number]>(
      'SELECT client_id, MAX(rev) AS rev FROM field_writes WHERE draft_id = ? AND field = ? AND rev > ? GROUP BY client_id',
    ),
    ack: db.prepare<[string, number]>('SELECT ack FROM sync_acks WHERE client_id = ? AND seq = ?').pluck(),
    insertAck: db.prepare<[string, number, string, string, number, string]>(
      'INSERT INTO sync_acks (client_id, seq, draft_id, ack, user_id, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    upsertField: db.prepare<[string, string, string, number]>(
      `INSERT INTO draft_fields (draft_id, field, value, rev) VALUES (?, ?, ?, ?)
       ON CONFLICT (draft_id, field) DO UPDATE SET value = excluded.value, rev = excluded.rev`,
    ),
    insertWrite: db.prepare<[string, string, string, string | null, string, number, string, number, number | null, string]>(
      `INSERT INTO field_writes (agency_id, draft_id, field, old_value, new_value, rev, client_id, seq, user_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertConflict: db.prepare<[string, string, string, string, string, string, string, number, number, string]>(
      `INSERT INTO conflicts (id, agency_id, draft_id, field, mine, mine_client_id, theirs, theirs_rev, user_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    resolve: db.prepare<[string, number, string, string, string, string]>(
      `UPDATE conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?
       WHERE id = ? AND draft_id = ? AND field = ? AND resolved_at IS NULL`,
    ),
    // The agency's head, as on PostgreSQL (where only an agency's own writes are ordered).
    head: db.prepare<[string]>('SELECT COALESCE(MAX(cursor), 0) FROM field_writes WHERE agency_id = ?').pluck(),
    pull: db.prepare<[string, number, number]>(
      'SELECT cursor, draft_id, field, new_value, rev FROM field_writes WHERE agency_id = ? AND cursor > ? ORDER BY cursor LIMIT ?',
    ),
    openConflicts: db.prepare<[string]>(
      `SELECT ${CONFLICT_COLUMNS} FROM ${CONFLICT_FROM} WHERE c.agency_id = ? AND c.resolved_at IS NULL ORDER BY c.created_at, c.id`,
    ),
    draftConflicts: db.prepare<[string]>(
      `SELECT ${CONFLICT_COLUMNS} FROM ${CONFLICT_FROM} WHERE c.draft_id = ? AND c.resolved_at IS NULL ORDER BY c.created_at, c.id`,
    ),
    history: db.prepare<[string, number, number]>(
      `SELECT w.cursor, w.field, w.old_value, w.new_value, w.rev, w.at, w.client_id, w.seq, w.user_id, u.username
       FROM field_writes w LEFT JOIN users u ON u.id = w.user_id
       WHERE w.draft_id = ? AND w.cursor > ? ORDER BY w.cursor LIMIT ?`,
    ),
  };
}

export function sqliteDrafts(db: Database.Database, now: () => Date): DraftsSection {
  const st = lazy(() => prepare(db));
  // Pushes queued for the turn's commit are written first: a read or write asked for after a
  // push sees it, as when each push was its own transaction.
  const run = <T>(f: () => T): Promise<T> => Promise.resolve().then(() => {
    pushes.flush();
    return f();
  });

  const create = db.transaction((d: NewDraft, at: string) => {
    try {
      st().insertDraft.run(d.id, d.agencyId, d.reportId, d.year, d.template, d.source, d.previousReportId ?? null, d.createdBy, at);
    } catch (error) {
      if (isUniqueViolation(error)) throw new StorageError('exists', `a draft of ${d.reportId} (or with id ${d.id}) exists`);
      throw error;
    }
    for (const [field, value] of d.fields) {
      const json = fieldJson(value);
      st().upsertField.run(d.id, field, json, 1);
      st().insertWrite.run(d.agencyId, d.id, field, null, json, 1, SERVER_CLIENT_ID, 0, d.createdBy, at);
    }
  });

  /** Reads what the batch needs to decide, and checks every draft belongs to the agency. */
  function load(ctx: UserContext, mutations: readonly Mutation[]): SyncState {
    const state: SyncState = { fields: new Map(), acks: new Map(), writers: new Map() };
    const agencies = new Map<string, unknown>();
    const since = writersSince(mutations);
    for (const m of mutations) {
      if (!agencies.has(m.draftId)) agencies.set(m.draftId, st().draftAgency.get(m.draftId));
      if (agencies.get(m.draftId) !== ctx.agencyId) throw new StorageError('forbidden', `draft ${m.draftId} is not one of agency ${ctx.agencyId}`);
      const id = fieldId(m.draftId, m.field);
      if (!state.writers.has(id)) {
        const row = st().field.get(m.draftId, m.field);
        if (row !== undefined) {
          const r = parseRow(FieldRow, 'draft_fields', row);
          state.fields.set(id, { value: readFieldValue(r.value), rev: r.rev });
        }
        const writers = new Map<string, number>();
        for (const w of st().writers.all(m.draftId, m.field, since.get(id) ?? m.baseRev)) {
          const r = parseRow(WriterRow, 'field_writes', w);
          writers.set(r.client_id, r.rev);
        }
        state.writers.set(id, writers);
      }
      const key = ackKey(m.clientId, m.seq);
      if (!state.acks.has(key)) {
        const ack = st().ack.get(m.clientId, m.seq);
        if (ack !== undefined) state.acks.set(key, readAck(ack));
      }
    }
    return state;
  }

  function persist(plan: PushPlan, ctx: UserContext, at: string): void {
    for (const { mutation: m, ack } of plan.newAcks) st().insertAck.run(m.clientId, m.seq, m.draftId, JSON.stringify(ack), ctx.userId, at);
    for (const f of plan.fields) st().upsertField.run(f.draftId, f.field, fieldJson(f.state.value), f.state.rev);
    for (const w of plan.writes) {
      const m = w.mutation;
      const old = w.old === undefined ? null : fieldJson(w.old);
      st().insertWrite.run(ctx.agencyId, m.draftId, m.field, old, fieldJson(w.value), w.rev, m.clientId, m.seq, ctx.userId, at);
    }
    for (const c of plan.conflicts) {
      const [mine, theirs] = [fieldJson(c.mine), fieldJson(c.theirs)];
      st().insertConflict.run(c.id, ctx.agencyId, c.draftId, c.field, mine, c.mineClientId, theirs, c.theirsRev, ctx.userId, at);
    }
    for (const r of plan.resolutions) st().resolve.run(at, ctx.userId, r.outcome, r.conflictId, r.draftId, r.field);
  }

  const push = db.transaction(({ ctx, mutations }: { ctx: UserContext; mutations: readonly Mutation[] }, at: string): Ack[] => {
    const plan = planPush(load(ctx, mutations), mutations, randomUUID);
    persist(plan, ctx, at);
    return plan.acks;
  });
  // Pushes of one turn of the event loop share a commit (group-commit.ts).
  const pushes = groupCommit(db, push, now);

  // A deferred read transaction: the statements see one snapshot even with a writer elsewhere.
  const snapshot = db.transaction((id: string): DraftSnapshot | undefined => {
    const row = st().draft.get(id);
    if (row === undefined) return undefined;
    const fields: DraftSnapshot['fields'] = new Map();
    for (const f of st().fields.all(id)) {
      const r = parseRow(FieldRow, 'draft_fields', f);
      fields.set(r.field, { value: readFieldValue(r.value), rev: r.rev });
    }
    const draft = toDraft(row);
    return { draft, fields, conflicts: st().draftConflicts.all(id).map(toConflict), cursor: Number(st().head.get(draft.agencyId)) };
  });

  const pull = db.transaction((agencyId: string, cursor: number, limit: number) => {
    const changes: Change[] = st().pull.all(agencyId, cursor, limit).map((row) => {
      const r = parseRow(ChangeRow, 'field_writes', row);
      return { draftId: r.draft_id, field: r.field, value: readFieldValue(r.new_value, 'field_writes'), rev: r.rev, cursor: r.cursor };
    });
    const more = changes.length === limit;
    const last = changes.at(-1)?.cursor ?? cursor;
    return { changes, cursor: more ? last : Math.max(cursor, Number(st().head.get(agencyId))), more };
  });

  return {
    createDraft: (d) =>
      run(() => {
        checkDraftTemplate(d);
        create.immediate(d, now().toISOString());
        return toDraft(st().draft.get(d.id));
      }),
    listDrafts: (agencyId) => run(() => st().drafts.all(agencyId).map(toDraft)),
    getDraft: (id) => run(() => {
      const row = st().draft.get(id);
      return row === undefined ? undefined : toDraft(row);
    }),
    getDrafts: (ids) => run(() => ids.flatMap((id) => {
      const row = st().draft.get(id);
      return row === undefined ? [] : [toDraft(row)];
    })),
    draftSnapshot: (id) => run(() => snapshot(id)),
    pushMutations: (ctx, mutations) => pushes({ ctx, mutations }),
    pull: (q) => run(() => pull(q.agencyId, q.cursor, q.limit)),
    openConflicts: (agencyId) => run(() => st().openConflicts.all(agencyId).map(toConflict)),
    history: (draftId, q) => run(() => st().history.all(draftId, q.after, q.limit).map(toHistoryEntry)),
  };
}
