/**
 * Background Sync in the service worker (src/sync/background.ts), with fakes for the worker's
 * clients, the session row and the sync client: open tabs are told and sync themselves; with none,
 * the worker syncs the signed-in official's replica, and asks the browser to retry only when the
 * network was missing. (background-worker.test.ts runs it over a real replica.)
 */
import { describe, expect, it, vi } from 'vitest';
import type { SessionRow } from '../../../src/db/index.ts';
import { BackgroundSyncRetry, backgroundSync, officialOf, type BackgroundSyncDeps, type MessageTarget } from '../../../src/sync/background.ts';
import type { SyncError, SyncRun } from '../../../src/sync/client.ts';

const USER = { id: 7, username: 'zhuoma', role: 'editor', agency: { id: 'qingduo', zh: '波密县倾多镇人民政府', level: 'township' } };

function sessionRow(over: Partial<SessionRow> = {}): SessionRow {
  return { key: 'current', user: USER, expiresAt: '2030-01-01T00:00:00.000Z', expired: false, ...over };
}

function run(over: Partial<SyncRun> = {}): SyncRun {
  return { ok: true, skipped: false, pushed: 1, pulled: 0, error: null, ...over };
}

function failed(kind: SyncError['kind']): SyncRun {
  return run({ ok: false, pushed: 0, error: { kind, code: null, at: 0 } });
}

/** Deps over fakes: `tabs` open windows, the kept `row`, and a client whose run ends as `result`. */
function fakes(options: { tabs?: number; row?: SessionRow; result?: SyncRun }) {
  const tabs = Array.from({ length: options.tabs ?? 0 }, () => ({ postMessage: vi.fn<(message: unknown) => void>() }));
  const request = vi.fn<(reason: 'background') => Promise<SyncRun>>(() => Promise.resolve(options.result ?? run()));
  const stop = vi.fn(() => Promise.resolve());
  const makeClient = vi.fn<BackgroundSyncDeps['makeClient']>(() => ({ request, stop }));
  const session = vi.fn(() => Promise.resolve(options.row));
  const markExpired = vi.fn(() => Promise.resolve());
  const matchAll = vi.fn<BackgroundSyncDeps['clients']['matchAll']>(() => Promise.resolve<readonly MessageTarget[]>(tabs));
  const deps: BackgroundSyncDeps = { clients: { matchAll }, session, makeClient, markExpired };
  return { deps, tabs, request, stop, makeClient, session, markExpired, matchAll };
}

describe('background sync with a tab open', () => {
  it('tells every window of the origin, controlled or not, and syncs nothing itself', async () => {
    const f = fakes({ tabs: 2, row: sessionRow() });
    expect(await backgroundSync(f.deps)).toBe('forwarded');
    expect(f.matchAll).toHaveBeenCalledWith({ type: 'window', includeUncontrolled: true });
    for (const tab of f.tabs) expect(tab.postMessage).toHaveBeenCalledWith({ type: 'lotho-sync' });
    expect(f.session).not.toHaveBeenCalled();
    expect(f.makeClient).not.toHaveBeenCalled();
  });
});

describe('background sync with no tab open', () => {
  it('syncs the signed-in official\'s replica, then stops the client (no retry timer left in the worker)', async () => {
    const f = fakes({ row: sessionRow() });
    expect(await backgroundSync(f.deps)).toBe('synced');
    expect(f.makeClient).toHaveBeenCalledWith('7');
    expect(f.request).toHaveBeenCalledWith('background');
    expect(f.stop).toHaveBeenCalledOnce();
  });

  it('does nothing without an official on the device, with an expired session, or with a row it cannot read', async () => {
    for (const [row, outcome] of [
      [undefined, 'signed-out'],
      [sessionRow({ expired: true }), 'expired'],
      [sessionRow({ user: { id: 'seven' } }), 'signed-out'],
    ] as const) {
      const f = fakes({ row });
      expect(await backgroundSync(f.deps)).toBe(outcome);
      expect(f.makeClient).not.toHaveBeenCalled();
    }
  });

  it('rejects when the network is still missing, so that the browser fires the event again later', async () => {
    const f = fakes({ row: sessionRow(), result: failed('network') });
    await expect(backgroundSync(f.deps)).rejects.toBeInstanceOf(BackgroundSyncRetry);
    expect(f.stop).toHaveBeenCalledOnce();
  });

  it('marks the session expired on a 401, as a tab would, and does not ask for a retry', async () => {
    const f = fakes({ row: sessionRow(), result: failed('auth') });
    expect(await backgroundSync(f.deps)).toBe('expired');
    expect(f.markExpired).toHaveBeenCalledOnce();
  });

  it('does not ask for a retry when the server refused or failed (the tabs retry on their triggers)', async () => {
    for (const kind of ['server', 'validation'] as const) {
      const f = fakes({ row: sessionRow(), result: failed(kind) });
      expect(await backgroundSync(f.deps)).toBe('failed');
      expect(f.markExpired).not.toHaveBeenCalled();
    }
  });

  it('leaves the run to a tab that holds the sync lock', async () => {
    const f = fakes({ row: sessionRow(), result: run({ ok: false, skipped: true, pushed: 0 }) });
    expect(await backgroundSync(f.deps)).toBe('skipped');
  });
});

describe('officialOf', () => {
  it('names the replica by the user id, as the session store does', () => {
    expect(officialOf(sessionRow())).toBe('7');
    expect(officialOf(sessionRow({ expired: true }))).toBeNull();
    expect(officialOf(undefined)).toBeNull();
  });
});
