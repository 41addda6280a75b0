/**
 * Background Sync, the service worker's side (issue 4; Chromium only, an extra). A tab whose sync
 * failed for want of a network registers the tag `lotho-sync` (client.ts registerBackgroundSync);
 * the browser fires `sync` in the worker once the network is back, even if every tab was closed.
 *
 * - A tab of this origin is open: it is sent `{type:'lotho-sync'}` and syncs through its own
 *   SyncClient, which owns the status line, the backoff and the expired-session prompt.
 * - None is open: the worker syncs the signed-in official's replica itself, with the tabs' lock.
 *   A run that failed for want of a network rejects the event, which is how the browser is asked
 *   to try again later (with its own backoff, a few times at most).
 *
 * Nothing here touches `window` or `document`: SyncClient.start() does (it listens to the tab's
 * triggers), so the worker never calls it; request() and stop() need neither.
 */
import * as v from 'valibot';
import type { LothoDb, SessionRow } from '../db/index.ts';
import { ApiUserSchema } from '../contract/auth.ts';
import type { StaffApi } from './api.ts';
import { BACKGROUND_SYNC_TAG, SyncClient, type SyncRun } from './client.ts';
import { ReplicaStore } from './outbox.ts';
import type { TabLock } from './tab-lock.ts';

/** A window the worker can post to (a WindowClient). */
export interface MessageTarget {
  postMessage(message: unknown): void;
}

/** The part of the worker's `self.clients` used here. */
export interface WindowFinder {
  matchAll(options: { type: 'window'; includeUncontrolled: true }): Promise<readonly MessageTarget[]>;
}

/** The part of a SyncClient the worker runs (no start(): it needs a window). */
export interface BackgroundRunner {
  request(reason: 'background'): Promise<SyncRun>;
  stop(): Promise<void>;
}

export interface BackgroundSyncDeps {
  /** The worker's clients (`self.clients`). */
  clients: WindowFinder;
  /** The official kept on this device (db.session, key `current`). */
  session: () => Promise<SessionRow | undefined>;
  /** A sync client for the replica of official `owner`. */
  makeClient: (owner: string) => BackgroundRunner;
  /** The server answered 401: mark the session expired, as a tab would (stores/session.ts). */
  markExpired: () => Promise<void>;
}

/** What a `sync` event did (for tests and logs). */
export type BackgroundOutcome = 'forwarded' | 'signed-out' | 'expired' | 'skipped' | 'synced' | 'failed';

/** Rejects the event so that the browser fires it again later: the network is still missing. */
export class BackgroundSyncRetry extends Error {
  constructor() {
    super('background sync: no network, retry later');
    this.name = 'BackgroundSyncRetry';
  }
}

/** The owner of the replica to sync (the user id), or null when no official may sync on this device. */
export function officialOf(row: SessionRow | undefined): string | null {
  if (row === undefined || row.expired) return null;
  const user = v.safeParse(ApiUserSchema, row.user);
  return user.success ? String(user.output.id) : null;
}

/**
 * Handles one `sync` event with tag `lotho-sync`: forwards it to the open tabs, or syncs here.
 * Rejects with BackgroundSyncRetry when the worker's own run failed for want of a network.
 */
export async function backgroundSync(deps: BackgroundSyncDeps): Promise<BackgroundOutcome> {
  const windows = await deps.clients.matchAll({ type: 'window', includeUncontrolled: true });
  if (windows.length > 0) {
    for (const tab of windows) tab.postMessage({ type: BACKGROUND_SYNC_TAG });
    return 'forwarded';
  }
  const row = await deps.session();
  const owner = officialOf(row);
  if (owner === null) return row?.expired === true ? 'expired' : 'signed-out';
  const client = deps.makeClient(owner);
  let run: SyncRun;
  try {
    run = await client.request('background');
  } finally {
    // Cancels the retry timer a failed or skipped run leaves: the browser's retry replaces it here.
    await client.stop();
  }
  if (run.error?.kind === 'network') throw new BackgroundSyncRetry();
  if (run.error?.kind === 'auth') {
    await deps.markExpired();
    return 'expired';
  }
  if (run.skipped) return 'skipped';
  return run.ok ? 'synced' : 'failed';
}

/** The worker's dependencies over the app's database, the staff API and the tabs' lock. */
export function workerDeps(options: { clients: WindowFinder; db: LothoDb; api: StaffApi; lock: TabLock }): BackgroundSyncDeps {
  const { clients, db, api, lock } = options;
  return {
    clients,
    session: () => db.session.get('current'),
    makeClient: (owner) => new SyncClient({ replica: new ReplicaStore(db, owner), api, lock }),
    markExpired: async () => {
      await db.session.update('current', { expired: true });
    },
  };
}
