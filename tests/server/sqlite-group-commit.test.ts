/**
 * sqlite/group-commit.ts: pushes queued in one turn share a transaction, yet each stands alone —
 * a StorageError rolls back its own savepoint, any other failure makes each be tried by itself.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/server/storage/sqlite/group-commit.ts';
import { StorageError } from '../../src/server/storage/types.ts';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function table() {
  const db = new Database(':memory:');
  open.push(db);
  db.exec('CREATE TABLE t (v TEXT NOT NULL)');
  const insert = db.prepare<[string]>('INSERT INTO t (v) VALUES (?)');
  const rows = () => db.prepare('SELECT v FROM t ORDER BY rowid').pluck().all();
  const write = db.transaction((v: string, at: string) => {
    insert.run(v);
    if (v.startsWith('refuse')) throw new StorageError('forbidden', v);
    return `${v}@${at}`;
  });
  return { db, rows, write };
}

describe('SQLite group commit', () => {
  it('answers each push of a turn after one commit, a refused one alone rolled back', async () => {
    const { db, rows, write } = table();
    const push = groupCommit(db, write, () => new Date(0));
    const outcomes = await Promise.allSettled(['a', 'refuse b', 'c'].map((v) => push(v)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      'a@1970-01-01T00:00:00.000Z', 'forbidden: refuse b', 'c@1970-01-01T00:00:00.000Z',
    ]);
    expect(rows()).toEqual(['a', 'c']);
  });

  it('tries each push by itself when the group fails otherwise', async () => {
    const { db, rows } = table();
    const insert = db.prepare<[string]>('INSERT INTO t (v) VALUES (?)');
    let groups = 0;
    // Fails inside the group's transaction only the first time: the disk full, a lock timed out.
    const write = db.transaction((v: string) => {
      insert.run(v);
      if (v === 'fail' && groups === 0) {
        groups += 1;
        throw new Error('disk full');
      }
      if (v === 'always') throw new Error('broken');
      return v;
    });
    const push = groupCommit(db, write, () => new Date(0));
    const outcomes = await Promise.allSettled(['a', 'fail', 'always', 'd'].map((v) => push(v)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['a', 'fail', 'broken', 'd']);
    expect(rows()).toEqual(['a', 'fail', 'd']);
  });

  it('writes what is queued before a statement asked for later', () => {
    const { db, rows, write } = table();
    const push = groupCommit(db, write, () => new Date(0));
    void push('a');
    expect(rows()).toEqual([]);
    push.flush();
    expect(rows()).toEqual(['a']);
  });
});
