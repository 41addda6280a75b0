/**
 * Sync status, always on screen while drafting: edits waiting (and how old the oldest is), edits
 * held back because their value does not fit the cell, drafts not yet on the server, the last
 * successful sync, and the last failure in plain words with what to do. Runs the sync client for
 * the signed-in official and tells other tabs when this one changed the replica.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import { SyncClient, sendable, type SyncError } from '../sync/client.ts';
import { SYNC_LOCK, tabLock } from '../sync/tab-lock.ts';
import { currentApi, useSessionStore } from './session.ts';

/** Kinds of failure the status line explains (sync.errors.<kind> and sync.advice.<kind>). */
export type SyncErrorKind = SyncError['kind'];

const CHANNEL = 'lotho-replica';

export const useSyncStore = defineStore('sync', () => {
  const session = useSessionStore();
  const client = shallowRef<SyncClient | null>(null);

  /** Edits not acknowledged by the server. */
  const pending = ref(0);
  /**
   * Fields to fix before they can be sent: edits whose value the server would refuse (−3 or 2.5
   * in a count, a text beyond its limit), and what was typed that is no value at all ("abc" in a
   * cell, old-IME Tibetan), which never leaves the device. One per field.
   */
  const held = ref(0);
  /** Drafts created on this device the server does not have yet. */
  const unsentDrafts = ref(0);
  /** Open conflicts, waiting for the official's choice. */
  const conflicts = ref(0);
  const oldestUnsentAt = ref<number | null>(null);
  const lastSuccessAt = ref<number | null>(null);
  const error = ref<SyncError | null>(null);
  const syncing = ref(false);
  const nextRetryAt = ref<number | null>(null);
  /** Bumped whenever the replica changed (here or in another tab): drafts reload on it. */
  const version = ref(0);
  /** A clock for "3 minutes ago", ticking while something is shown. */
  const now = ref(Date.now());

  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  if (channel !== null) channel.onmessage = () => void refresh();
  let ticker: ReturnType<typeof setInterval> | undefined;

  /** The status to show: an error wins; expired sessions always ask to sign in. */
  const problem = computed<SyncErrorKind | null>(() => (session.status === 'expired' ? 'auth' : (error.value?.kind ?? null)));

  /** Re-reads counts and bookkeeping from IndexedDB. */
  async function refresh(): Promise<void> {
    const replica = session.replica;
    if (replica === null) return;
    try {
      const [edits, drafts, meta, open, typed] = await Promise.all([replica.pending(), replica.drafts(), replica.meta(), replica.conflicts(), replica.allScratch()]);
      conflicts.value = open.length;
      const byId = new Map(drafts.map((d) => [d.id, d]));
      pending.value = edits.length;
      const refused = edits.filter((e) => {
        const draft = byId.get(e.mutation.draftId);
        return draft !== undefined && draft.serverId !== null && !sendable(e.mutation, draft);
      });
      const toFix = new Set([...refused.map((e) => `${e.mutation.draftId}\u0000${e.mutation.field}`), ...typed.map((s) => `${s.draftId}\u0000${s.field}`)]);
      held.value = toFix.size;
      unsentDrafts.value = drafts.filter((d) => d.serverId === null).length;
      oldestUnsentAt.value = edits.reduce<number | null>((min, e) => (min === null || e.createdAt < min ? e.createdAt : min), null);
      lastSuccessAt.value = meta.lastSuccessAt;
      const last = meta.lastError;
      error.value = last === null ? null : { kind: last.kind as SyncErrorKind, code: last.code, at: last.at };
    } catch {
      // IndexedDB unavailable: the drafts store says so where it matters.
    }
    const c = client.value;
    syncing.value = c?.running ?? false;
    nextRetryAt.value = c?.nextRetryAt ?? null;
    now.value = Date.now();
    version.value += 1;
  }

  function changed(): void {
    void refresh().then(() => {
      if (client.value?.needsSignIn === true) void session.markExpired();
    });
  }

  /** Starts syncing for the signed-in official (idempotent). */
  function start(): void {
    const replica = session.replica;
    if (replica === null) return;
    if (client.value !== null) return;
    client.value = new SyncClient({
      replica,
      api: currentApi(),
      lock: tabLock(SYNC_LOCK),
      onChange: () => {
        changed();
        channel?.postMessage('changed');
      },
    });
    if (session.status === 'expired') client.value.needsSignIn = true;
    client.value.start();
    clearInterval(ticker);
    ticker = setInterval(() => (now.value = Date.now()), 30_000);
  }

  /** Stops syncing (sign-out); resolves once the run in progress, if any, has ended. */
  async function stop(): Promise<void> {
    const stopping = client.value;
    client.value = null;
    clearInterval(ticker);
    await stopping?.stop();
  }

  /** An edit was saved: other tabs reload, and a sync follows 2 s after the last edit. */
  function editMade(): void {
    channel?.postMessage('changed');
    client.value?.editMade();
    void refresh();
  }

  /** "Sync now". */
  async function syncNow(): Promise<void> {
    await client.value?.request('manual');
  }

  watch(
    () => session.replica,
    (replica, before) => {
      if (replica === before) return;
      void stop();
      if (replica !== null) start();
    },
  );
  watch(
    () => session.status,
    (status, before) => {
      if (status === 'signed-in' && before === 'expired') client.value?.signedIn();
    },
  );

  return {
    pending,
    held,
    unsentDrafts,
    conflicts,
    oldestUnsentAt,
    lastSuccessAt,
    error,
    problem,
    syncing,
    nextRetryAt,
    version,
    now,
    refresh,
    start,
    stop,
    editMade,
    syncNow,
  };
});
