/**
 * SQLite's WAL checkpoints on a thread of their own (storage/sqlite/checkpointer.ts): the server's
 * commits never wait for one, the worker moves the committed pages into the database file, and
 * close() leaves every commit in the file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * The WAL index's own account (the -shm file, SQLite's wal.c): the last frame committed to the WAL
 * (mxFrame, in the header) and how many of them a checkpoint has copied into the database (nBackfill).
 */
function walIndex(path: string): { mxFrame: number; nBackfill: number } {
  const shm = readFileSync(`${path}-shm`);
  const u32 = (offset: number) => (endianness() === 'LE' ? shm.readUInt32LE(offset) : shm.readUInt32BE(offset));
  return { mxFrame: u32(16), nBackfill: u32(96) };
}

async function withEdits(backgroundCheckpoints: boolean): Promise<{ storage: ServerStorage; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lotho-checkpoints-'));
  dirs.push(dir);
  const path = join(dir, 'lotho.sqlite');
  const storage = openSqliteStorage({ path, backgroundCheckpoints });
  await storage.migrate();
  await storage.createAgency({ id: 'ta', nameZh: '甲镇人民政府', level: 'township' });
  const user = await storage.createUser({ username: 'ua', agencyId: 'ta', role: 'editor', passwordHash: 'x' });
  await storage.createDraft({ id: 'd1', agencyId: 'ta', reportId: 'ta-2024', year: 2024, template: '2021', source: 'blank', createdBy: user.id, fields: [] });
  // Far fewer pages than SQLite's own automatic checkpoint waits for (1,000).
  for (let seq = 1; seq <= 20; seq += 1) {
    await storage.pushMutations({ userId: user.id, agencyId: 'ta' }, [{ clientId: 'c1', seq, draftId: 'd1', field: 'cell:x', value: seq, baseRev: 0 }]);
  }
  return { storage, path };
}

async function backfilled(path: string, withinMs: number): Promise<{ mxFrame: number; nBackfill: number }> {
  const until = Date.now() + withinMs;
  let index = walIndex(path);
  while (index.nBackfill < index.mxFrame && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    index = walIndex(path);
  }
  return index;
}

describe('SQLite checkpoints on a worker thread', () => {
  it('copies the committed pages into the database file without a commit doing it', async () => {
    const { storage, path } = await withEdits(true);
    const index = await backfilled(path, 10_000);
    expect(index.mxFrame).toBeGreaterThan(0);
    expect(index.nBackfill).toBe(index.mxFrame);
    await storage.close();
  });

  it('without it, the same commits stay in the WAL until SQLite checkpoints inside a commit', async () => {
    const { storage, path } = await withEdits(false);
    const index = await backfilled(path, 300);
    expect(index.mxFrame).toBeGreaterThan(0);
    expect(index.nBackfill).toBe(0);
    await storage.close();
  });

  it('close() stops the thread and leaves every commit in the database file', async () => {
    const { storage, path } = await withEdits(true);
    await storage.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const again = openSqliteStorage({ path });
    const snapshot = await again.draftSnapshot('d1');
    expect(snapshot?.fields.get('cell:x')).toEqual({ value: 20, rev: 20 });
    await again.close();
  });
});
