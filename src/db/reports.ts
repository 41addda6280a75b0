/**
 * Reads and writes of cached reports. Every function may throw (IndexedDB missing in a private
 * window, quota exceeded, a blocked upgrade): the reports store catches and falls back to the
 * network, so a failing database never leaves a blank page.
 */
import { toRaw } from 'vue';
import { db, type CachedList, type CachedReport } from './index.ts';

export type { CachedList, CachedReport };

/** The cached copy of a report, unchecked. */
export function getCachedReport(id: string): Promise<CachedReport | undefined> {
  return db.reports.get(id);
}

/** Every cached report, unchecked (the reports on this device). */
export function listCachedReports(): Promise<CachedReport[]> {
  return db.reports.toArray();
}

/**
 * Stores a copy. IndexedDB clones what it is given, and a Vue proxy cannot be cloned: the record
 * and its document are unwrapped first (conventions §10).
 */
export async function putCachedReport(record: CachedReport): Promise<void> {
  const raw = toRaw(record);
  await db.reports.put({ ...raw, document: toRaw(raw.document) });
}

/** Marks a cached copy as confirmed by the server at `fetchedAt` (a 304 answer). */
export async function touchCachedReport(id: string, fetchedAt: number): Promise<void> {
  await db.reports.update(id, { fetchedAt });
}

/** Drops a cached copy (e.g. one that no longer passes the schema). */
export function deleteCachedReport(id: string): Promise<void> {
  return db.reports.delete(id);
}

/** The cached report index, unchecked. */
export function getCachedIndex(): Promise<CachedList | undefined> {
  return db.lists.get('reports');
}

/** Stores the report index as received. */
export async function putCachedIndex(entries: unknown, fetchedAt: number): Promise<void> {
  await db.lists.put({ key: 'reports', entries: toRaw(entries), fetchedAt });
}
