/**
 * The replica's bookkeeping row (ReplicaStore.meta) is read after every change, by the status line,
 * the editor and the sync: once the row exists, reading it takes no write lock, so it answers
 * beside another reader of `replicas` instead of queueing behind it (and making every write queue
 * behind itself).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ReplicaStore } from '../../../src/sync/outbox.ts';
import { freshDb, replicaOn } from './helpers.ts';

const ROUNDS = 500;

/**
 * A read-only transaction on `replicas` kept busy, one read after another, until `stop()` says so
 * or `ROUNDS` reads were made. Resolves to the number of reads once it has completed.
 */
function busyReader(idb: IDBDatabase, stop: () => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction('replicas', 'readonly');
    const store = tx.objectStore('replicas');
    let reads = 0;
    const next = (): void => {
      reads += 1;
      if (stop() || reads >= ROUNDS) return;
      store.count().onsuccess = next;
    };
    store.count().onsuccess = next;
    tx.oncomplete = () => {
      resolve(reads);
    };
    tx.onabort = () => {
      reject(tx.error ?? new Error('aborted'));
    };
  });
}

describe('ReplicaStore.meta', () => {
  it('reads an existing row while another transaction reads replicas, without waiting for it to end', async () => {
    const db = freshDb();
    const replica = await replicaOn(db);
    let answered = false;
    const reader = busyReader(db.backendDB(), () => answered);
    const row = await replica.meta().then((found) => {
      answered = true;
      return found;
    });
    // A read-write transaction would have started only after the reader's last read.
    expect(await reader).toBeLessThan(ROUNDS);
    expect(row.owner).toBe('1');
    db.close();
  });

  it('creates the row the first time, with a client id it keeps', async () => {
    const db = freshDb();
    const replica = new ReplicaStore(db, '7');
    const first = await replica.meta();
    const again = await new ReplicaStore(db, '7').meta();
    expect(first).toMatchObject({ owner: '7', nextSeq: 1, cursor: 0, lastSuccessAt: null, lastError: null });
    expect(again.clientId).toBe(first.clientId);
    expect(await db.replicas.count()).toBe(1);
    db.close();
  });
});
