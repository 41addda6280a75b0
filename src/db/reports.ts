/**
 * Reads and writes of cached reports, in their own small database ("lotho-reports") through idb,
 * not through Dexie: a resident's report page keeps its report for offline reading on every visit,
 * and Dexie (27 KiB of a reader page's 110) is then never loaded on the residents' pages. The
 * officials' database (index.ts, Dexie) keeps its older `reports` and `lists` tables, which are
 * copied here once (`copyFromOfficialsDatabase`) so that a device updated from a version that
 * kept reports there still has them.
 *
 * Every function may throw (IndexedDB missing in a private window, quota exceeded, a blocked
 * upgrade): the reports store catches and falls back to the network, so a failing database never
 * leaves a blank page.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { toRaw } from 'vue';
import type { CachedList, CachedReport } from './index.ts';
import { abortOnPageCache } from './page-cache.ts';

export type { CachedList, CachedReport };

export const REPORTS_DB_NAME = 'lotho-reports';
/** The database that kept reports before this one (the officials' Dexie database, index.ts). */
const OLDER_DB_NAME = 'lotho';

interface ReportsSchema extends DBSchema {
  reports: { key: string; value: CachedReport; indexes: { fetchedAt: number } };
  lists: { key: 'reports'; value: CachedList };
  /** `copied`: the older database's reports were copied here (done once, also when there were none). */
  meta: { key: 'copied'; value: { key: 'copied'; at: number } };
}

type ReportsDb = IDBPDatabase<ReportsSchema>;
type Store = StoreNames<ReportsSchema>;

/**
 * Transactions still open, aborted when the page goes into the back/forward cache: a frozen page
 * never finishes them, and every other page of the app would wait for the stores they hold (the
 * same mechanism as the officials' database: page-cache.ts).
 */
const openTransactions = new Set<{ abort(): void }>();
if (typeof window !== 'undefined') abortOnPageCache(openTransactions, window);

let opened: Promise<ReportsDb> | undefined;

/** The database, opened once (a failed open is retried on the next call). */
function database(): Promise<ReportsDb> {
  opened ??= openReportsDb().catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

async function openReportsDb(): Promise<ReportsDb> {
  const db = await openDB<ReportsSchema>(REPORTS_DB_NAME, 1, {
    upgrade(upgrading) {
      const has = (store: Store): boolean => upgrading.objectStoreNames.contains(store);
      if (!has('reports')) upgrading.createObjectStore('reports', { keyPath: 'id' }).createIndex('fetchedAt', 'fetchedAt');
      if (!has('lists')) upgrading.createObjectStore('lists', { keyPath: 'key' });
      if (!has('meta')) upgrading.createObjectStore('meta', { keyPath: 'key' });
    },
    // A newer version of the app wants to upgrade it in another tab: let it.
    blocking() {
      db.close();
      opened = undefined;
    },
    terminated() {
      opened = undefined;
    },
  });
  if ((await db.get('meta', 'copied')) === undefined) await copyFromOfficialsDatabase(db);
  return db;
}

/**
 * Copies the reports and the index an older version kept in the officials' database, unless this
 * database has a newer copy. The older database is only read, and never created: a device that
 * has none gets none.
 */
async function copyFromOfficialsDatabase(db: ReportsDb): Promise<void> {
  let older: IDBPDatabase | undefined;
  try {
    older = await openDB(OLDER_DB_NAME, undefined, {
      // It did not exist: opening it without a version would create it. The abort undoes that.
      upgrade(_db, _oldVersion, _newVersion, transaction) {
        // Its `done` rejects with the abort: expected, not an error to report.
        transaction.done.catch(() => undefined);
        transaction.abort();
      },
    });
  } catch {
    older = undefined;
  }
  const reports: CachedReport[] = [];
  const lists: CachedList[] = [];
  if (older !== undefined) {
    try {
      if (older.objectStoreNames.contains('reports')) reports.push(...((await older.getAll('reports')) as CachedReport[]));
      if (older.objectStoreNames.contains('lists')) lists.push(...((await older.getAll('lists')) as CachedList[]));
    } finally {
      older.close();
    }
  }
  const tx = db.transaction(['reports', 'lists', 'meta'], 'readwrite');
  for (const report of reports) {
    const here = await tx.objectStore('reports').get(report.id);
    if (here === undefined || here.fetchedAt < report.fetchedAt) await tx.objectStore('reports').put(report);
  }
  for (const list of lists) {
    const here = await tx.objectStore('lists').get(list.key);
    if (here === undefined || here.fetchedAt < list.fetchedAt) await tx.objectStore('lists').put(list);
  }
  await tx.objectStore('meta').put({ key: 'copied', at: Date.now() });
  await tx.done;
}

/** Runs `work` in one transaction on `stores`, which the back/forward cache can abort. */
async function inTransaction<S extends Store, Mode extends IDBTransactionMode, T>(
  stores: S[],
  mode: Mode,
  work: (tx: IDBPTransaction<ReportsSchema, S[], Mode>) => Promise<T>,
): Promise<T> {
  const tx = (await database()).transaction(stores, mode);
  openTransactions.add(tx);
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } finally {
    openTransactions.delete(tx);
  }
}

/** The cached copy of a report, unchecked. */
export function getCachedReport(id: string): Promise<CachedReport | undefined> {
  return inTransaction(['reports'], 'readonly', (tx) => tx.objectStore('reports').get(id));
}

/** Every cached report, unchecked (the reports on this device). */
export function listCachedReports(): Promise<CachedReport[]> {
  return inTransaction(['reports'], 'readonly', (tx) => tx.objectStore('reports').getAll());
}

/**
 * Stores a copy. IndexedDB clones what it is given, and a Vue proxy cannot be cloned: the record
 * and its document are unwrapped first (conventions §10).
 */
export async function putCachedReport(record: CachedReport): Promise<void> {
  const raw = toRaw(record);
  await inTransaction(['reports'], 'readwrite', (tx) => tx.objectStore('reports').put({ ...raw, document: toRaw(raw.document) }));
}

/** Marks a cached copy as confirmed by the server at `fetchedAt` (a 304 answer). */
export async function touchCachedReport(id: string, fetchedAt: number): Promise<void> {
  await inTransaction(['reports'], 'readwrite', async (tx) => {
    const store = tx.objectStore('reports');
    const record = await store.get(id);
    if (record !== undefined) await store.put({ ...record, fetchedAt });
  });
}

/** Drops a cached copy (e.g. one that no longer passes the schema). */
export async function deleteCachedReport(id: string): Promise<void> {
  await inTransaction(['reports'], 'readwrite', (tx) => tx.objectStore('reports').delete(id));
}

/** The cached report index, unchecked. */
export function getCachedIndex(): Promise<CachedList | undefined> {
  return inTransaction(['lists'], 'readonly', (tx) => tx.objectStore('lists').get('reports'));
}

/** Stores the report index as received. */
export async function putCachedIndex(entries: unknown, fetchedAt: number): Promise<void> {
  await inTransaction(['lists'], 'readwrite', (tx) => tx.objectStore('lists').put({ key: 'reports', entries: toRaw(entries), fetchedAt }));
}

/** Empties the reports database (tests; a device reset). */
export async function clearCachedReports(): Promise<void> {
  await inTransaction(['reports', 'lists'], 'readwrite', async (tx) => {
    await Promise.all([tx.objectStore('reports').clear(), tx.objectStore('lists').clear()]);
  });
}
