/**
 * The reader's own database (src/db/reports.ts, idb): reports an older version kept in the
 * officials' Dexie database are copied over once, and a device that never had that database does
 * not get one from the copy.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LothoDb, type CachedReport } from '../../src/db/index.ts';

type ReportsModule = typeof import('../../src/db/reports.ts');

function record(id: string, fetchedAt: number): CachedReport {
  return { id, version: 1, etag: `"${id}"`, updatedAt: null, document: { id }, fetchedAt };
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => { resolve(); };
    request.onerror = () => { reject(request.error ?? new Error(`cannot delete ${name}`)); };
  });
}

/** The module afresh (it keeps its open database), as a new page would load it. */
async function freshModule(): Promise<ReportsModule> {
  vi.resetModules();
  return import('../../src/db/reports.ts');
}

let older: LothoDb | undefined;

afterEach(async () => {
  older?.close();
  older = undefined;
  vi.resetModules();
  await deleteDatabase('lotho-reports');
  await deleteDatabase('lotho');
});

describe('the reader\'s reports database', () => {
  it('copies the reports and the index an older version kept in the officials\' database', async () => {
    older = new LothoDb();
    await older.reports.bulkPut([record('a-2020', 5), record('b-2021', 6)]);
    await older.lists.put({ key: 'reports', entries: [{ id: 'a-2020' }], fetchedAt: 7 });
    older.close();

    const reports = await freshModule();
    expect((await reports.listCachedReports()).map((r) => r.id).sort()).toEqual(['a-2020', 'b-2021']);
    expect(await reports.getCachedReport('a-2020')).toEqual(record('a-2020', 5));
    expect((await reports.getCachedIndex())?.fetchedAt).toBe(7);
  });

  it('copies once: a copy dropped afterwards does not come back', async () => {
    older = new LothoDb();
    await older.reports.put(record('a-2020', 5));
    older.close();

    const first = await freshModule();
    await first.deleteCachedReport('a-2020');
    const second = await freshModule();
    expect(await second.listCachedReports()).toEqual([]);
  });

  it('creates no officials\' database on a device that has none', async () => {
    const reports = await freshModule();
    await reports.putCachedReport(record('a-2020', 5));
    expect(await reports.getCachedReport('a-2020')).toEqual(record('a-2020', 5));
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).toContain('lotho-reports');
    expect(names).not.toContain('lotho');
  });

  it('touches only the copy it is asked about', async () => {
    const reports = await freshModule();
    await reports.putCachedReport(record('a-2020', 5));
    await reports.touchCachedReport('a-2020', 9);
    await reports.touchCachedReport('no-such-report', 9);
    expect((await reports.getCachedReport('a-2020'))?.fetchedAt).toBe(9);
    expect(await reports.getCachedReport('no-such-report')).toBeUndefined();
  });
});
