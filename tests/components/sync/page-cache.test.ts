// @vitest-environment happy-dom
/**
 * A page going into the back/forward cache aborts its open IndexedDB transactions (db/page-cache.ts):
 * frozen there, they would hold their stores from every other page of the app (WebKit).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { abortTransactionsOnPageCache } from '../../../src/db/page-cache.ts';
import type { ReplicaRow } from '../../../src/db/index.ts';
import { freshDb } from './helpers.ts';

function row(owner: string): ReplicaRow {
  return { owner, clientId: `c${owner}`, nextSeq: 1, cursor: 0, lastSuccessAt: null, lastError: null };
}

function pagehide(persisted: boolean): Event {
  return Object.assign(new Event('pagehide'), { persisted });
}

/** A write of two rows, the page hidden between them. */
async function writeWhileHidden(persisted: boolean): Promise<{ outcome: string; rows: number; after: number }> {
  const db = freshDb();
  const page = new EventTarget();
  abortTransactionsOnPageCache(db, page);
  await db.open();
  const outcome = await db
    .transaction('rw', db.replicas, async () => {
      await db.replicas.put(row('1'));
      page.dispatchEvent(pagehide(persisted));
      await db.replicas.put(row('2'));
    })
    .then(
      () => 'committed',
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    );
  const rows = await db.replicas.count();
  // The page shown again: its database works as before.
  await db.replicas.put(row('3'));
  const after = await db.replicas.count();
  db.close();
  return { outcome, rows, after };
}

describe('abortTransactionsOnPageCache', () => {
  it('aborts a transaction still open when the page is put into the back/forward cache', async () => {
    const { outcome, rows, after } = await writeWhileHidden(true);
    // The write after the abort is refused (InvalidStateError), or the abort itself is reported.
    expect(['AbortError', 'InvalidStateError']).toContain(outcome);
    expect({ rows, after }).toEqual({ rows: 0, after: 1 });
  });

  it('leaves it alone when the page is unloaded (the browser ends it) or was never cached', async () => {
    expect(await writeWhileHidden(false)).toEqual({ outcome: 'committed', rows: 2, after: 3 });
  });
});
