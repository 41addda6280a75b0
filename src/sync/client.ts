/**
 * The sync client (issue 4): sends the outbox, folds in acks and pulled changes, and decides when.
 * Triggers: start, `online`, the tab becoming visible, 2 s after an edit, a retry after a failure
 * (protocol.ts backoffDelay: exponential, full jitter, capped at 5 minutes), "sync now", and a
 * Background Sync message from the service worker on Chromium. One tab syncs at a time
 * (tab-lock.ts). A draft created on this device is created on the server first, then its edits
 * follow; the wire carries the server's draft ids, the device keeps its own (DraftRow.serverId).
 */
import type { DraftRow } from '../db/index.ts';
import { checkFieldValue } from '../report/field-rules.ts';
import { documentOfFields, fieldEntries, type FieldKey, type FieldRecord, type FieldValue } from '../report/fields.ts';
import { getTemplate } from '../report/templates/index.ts';
import type { ReportDocument } from '../report/model.ts';
import type { DraftResponse, DraftSummaryWire } from '../contract/drafts.ts';
import type { StaffApi } from './api.ts';
import { ApiFailure, type FailureKind } from './http.ts';
import type { ReplicaStore } from './outbox.ts';
import { backoffDelay } from './protocol.ts';
import type { Change, ConflictWire, Mutation } from '../contract/sync.ts';
import type { OpenConflict } from './replica.ts';
import { localLock, type TabLock } from './tab-lock.ts';
import { browserSaysOffline } from './online.ts';

/** Why a sync started. */
export type SyncReason = 'start' | 'online' | 'visible' | 'edit' | 'retry' | 'manual' | 'background' | 'signin';

/** A failed sync: what kind, the server's code when it sent one, when. */
export interface SyncError {
  kind: FailureKind;
  code: string | null;
  at: number;
}

/** What one run did. `skipped`: another tab holds the lock (or the session needs signing in). */
export interface SyncRun {
  ok: boolean;
  skipped: boolean;
  pushed: number;
  pulled: number;
  error: SyncError | null;
}

/** Largest push request (contract/sync.ts PushRequestSchema allows 500). */
export const PUSH_BATCH = 500;
/** Delay between an edit and the sync it triggers. */
export const EDIT_DELAY_MS = 2_000;
/**
 * The Background Sync tag, and the `type` of the message the service worker posts to open tabs
 * when it fires (sync/background.ts).
 */
export const BACKGROUND_SYNC_TAG = 'lotho-sync';

export interface SyncClientOptions {
  replica: ReplicaStore;
  api: StaffApi;
  lock?: TabLock;
  random?: () => number;
  now?: () => number;
  /** Called after anything that may change what the official sees (fields, outbox, status). */
  onChange?: () => void;
  editDelayMs?: number;
}

/** An edit that passes the field rules of its draft's template (the server refuses a whole batch otherwise). */
export function sendable(mutation: Mutation, draft: DraftRow | undefined): boolean {
  if (draft?.serverId == null) return false;
  return checkFieldValue(getTemplate(draft.template), mutation.field, mutation.value) === undefined;
}

/** The device's row of a draft the server has (downloaded, not made here): the same id on both. */
export function draftRowOf(d: DraftSummaryWire): Omit<DraftRow, 'owner'> {
  const createdAt = Date.parse(d.createdAt);
  return {
    id: d.id,
    serverId: d.id,
    template: d.template,
    year: d.year,
    source: d.source,
    previousReportId: d.previousReportId ?? null,
    publishedVersion: d.publishedVersion,
    createdAt,
    updatedAt: createdAt,
    base: null,
    importReport: null,
  };
}

/**
 * Downloads one draft of the agency by its id or report id (an editor address opened on a device
 * that does not have it yet). Returns its id on this device, or undefined when the server has none.
 */
export async function downloadDraft(api: StaffApi, replica: ReplicaStore, key: string): Promise<string | undefined> {
  const summary = (await api.listDrafts()).drafts.find((d) => d.id === key || d.reportId === key);
  if (summary === undefined) return undefined;
  const known = (await replica.drafts()).find((r) => r.serverId === summary.id);
  if (known !== undefined) return known.id;
  const snapshot = await api.getDraft(summary.id);
  await replica.addDraft(draftRowOf(summary), serverFields(snapshot));
  return summary.id;
}

/** A conflict of the server's list as the replica keeps it, under the device's draft id. */
export function localConflict(c: ConflictWire, draftId: string): OpenConflict {
  const conflict: OpenConflict = { id: c.id, draftId, field: c.field, mine: c.mine, theirs: c.theirs, theirsRev: c.theirsRev, mineClientId: c.mineClientId, mineAt: c.createdAt };
  if (c.mineBy !== undefined) conflict.mineBy = c.mineBy;
  if (c.theirsBy !== undefined) conflict.theirsBy = c.theirsBy;
  if (c.theirsAt !== undefined) conflict.theirsAt = c.theirsAt;
  if (c.theirsClientId !== undefined) conflict.theirsClientId = c.theirsClientId;
  return conflict;
}

function serverFields(response: DraftResponse): Map<FieldKey, { value: FieldValue; rev: number }> {
  return new Map(fieldEntries(response.draft.fields));
}

export class SyncClient {
  private readonly replica: ReplicaStore;
  private readonly api: StaffApi;
  private readonly lock: TabLock;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly onChange: () => void;
  private readonly editDelayMs: number;

  /** Consecutive failed runs; the next retry waits backoffDelay(attempt). */
  attempt = 0;
  /** When the next automatic retry is due (ms since epoch), if one is scheduled. */
  nextRetryAt: number | null = null;
  /** A run is in progress in this tab. */
  running = false;
  /** The session needs signing in: automatic triggers wait for signIn(). */
  needsSignIn = false;

  private current: Promise<SyncRun> | null = null;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private detach: (() => void) | null = null;
  private refreshList = true;
  /** Why the latest request came; a failed answer to Background Sync does not register it again. */
  private lastReason: SyncReason = 'start';

  constructor(options: SyncClientOptions) {
    this.replica = options.replica;
    this.api = options.api;
    this.lock = options.lock ?? localLock();
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.onChange = options.onChange ?? (() => undefined);
    this.editDelayMs = options.editDelayMs ?? EDIT_DELAY_MS;
  }

  /** Listens to the browser's triggers and syncs once now. */
  start(): void {
    if (this.detach !== null) return;
    const online = (): void => void this.request('online');
    const visible = (): void => {
      if (document.visibilityState === 'visible') void this.request('visible');
    };
    const message = (event: MessageEvent<unknown>): void => {
      const data = event.data;
      if (typeof data === 'object' && data !== null && 'type' in data && data.type === BACKGROUND_SYNC_TAG) void this.request('background');
    };
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', visible);
    const sw = typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
    sw?.addEventListener('message', message);
    this.detach = () => {
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', visible);
      sw?.removeEventListener('message', message);
    };
    void this.request('start');
  }

  /** Stops listening and cancels the timers (sign-out, tests). */
  /**
   * Stops listening and cancels timers. The run in progress, if any, is not cut off mid-push (the
   * server may already have applied it); the promise resolves when it has ended, so that whoever
   * stops (sign-out, a test's tear-down) knows no request of this client is still on its way.
   */
  async stop(): Promise<void> {
    this.detach?.();
    this.detach = null;
    this.again = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.editTimer);
    this.nextRetryAt = null;
    await this.current?.catch(() => undefined);
    // The run's own failure handling may have scheduled a retry after we cleared the timer.
    clearTimeout(this.retryTimer);
    this.nextRetryAt = null;
  }

  /** An edit was saved: sync 2 s after the last one. */
  editMade(): void {
    clearTimeout(this.editTimer);
    this.editTimer = setTimeout(() => void this.request('edit'), this.editDelayMs);
  }

  /** The official signed in again: sync at once. */
  signedIn(): void {
    this.needsSignIn = false;
    void this.request('signin');
  }

  /**
   * Syncs now, or joins the run in progress (and runs once more after it, since the edit that
   * asked may have come after its push). Never rejects.
   */
  request(reason: SyncReason): Promise<SyncRun> {
    if (this.needsSignIn && reason !== 'manual' && reason !== 'signin') {
      return Promise.resolve({ ok: false, skipped: true, pushed: 0, pulled: 0, error: null });
    }
    this.lastReason = reason;
    if (reason === 'manual' || reason === 'start' || reason === 'signin') this.refreshList = true;
    if (reason === 'manual') this.attempt = 0;
    if (this.current !== null) {
      this.again = true;
      return this.current;
    }
    this.current = this.loop().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private async loop(): Promise<SyncRun> {
    let run: SyncRun;
    do {
      this.again = false;
      run = await this.runOnce();
    } while (this.askedAgain() && run.ok);
    return run;
  }

  /** Whether a request came in during the run (a method: TypeScript would narrow the field). */
  private askedAgain(): boolean {
    return this.again;
  }

  private async runOnce(): Promise<SyncRun> {
    clearTimeout(this.retryTimer);
    this.nextRetryAt = null;
    this.running = true;
    this.onChange();
    let run: SyncRun = { ok: false, skipped: true, pushed: 0, pulled: 0, error: null };
    try {
      if (browserSaysOffline()) throw new ApiFailure('network', 0, 'offline');
      const ran = await this.lock(async () => {
        run = await this.cycle();
      });
      if (!ran) {
        // Another tab is syncing this same database; look again shortly for edits made here since.
        this.schedule(this.editDelayMs);
      }
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : new ApiFailure('server', 0, 'client_error');
      run = { ok: false, skipped: false, pushed: 0, pulled: 0, error: { kind: failure.kind, code: failure.code, at: this.now() } };
      await this.replica.recordSync({ ok: false, error: run.error ?? { kind: failure.kind, code: failure.code, at: this.now() } }).catch(() => undefined);
      if (failure.kind === 'auth') this.needsSignIn = true;
      else {
        this.schedule(backoffDelay(this.attempt, this.random));
        this.attempt += 1;
        // Not when this run answered a Background Sync event: the browser fires a tag registered
        // again at once while it is online, so a server out of reach would be asked in a loop.
        // The worker retries by failing the event instead (sync/background.ts); a tab by its backoff.
        if (failure.kind === 'network' && this.lastReason !== 'background') void registerBackgroundSync();
      }
    } finally {
      this.running = false;
      this.onChange();
    }
    return run;
  }

  private schedule(delay: number): void {
    clearTimeout(this.retryTimer);
    this.nextRetryAt = this.now() + delay;
    this.retryTimer = setTimeout(() => void this.request('retry'), delay);
  }

  /** One full sync: queued creations, push, pull, draft list. Throws ApiFailure. */
  private async cycle(): Promise<SyncRun> {
    await this.replica.meta();
    await this.createQueued();
    const pushed = await this.push();
    const pulled = await this.pull();
    await this.listDrafts();
    this.attempt = 0;
    await this.replica.recordSync({ ok: true, at: this.now() });
    return { ok: true, skipped: false, pushed, pulled, error: null };
  }

  /** Sends the creation of every draft made on this device that the server does not have yet. */
  private async createQueued(): Promise<void> {
    for (const row of await this.replica.drafts()) {
      if (row.serverId !== null || row.base === null) continue;
      const base = row.base;
      const document = documentOfFields({ reportId: row.id, year: row.year, template: row.template }, fieldEntries(base));
      try {
        const created = await this.createOnServer(row, document);
        await this.linkDraft(row, base, created, false);
      } catch (error) {
        // The agency has a draft for this year already (a colleague's, or ours whose answer was
        // lost): join it. Edits made here are pushed onto it; where both differ, a conflict.
        if (!(error instanceof ApiFailure) || error.code !== 'draft_exists') throw error;
        const existing = (await this.api.listDrafts()).drafts.find((d) => d.year === row.year);
        if (existing === undefined) throw error;
        await this.linkDraft(row, base, await this.api.getDraft(existing.id), true);
      }
      this.onChange();
    }
  }

  /**
   * The creation request of a draft made here: under this device's id (a repeat answers the same
   * draft, never a twin), saying how it was made and from which report, which the server checks;
   * a report it does not know (deleted since) is left out rather than block the draft for ever.
   */
  private async createOnServer(row: DraftRow, document: ReportDocument): Promise<DraftResponse> {
    const request = { from: 'document', document, source: row.source, id: row.id } as const;
    if (row.previousReportId === null) return this.api.createDraft(request);
    try {
      return await this.api.createDraft({ ...request, previousReportId: row.previousReportId });
    } catch (error) {
      if (!(error instanceof ApiFailure) || (error.code !== 'report_not_found' && error.code !== 'agency_mismatch')) throw error;
      return this.api.createDraft(request);
    }
  }

  private async linkDraft(row: DraftRow, base: FieldRecord<FieldValue>, response: DraftResponse, joined: boolean): Promise<void> {
    const fields = serverFields(response);
    await this.replica.rebaseCreated(row.id, base, fields);
    if (joined && row.source === 'document') {
      // An imported file's values are the official's work: where the existing draft differs, show
      // both (a conflict) rather than let the next pull replace them.
      const local = await this.replica.draftFields(row.id);
      for (const [field, value] of fieldEntries(base)) {
        const theirs = fields.get(field);
        const mine = local.get(field);
        if (value === null || theirs === undefined || mine === undefined || mine.rev !== 0 || theirs.value === value) continue;
        await this.replica.edit(row.id, field, value, { force: true });
      }
    }
    await this.replica.updateDraft(row.id, { serverId: response.draft.id, publishedVersion: response.draft.publishedVersion, base: null });
  }

  /** Pushes every sendable outbox entry, in batches. Returns how many were acknowledged. */
  private async push(): Promise<number> {
    let acked = 0;
    for (let round = 0; round < 1_000; round += 1) {
      const drafts = new Map((await this.replica.drafts()).map((d) => [d.id, d]));
      const batch = await this.replica.claimBatch((m) => sendable(m, drafts.get(m.draftId)), PUSH_BATCH);
      if (batch.length === 0) break;
      const wire = batch.map((mutation) => ({ ...mutation, draftId: drafts.get(mutation.draftId)?.serverId ?? mutation.draftId }));
      const { acks } = await this.api.push(wire);
      await this.replica.applyAcks(acks);
      acked += acks.length;
      this.onChange();
      if (batch.length < PUSH_BATCH) break;
    }
    return acked;
  }

  /** Pulls every change after the cursor. Returns how many changes came. */
  private async pull(): Promise<number> {
    let count = 0;
    for (let page = 0; page < 10_000; page += 1) {
      const { cursor } = await this.replica.meta();
      const answer = await this.api.pull(cursor);
      const local = new Map((await this.replica.drafts()).flatMap((d) => (d.serverId === null ? [] : [[d.serverId, d.id] as const])));
      const localId = (id: string): string => local.get(id) ?? id;
      const changes: Change[] = answer.changes.map((c) => ({ ...c, draftId: localId(c.draftId) }));
      await this.replica.applyChanges(changes, answer.cursor);
      const closed = await this.replica.syncConflicts(answer.conflicts.map((c) => localConflict(c, localId(c.draftId))));
      await this.refetchClosed(closed);
      count += changes.length;
      this.onChange();
      if (!answer.more || answer.cursor <= cursor) break;
    }
    return count;
  }

  /**
   * Fields of conflicts resolved on another device take the server's value: while the conflict
   * was open, pulls left them alone, and "keep theirs" writes no new revision to pull.
   */
  private async refetchClosed(closed: readonly OpenConflict[]): Promise<void> {
    const byDraft = new Map<string, FieldKey[]>();
    for (const c of closed) byDraft.set(c.draftId, [...(byDraft.get(c.draftId) ?? []), c.field]);
    for (const [draftId, fields] of byDraft) {
      const row = await this.replica.draft(draftId);
      const serverId = row === undefined ? draftId : row.serverId;
      if (serverId === null) continue;
      await this.replica.takeServerFields(draftId, serverFields(await this.api.getDraft(serverId)), fields);
    }
  }

  /** Lists drafts the server has and this device lacks (learned by a pull), and refreshes publication state. */
  private async listDrafts(): Promise<void> {
    const unlisted = new Set(await this.replica.unlistedDraftIds());
    if (unlisted.size === 0 && !this.refreshList) return;
    const rows = await this.replica.drafts();
    const byServerId = new Map(rows.flatMap((r) => (r.serverId === null ? [] : [[r.serverId, r] as const])));
    for (const d of (await this.api.listDrafts()).drafts) {
      const row = byServerId.get(d.id);
      if (row !== undefined) {
        if (row.publishedVersion !== d.publishedVersion) await this.replica.updateDraft(row.id, { publishedVersion: d.publishedVersion });
        continue;
      }
      const listed = draftRowOf(d);
      if (unlisted.has(d.id)) await this.replica.addDraft(listed, []);
      else {
        // Not seen in any pull (a cursor moved past it): take its snapshot.
        const snapshot = await this.api.getDraft(d.id);
        await this.replica.addDraft(listed, serverFields(snapshot));
      }
    }
    this.refreshList = false;
    this.onChange();
  }
}

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/**
 * Asks Chromium's Background Sync to wake the service worker when the network returns, so the
 * outbox is sent even if the tab was closed (the worker posts {type:'lotho-sync'} to open tabs, or
 * syncs itself). An extra only: every browser syncs on the triggers above.
 */
export async function registerBackgroundSync(): Promise<boolean> {
  try {
    if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return false;
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => { resolve(undefined); }, 1_000));
    const registration: (ServiceWorkerRegistration & { sync?: SyncManagerLike }) | undefined = await Promise.race([navigator.serviceWorker.ready, timeout]);
    if (registration?.sync === undefined) return false;
    await registration.sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
