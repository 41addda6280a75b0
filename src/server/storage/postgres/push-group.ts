/**
 * Group commit of pushes on PostgreSQL. A push is about ten round trips to the server (BEGIN, the
 * reads, the writes, COMMIT), each a system call on both sides: with one edit per push they were
 * most of its cost. So the pushes that arrive while a group is being written wait and then form
 * the next group: one transaction, read and written with the same ten statements whatever its
 * size, each push decided in order on what the ones before it wrote (as one push after another
 * would be, drafts.ts), each answered once the transaction has committed.
 *
 * A push refused by the storage (StorageError: a draft of another agency) is refused alone, the
 * others written. Anything else failing the group (a value PostgreSQL refuses, the connection
 * lost) runs each of its pushes again on its own, so that one push's failure is never another's.
 */
import { setImmediate } from 'node:timers';
import { StorageError } from '../types.ts';

interface Pending<A, R> {
  args: A;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** A push's outcome within its group: its result, or the StorageError that refuses it alone. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: StorageError };

/** At most this many groups in flight at once: a group waiting on a lock does not stop every push. */
const GROUPS_IN_FLIGHT = 2;
/** At most this many mutations in a group (a push has at most 500): its arrays stay small. */
const GROUP_MUTATIONS = 2_000;

/**
 * `write(items)` writes a group in one transaction and gives each item's outcome, in order;
 * `size(args)` is an item's number of mutations.
 */
export function pushGroups<A, R>(write: (items: readonly A[]) => Promise<Outcome<R>[]>, size: (args: A) => number): (args: A) => Promise<R> {
  let queue: Pending<A, R>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const settle = (item: Pending<A, R>, outcome: Outcome<R> | undefined, fallback: unknown): void => {
    if (outcome === undefined) item.reject(fallback);
    else if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  };

  const writeGroup = async (items: readonly Pending<A, R>[]): Promise<void> => {
    let outcomes: Outcome<R>[];
    try {
      outcomes = await write(items.map((item) => item.args));
    } catch (error) {
      if (items.length === 1 && items[0] !== undefined) {
        items[0].reject(error);
        return;
      }
      // Each alone, in order: one push's failure must not be another's.
      for (const item of items) {
        try {
          const [outcome] = await write([item.args]);
          settle(item, outcome, new Error('a push had no outcome'));
        } catch (alone) {
          item.reject(alone);
        }
      }
      return;
    }
    items.forEach((item, i) => {
      settle(item, outcomes[i], new Error('a push had no outcome'));
    });
  };

  const next = (): void => {
    scheduled = false;
    while (inFlight < GROUPS_IN_FLIGHT && queue.length > 0) {
      let mutations = 0;
      let count = 0;
      for (const item of queue) {
        if (count > 0 && mutations + size(item.args) > GROUP_MUTATIONS) break;
        mutations += size(item.args);
        count += 1;
      }
      const items = queue.slice(0, count);
      queue = queue.slice(count);
      inFlight += 1;
      void writeGroup(items).finally(() => {
        inFlight -= 1;
        next();
      });
    }
  };

  return (args) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ args, resolve, reject });
      // After the poll phase: every request read in this turn has queued its push first.
      if (!scheduled && inFlight < GROUPS_IN_FLIGHT) {
        scheduled = true;
        setImmediate(next);
      }
    });
}
