/**
 * Group commit of pushes on SQLite: the pushes that arrive in one turn of the event loop are
 * written in one IMMEDIATE transaction, each in a savepoint of its own, and each is answered once
 * that transaction has committed. As durable as one transaction a push (each answer still waits for
 * the commit that holds it, in the WAL with synchronous=NORMAL) and decided the same way (in order,
 * each push reading what the ones before it wrote), but a commit's fixed cost (its locks, the WAL
 * frames of the index pages every push touches, written again by each) is paid once per turn: with
 * 50 devices pushing one edit at a time, several pushes share each commit.
 *
 * A push refused by the storage (StorageError: a draft of another agency) rolls back its savepoint
 * only; the others are written. Anything else failing (SQLite busy past its timeout, the disk full)
 * rolls back the whole group, and each push is then tried alone as before, so that one push's
 * failure is never another's.
 */
import { setImmediate } from 'node:timers';
import type Database from 'better-sqlite3';
import { StorageError } from '../types.ts';

interface Pending<A, R> {
  args: A;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: StorageError };

export interface GroupCommit<A, R> {
  /** Queues `args` for the turn's transaction; resolves once it has committed. */
  (args: A): Promise<R>;
  /** Writes what is queued now (before another statement that must see it). */
  flush(): void;
}

/**
 * `write(args, at)` is one push's writes, a better-sqlite3 transaction function: called inside the
 * group's transaction it runs as a savepoint, alone as an IMMEDIATE transaction of its own. `now`
 * gives the one time of each group.
 */
export function groupCommit<A, R>(db: Database.Database, write: Database.Transaction<(args: A, at: string) => R>, now: () => Date): GroupCommit<A, R> {
  let pending: Pending<A, R>[] = [];
  const group = db.transaction((items: readonly Pending<A, R>[], at: string): Outcome<R>[] =>
    items.map((item) => {
      try {
        return { ok: true, value: write(item.args, at) };
      } catch (error) {
        if (error instanceof StorageError) return { ok: false, error };
        throw error;
      }
    }),
  );
  const eachAlone = (items: readonly Pending<A, R>[], at: string): void => {
    for (const item of items) {
      try {
        item.resolve(write.immediate(item.args, at));
      } catch (error) {
        item.reject(error);
      }
    }
  };

  const flush = (): void => {
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    const at = now().toISOString();
    // One push in the turn (a quiet server): its own transaction, without a savepoint in another.
    if (items.length === 1) {
      eachAlone(items, at);
      return;
    }
    let outcomes: Outcome<R>[];
    try {
      outcomes = group.immediate(items, at);
    } catch {
      eachAlone(items, at);
      return;
    }
    outcomes.forEach((outcome, i) => {
      const item = items[i];
      if (item === undefined) return;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  };

  const enqueue = (args: A): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      // setImmediate runs after the poll phase: every request read in this turn has queued its push.
      // Node's own, not the global a test's fake timers replace: a commit is not a timer.
      if (pending.length === 0) setImmediate(flush);
      pending.push({ args, resolve, reject });
    });
  return Object.assign(enqueue, { flush });
}
