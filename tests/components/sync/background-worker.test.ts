/**
 * The service worker's Background Sync (src/sync/background.ts) over a real replica in
 * fake-indexeddb and the fake staff API. Run without a DOM (node, no `window` nor `document`), as
 * in a worker: with no tab open the worker sends the outbox itself, keeps it when the network is
 * missing (and asks the browser to retry), and marks the session expired on a 401.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LothoDb } from '../../../src/db/index.ts';
import { staffApi } from '../../../src/sync/api.ts';
import { BackgroundSyncRetry, backgroundSync, workerDeps, type MessageTarget } from '../../../src/sync/background.ts';
import { SyncClient } from '../../../src/sync/client.ts';
import type { ReplicaStore } from '../../../src/sync/outbox.ts';
import { localLock } from '../../../src/sync/tab-lock.ts';
import { FakeApi, apiUser } from './fake-api.ts';
import { RECEIVED, blankDraft, freshDb, replicaOn } from './helpers.ts';

let api: FakeApi;
let db: LothoDb;
let replica: ReplicaStore;
let draftId: string;

/** The worker's clients: `tabs` windows open, each keeping what it was sent. */
function windows(tabs: MessageTarget[] = []) {
  return { matchAll: () => Promise.resolve(tabs) };
}

function sync(tabs: MessageTarget[] = []) {
  return backgroundSync(workerDeps({ clients: windows(tabs), db, api: staffApi(api.fetch), lock: localLock() }));
}

beforeEach(async () => {
  expect(typeof window).toBe('undefined');
  api = new FakeApi();
  db = freshDb();
  replica = await replicaOn(db, '1');
  draftId = api.createDraft(blankDraft()).id;
  // The official drafted in a tab (which synced once), signed in, then closed it with an edit unsent.
  const tab = new SyncClient({ replica, api: staffApi(api.fetch) });
  expect((await tab.request('start')).ok).toBe(true);
  await tab.stop();
  await db.session.put({ key: 'current', user: apiUser(1), expiresAt: '2030-01-01T00:00:00.000Z', expired: false });
  await replica.edit(draftId, RECEIVED, 12);
});

describe('the service worker\'s background sync', () => {
  it('sends the outbox itself when no tab is open', async () => {
    expect(await sync()).toBe('synced');
    expect(api.value(draftId, RECEIVED)).toBe(12);
    expect(await replica.pending()).toEqual([]);
    expect((await replica.meta()).lastSuccessAt).not.toBeNull();
  });

  it('leaves the sync to the open tabs', async () => {
    const received: unknown[] = [];
    expect(await sync([{ postMessage: (message) => received.push(message) }])).toBe('forwarded');
    expect(received).toEqual([{ type: 'lotho-sync' }]);
    expect(api.pushes).toEqual([]);
  });

  it('keeps the outbox and asks the browser to retry when the network is still missing', async () => {
    api.fail('/api/sync/push', 'network');
    await expect(sync()).rejects.toBeInstanceOf(BackgroundSyncRetry);
    expect(await replica.pending()).toHaveLength(1);
    expect((await replica.meta()).lastError).toMatchObject({ kind: 'network' });
  });

  it('marks the session expired on a 401 and keeps the outbox; an expired session is not synced again', async () => {
    api.sessionValid = false;
    expect(await sync()).toBe('expired');
    expect((await db.session.get('current'))?.expired).toBe(true);
    expect(await replica.pending()).toHaveLength(1);

    api.sessionValid = true;
    const before = api.requests.length;
    expect(await sync()).toBe('expired');
    expect(api.requests.length).toBe(before);
  });

  it('does nothing once the official signed out', async () => {
    await db.session.delete('current');
    expect(await sync()).toBe('signed-out');
    expect(api.pushes).toEqual([]);
  });
});
