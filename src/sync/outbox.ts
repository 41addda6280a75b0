/**
 * The replica of sync/replica.ts kept in IndexedDB (db/index.ts): fields, outbox, conflicts and
 * cursor of one official on this device. Every operation is ONE Dexie transaction that reads the
 * slice of state it needs, runs the pure replica function on it, and writes back the difference,
 * so a crash or a killed tab leaves either all of an edit (field + outbox entry) or none of it,
 * and two tabs never hand out the same seq (it is read inside the transaction).
 */
import { toRaw } from 'vue';
import type { DraftRow, FieldRow, LothoDb, OutboxRow, ReplicaRow, ScratchRow } from '../db/index.ts';
import { fieldEntries, sameValue, type FieldKey, type FieldRecord, type FieldValue } from '../report/fields.ts';
import type { Ack, Change, Mutation } from '../contract/sync.ts';
import { applyAcks, applyChanges, edit, resolveConflict, type KnownField, type OpenConflict, type ReplicaState } from './replica.ts';

/** A fresh client id: letters, digits, `-` (the protocol's id pattern), 22+ characters. */
export function newClientId(): string {
  return `c${crypto.randomUUID().replaceAll('-', '')}`;
}

/** A conflict with when this device learned of it. */
export interface LocalConflict extends OpenConflict {
  createdAt: number;
}

/** An outbox entry with when it was made and whether a push carried it already. */
export interface PendingEdit {
  mutation: Mutation;
  createdAt: number;
  sent: boolean;
}

/** Options of an edit. */
export interface EditOptions {
  /** The edit resolves this conflict (keep mine / keep theirs / edit). */
  resolves?: string;
  /**
   * One outbox entry per field (typing in a box: not one per keystroke). The edit folds into the
   * field's last entry when no push carried it yet. An entry a push carried is never changed (its
   * (clientId, seq) may already be applied on the server): the edit replaces it with a new seq,
   * so the value in between is not sent again and the status counts the official's edits. A
   * resolution of a conflict is never folded into nor replaced.
   */
  coalesce?: boolean;
  /** Queue the value even when the device already shows it (surfacing a value as a conflict). */
  force?: boolean;
  now?: number;
}

type Slice = ReplicaState;

function plain<T>(value: T): T {
  // IndexedDB clones what it stores, and a Vue proxy cannot be cloned (conventions §10).
  return toRaw(value);
}

/** Dexie-backed replica of one official (`owner`). Callers: stores/ only. */
export class ReplicaStore {
  constructor(
    readonly db: LothoDb,
    readonly owner: string,
  ) {}

  private get rw() {
    const { replicas, fields, outbox, conflicts, drafts, scratch } = this.db;
    return [replicas, fields, outbox, conflicts, drafts, scratch];
  }

  /**
   * The replica's bookkeeping row, created (with a new client id) the first time. Read in a
   * read-only transaction when it exists, which is every time but the first: the status line,
   * the editor and the sync read it after every change, and a read-write transaction on
   * `replicas` for each would queue behind every other one (the sync's pull and acks, another
   * tab's, a page still unloading) and hold the sync's own back; seen in WebKit as a read that
   * took 4.5 s.
   */
  async meta(): Promise<ReplicaRow> {
    const existing = await this.db.replicas.get(this.owner);
    if (existing !== undefined) return existing;
    return this.db.transaction('rw', this.db.replicas, async () => {
      const row = await this.db.replicas.get(this.owner);
      if (row !== undefined) return row;
      const created: ReplicaRow = { owner: this.owner, clientId: newClientId(), nextSeq: 1, cursor: 0, lastSuccessAt: null, lastError: null };
      await this.db.replicas.add(created);
      return created;
    });
  }

  /** The whole replica: every field, outbox entry and conflict of this official. */
  async load(): Promise<ReplicaState> {
    const meta = await this.meta();
    return this.db.transaction('r', this.db.fields, this.db.outbox, this.db.conflicts, async () => {
      const fields: ReplicaState['fields'] = {};
      for (const row of await this.db.fields.where('owner').equals(this.owner).toArray()) {
        (fields[row.draftId] ??= {})[row.field] = { value: row.value, rev: row.rev };
      }
      const outbox = (await this.outboxRows()).map((r) => r.mutation);
      const conflicts = (await this.db.conflicts.where('owner').equals(this.owner).toArray()).map((r) => r.conflict);
      return { clientId: meta.clientId, nextSeq: meta.nextSeq, fields, outbox, conflicts, cursor: meta.cursor };
    });
  }

  private async outboxRows(): Promise<OutboxRow[]> {
    return this.db.outbox.where('[owner+seq]').between([this.owner, -Infinity], [this.owner, Infinity]).toArray();
  }

  /** Outbox entries in seq order, with their age and whether they were sent. */
  async pending(): Promise<PendingEdit[]> {
    return (await this.outboxRows()).map(({ mutation, createdAt, sent }) => ({ mutation, createdAt, sent }));
  }

  /** Open conflicts with when this device learned of them. */
  async conflicts(): Promise<LocalConflict[]> {
    const rows = await this.db.conflicts.where('owner').equals(this.owner).toArray();
    return rows.map((r) => ({ ...r.conflict, createdAt: r.createdAt })).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Reads the slice: the replica row, the given fields, and (when asked) every outbox entry and conflict. */
  private async readSlice(keys: readonly (readonly [string, FieldKey])[], whole: { outbox: boolean; conflicts: boolean }): Promise<Slice> {
    const meta = await this.db.replicas.get(this.owner);
    if (meta === undefined) throw new Error(`no replica for ${this.owner}`);
    const fields: Slice['fields'] = {};
    const unique = [...new Map(keys.map(([d, f]) => [`${d}\u0000${f}`, [d, f] as const])).values()];
    const rows = await this.db.fields.bulkGet(unique.map(([d, f]) => [this.owner, d, f]));
    for (const row of rows) if (row !== undefined) (fields[row.draftId] ??= {})[row.field] = { value: row.value, rev: row.rev };
    const outbox = whole.outbox ? (await this.outboxRows()).map((r) => r.mutation) : [];
    const conflicts = whole.conflicts ? (await this.db.conflicts.where('owner').equals(this.owner).toArray()).map((r) => r.conflict) : [];
    return { clientId: meta.clientId, nextSeq: meta.nextSeq, fields, outbox, conflicts, cursor: meta.cursor };
  }

  /** Writes what differs between two slices (fields, outbox, conflicts, seq, cursor). */
  private async writeDiff(before: Slice, after: Slice, now: number): Promise<void> {
    const o = this.owner;
    const fieldPuts = [];
    for (const [draftId, fields] of Object.entries(after.fields)) {
      for (const [field, known] of fieldEntries(fields)) {
        const old: KnownField | undefined = before.fields[draftId]?.[field];
        if (old !== undefined && sameValue(old.value, known.value) && old.rev === known.rev) continue;
        fieldPuts.push({ owner: o, draftId, field, value: known.value, rev: known.rev });
      }
    }
    if (fieldPuts.length > 0) await this.db.fields.bulkPut(fieldPuts);
    const beforeSeqs = new Set(before.outbox.map((m) => m.seq));
    const afterSeqs = new Set(after.outbox.map((m) => m.seq));
    const removed = before.outbox.filter((m) => !afterSeqs.has(m.seq)).map((m): [string, number] => [o, m.seq]);
    if (removed.length > 0) await this.db.outbox.bulkDelete(removed);
    const added = after.outbox.filter((m) => !beforeSeqs.has(m.seq));
    if (added.length > 0) {
      await this.db.outbox.bulkAdd(added.map((m) => ({ owner: o, seq: m.seq, draftId: m.draftId, field: m.field, mutation: plain(m), createdAt: now, sent: false })));
    }
    const beforeIds = new Set(before.conflicts.map((c) => c.id));
    const afterIds = new Set(after.conflicts.map((c) => c.id));
    const closed = before.conflicts.filter((c) => !afterIds.has(c.id)).map((c): [string, string] => [o, c.id]);
    if (closed.length > 0) await this.db.conflicts.bulkDelete(closed);
    const opened = after.conflicts.filter((c) => !beforeIds.has(c.id));
    if (opened.length > 0) await this.db.conflicts.bulkPut(opened.map((c) => ({ owner: o, id: c.id, conflict: plain(c), createdAt: now })));
    if (before.nextSeq !== after.nextSeq || before.cursor !== after.cursor) {
      await this.db.replicas.update(o, { nextSeq: after.nextSeq, cursor: after.cursor });
    }
  }

  /**
   * One local edit: the field's new value and its outbox entry, written in one transaction (with
   * the draft's updatedAt). Returns the outbox entry, or undefined when the value did not change.
   */
  async edit(draftId: string, field: FieldKey, value: FieldValue, options: EditOptions = {}): Promise<Mutation | undefined> {
    const now = options.now ?? Date.now();
    return this.db.transaction('rw', this.rw, async () => {
      const before = await this.readSlice([[draftId, field]], { outbox: false, conflicts: false });
      const current = before.fields[draftId]?.[field];
      if (options.resolves === undefined && options.force !== true && current !== undefined && sameValue(current.value, value)) return undefined;
      const after = edit(before, draftId, field, value, options.resolves);
      const mutation = after.outbox.at(-1);
      if (mutation === undefined) throw new Error('edit() made no outbox entry');
      await this.touchDraft(draftId, now);
      if (options.coalesce === true && options.resolves === undefined) {
        const last = await this.db.outbox.where('[owner+draftId+field]').equals([this.owner, draftId, field]).last();
        if (last !== undefined && !last.sent && last.mutation.resolves === undefined) {
          // The same edit, continued: the unsent entry takes the new value; no new seq is used.
          const merged: Mutation = { ...last.mutation, value, baseRev: mutation.baseRev };
          await this.db.outbox.put({ ...last, mutation: merged });
          await this.writeDiff(before, { ...after, outbox: [], nextSeq: before.nextSeq }, now);
          return merged;
        }
        if (last !== undefined && last.mutation.resolves === undefined) {
          // Carried by a push that failed or is still in flight: the server applied it or never
          // will, and either way the new entry (same base, same client) ends with this value
          // (protocol.ts: a client's own write since its base is no conflict). A late ack for the
          // old seq finds no entry and is ignored (replica.ts applyAcks).
          await this.db.outbox.delete([this.owner, last.seq]);
        }
      }
      await this.writeDiff(before, after, now);
      return mutation;
    });
  }

  private async touchDraft(draftId: string, now: number): Promise<void> {
    await this.db.drafts.update([this.owner, draftId], { updatedAt: now });
  }

  /**
   * Takes the next push batch: the first `limit` entries that pass `sendable`, marked as carried
   * by a push in the same transaction that reads them. From then on they are never coalesced into,
   * so a keystroke arriving while the request is in flight gets an entry of its own instead of
   * changing a value the server may already hold under that seq.
   */
  async claimBatch(sendable: (mutation: Mutation) => boolean, limit: number): Promise<Mutation[]> {
    return this.db.transaction('rw', this.db.outbox, async () => {
      const rows = (await this.outboxRows()).filter((r) => sendable(r.mutation)).slice(0, limit);
      const unsent = rows.filter((r) => !r.sent);
      if (unsent.length > 0) await this.db.outbox.bulkPut(unsent.map((r) => ({ ...r, sent: true })));
      return rows.map((r) => r.mutation);
    });
  }

  /** Folds in the server's acks (replica.ts applyAcks) in one transaction. */
  async applyAcks(acks: readonly Ack[], now = Date.now()): Promise<void> {
    if (acks.length === 0) return;
    await this.db.transaction('rw', this.rw, async () => {
      const rows = (await this.db.outbox.bulkGet(acks.map((a) => [this.owner, a.seq]))).filter(
        (r): r is OutboxRow => r !== undefined && acks.some((a) => a.seq === r.seq && a.clientId === r.mutation.clientId),
      );
      const before = await this.readSlice(rows.map((r) => [r.draftId, r.field] as const), { outbox: false, conflicts: true });
      before.outbox = rows.map((r) => r.mutation);
      await this.writeDiff(before, applyAcks(before, acks), now);
    });
  }

  /** Folds in pulled changes (replica.ts applyChanges) and moves the cursor, in one transaction. */
  async applyChanges(changes: readonly Change[], cursor: number, now = Date.now()): Promise<void> {
    await this.db.transaction('rw', this.rw, async () => {
      const before = await this.readSlice(changes.map((c) => [c.draftId, c.field] as const), { outbox: true, conflicts: true });
      await this.writeDiff(before, applyChanges(before, changes, cursor), now);
    });
  }

  /**
   * Takes the server's list of open conflicts as the truth about them: conflicts made on other
   * devices are added (with who made each side and when), known ones get those details, and local
   * ones the server no longer lists were resolved elsewhere and close here. A conflict whose
   * resolution waits in this device's outbox stays closed. Returns the conflicts closed here:
   * their fields must take the server's value (`takeServerFields`).
   */
  async syncConflicts(listed: readonly OpenConflict[], now = Date.now()): Promise<OpenConflict[]> {
    return this.db.transaction('rw', this.rw, async () => {
      const rows = await this.db.conflicts.where('owner').equals(this.owner).toArray();
      const resolving = new Set((await this.outboxRows()).flatMap((r) => (r.mutation.resolves === undefined ? [] : [r.mutation.resolves])));
      const open = new Map(listed.filter((c) => !resolving.has(c.id)).map((c) => [c.id, c]));
      const closed = rows.filter((r) => !open.has(r.id) && !resolving.has(r.id));
      if (closed.length > 0) await this.db.conflicts.bulkDelete(closed.map((r): [string, string] => [this.owner, r.id]));
      const learnedAt = new Map(rows.map((r) => [r.id, r.createdAt]));
      const puts = [...open.values()].map((conflict) => ({ owner: this.owner, id: conflict.id, conflict: plain(conflict), createdAt: learnedAt.get(conflict.id) ?? now }));
      if (puts.length > 0) await this.db.conflicts.bulkPut(puts);
      return closed.map((r) => r.conflict);
    });
  }

  /**
   * Sets fields of a draft to the server's value and revision (a conflict closed on another
   * device: this one may still show its own side), except where an edit waits in the outbox or
   * a conflict is open: those are decided by the next push, as always.
   */
  async takeServerFields(draftId: string, server: ReadonlyMap<FieldKey, KnownField>, fields: readonly FieldKey[]): Promise<void> {
    await this.db.transaction('rw', this.rw, async () => {
      const pendingFields = new Set((await this.outboxRows()).filter((r) => r.draftId === draftId).map((r) => r.field));
      const conflicted = new Set(
        (await this.db.conflicts.where('owner').equals(this.owner).toArray()).filter((r) => r.conflict.draftId === draftId).map((r) => r.conflict.field),
      );
      const puts: FieldRow[] = [];
      for (const field of new Set(fields)) {
        const theirs = server.get(field);
        if (theirs === undefined || pendingFields.has(field) || conflicted.has(field)) continue;
        puts.push({ owner: this.owner, draftId, field, value: theirs.value, rev: theirs.rev });
      }
      if (puts.length > 0) await this.db.fields.bulkPut(puts);
    });
  }

  /** Resolves a conflict: keep mine, keep theirs, or a new value; sent as an edit with `resolves`. */
  async resolve(conflictId: string, choice: 'mine' | 'theirs' | { value: FieldValue }, now = Date.now()): Promise<void> {
    await this.db.transaction('rw', this.rw, async () => {
      const row = await this.db.conflicts.get([this.owner, conflictId]);
      if (row === undefined) return;
      const before = await this.readSlice([[row.conflict.draftId, row.conflict.field]], { outbox: false, conflicts: true });
      await this.touchDraft(row.conflict.draftId, now);
      await this.writeDiff(before, resolveConflict(before, conflictId, choice), now);
    });
  }

  /**
   * Rebases the edits of a draft made before the server had it: an entry based on nothing
   * (baseRev 0) is based on the server's revision of its field when the server's value there is
   * the one this device started from (the creation this device queued, or the same start).
   * Anything else stays based on 0, so a differing value on the server becomes a conflict.
   */
  async rebaseCreated(draftId: string, base: Readonly<FieldRecord<FieldValue>>, server: ReadonlyMap<FieldKey, { value: FieldValue; rev: number }>): Promise<void> {
    await this.db.transaction('rw', this.rw, async () => {
      const rows = await this.db.outbox.where('owner').equals(this.owner).filter((r) => r.draftId === draftId && r.mutation.baseRev === 0).toArray();
      for (const row of rows) {
        const theirs = server.get(row.field);
        if (theirs === undefined || theirs.rev !== 1 || !(row.field in base) || !sameValue(base[row.field], theirs.value)) continue;
        await this.db.outbox.put({ ...row, mutation: { ...row.mutation, baseRev: theirs.rev } });
      }
      // Fields not edited here take the server's revision, so the next pull does not replace them
      // with the same value, and later edits are based on it.
      const known = await this.db.fields.where('[owner+draftId]').equals([this.owner, draftId]).toArray();
      const updates = known.flatMap((f) => {
        const theirs = server.get(f.field);
        if (theirs === undefined || f.rev !== 0 || theirs.rev !== 1 || !sameValue(base[f.field], theirs.value)) return [];
        return [{ ...f, rev: theirs.rev }];
      });
      if (updates.length > 0) await this.db.fields.bulkPut(updates);
    });
  }

  /** The replica's bookkeeping: last success and last error. */
  async recordSync(result: { ok: true; at: number } | { ok: false; error: NonNullable<ReplicaRow['lastError']> }): Promise<void> {
    await this.db.replicas.update(this.owner, result.ok ? { lastSuccessAt: result.at, lastError: null } : { lastError: plain(result.error) });
  }

  /**
   * Adds a draft with its fields, in one transaction: at their server revisions for a draft
   * downloaded from the server, at revision 0 for one created on this device (its creation is
   * then queued: `row.base` set, `row.serverId` null).
   */
  async addDraft(row: Omit<DraftRow, 'owner'>, fields: Iterable<[FieldKey, { value: FieldValue; rev: number }]>): Promise<void> {
    await this.db.transaction('rw', this.rw, () => this.putDraft(row, fields));
  }

  /**
   * Adds a draft made on this device unless this official has one of the same year on the device
   * already (one draft per agency and year), checked and written in one transaction: nothing but
   * this transaction stands between a tap on "new draft" and the draft. Returns the id of the
   * draft of that year when there is one (nothing is written), else undefined.
   */
  async addNewDraft(row: Omit<DraftRow, 'owner'>, fields: Iterable<[FieldKey, { value: FieldValue; rev: number }]>): Promise<string | undefined> {
    return this.db.transaction('rw', this.rw, async () => {
      const existing = (await this.db.drafts.where('owner').equals(this.owner).toArray()).find((d) => d.year === row.year);
      if (existing !== undefined) return existing.id;
      await this.putDraft(row, fields);
      return undefined;
    });
  }

  private async putDraft(row: Omit<DraftRow, 'owner'>, fields: Iterable<[FieldKey, { value: FieldValue; rev: number }]>): Promise<void> {
    await this.db.drafts.put(plain({ ...row, owner: this.owner }));
    const rows: FieldRow[] = [];
    for (const [field, { value, rev }] of fields) rows.push({ owner: this.owner, draftId: row.id, field, value, rev });
    await this.db.fields.bulkPut(rows);
  }

  /** The drafts of this official on this device, newest first. */
  async drafts(): Promise<DraftRow[]> {
    const rows = await this.db.drafts.where('owner').equals(this.owner).toArray();
    return rows.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async draft(id: string): Promise<DraftRow | undefined> {
    return this.db.drafts.get([this.owner, id]);
  }

  async updateDraft(id: string, changes: Partial<Omit<DraftRow, 'owner' | 'id'>>): Promise<void> {
    await this.db.drafts.update([this.owner, id], plain(changes));
  }

  /** The fields of one draft as this device knows them. */
  async draftFields(id: string): Promise<Map<FieldKey, KnownField>> {
    const rows = await this.db.fields.where('[owner+draftId]').equals([this.owner, id]).toArray();
    return new Map(rows.map((r) => [r.field, { value: r.value, rev: r.rev }]));
  }

  /** Draft ids that have fields here but no draft row (created elsewhere, learned by a pull). */
  async unlistedDraftIds(): Promise<string[]> {
    const keys = await this.db.fields.where('owner').equals(this.owner).primaryKeys();
    const ids = new Set(keys.map(([, draftId]) => draftId));
    for (const row of await this.db.drafts.where('owner').equals(this.owner).toArray()) ids.delete(row.id);
    return [...ids];
  }

  /** Text typed into number cells of a draft that is not a number yet. */
  async scratch(draftId: string): Promise<ScratchRow[]> {
    return this.db.scratch.where('[owner+draftId]').equals([this.owner, draftId]).toArray();
  }

  /** Every field of this official's drafts holding what was typed and is no value yet (never sent). */
  async allScratch(): Promise<ScratchRow[]> {
    return this.db.scratch.where('owner').equals(this.owner).toArray();
  }

  /** Keeps (text) or drops (null) what was typed into a cell that is not a number. */
  async setScratch(draftId: string, field: FieldKey, text: string | null): Promise<void> {
    if (text === null) await this.db.scratch.delete([this.owner, draftId, field]);
    else await this.db.scratch.put({ owner: this.owner, draftId, field, text });
  }

  /** Deletes everything of this official on this device (sign-out once everything is on the server). */
  async clear(): Promise<void> {
    await this.db.transaction('rw', this.rw, async () => {
      const o = this.owner;
      await this.db.fields.where('owner').equals(o).delete();
      await this.db.outbox.where('owner').equals(o).delete();
      await this.db.conflicts.where('owner').equals(o).delete();
      await this.db.drafts.where('owner').equals(o).delete();
      await this.db.scratch.where('owner').equals(o).delete();
      await this.db.replicas.delete(o);
    });
  }
}
