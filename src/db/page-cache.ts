/**
 * A page put into the back/forward cache keeps its IndexedDB transactions open: it is frozen, so
 * the answers to its pending requests are never delivered and its transactions never finish.
 * WebKit (every iPhone browser) keeps such a page cached all the same, and every other page of
 * the app then waits for the stores those transactions hold: seen in WebKitGTK, a sync cut off
 * by a navigation left a write to `replicas` open in the cached page, and the next page's editor
 * stayed on "loading" and its sync never ran.
 *
 * So when the page is put away (`pagehide` with `persisted`), the transactions it still has open
 * are aborted, as unloading the page would have aborted them. Nothing is lost that an unload would
 * not lose: typed values are kept in sessionStorage until saved (stores/unsaved-edits.ts) and the
 * outbox only drops an entry the server acknowledged; an aborted run of the sync fails and is
 * retried when the page is shown again.
 */
import type { DBCore, DBCoreTransaction, Dexie, Middleware } from 'dexie';

type Closable = DBCoreTransaction & Pick<IDBTransaction, 'addEventListener'>;

/** Dexie's core transaction is the IDBTransaction itself (Dexie 4); anything else is left alone. */
function isIdbTransaction(tx: DBCoreTransaction): tx is Closable {
  return typeof (tx as Partial<Closable>).addEventListener === 'function';
}

/** Aborts `db`'s open transactions whenever `page` goes into the back/forward cache. */
export function abortTransactionsOnPageCache(db: Dexie, page: Pick<EventTarget, 'addEventListener'>): void {
  const open = new Set<Closable>();
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'abort-on-page-cache',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        const tx = down.transaction(stores, mode, options);
        if (isIdbTransaction(tx)) {
          open.add(tx);
          const done = (): void => {
            open.delete(tx);
          };
          for (const type of ['complete', 'abort', 'error'] as const) tx.addEventListener(type, done);
        }
        return tx;
      },
    }),
  };
  db.use(middleware);
  abortOnPageCache(open, page);
}

/**
 * Aborts the transactions in `open` (which their owner keeps up to date) whenever `page` goes into
 * the back/forward cache, and forgets them. Also used by the reports' own database (reports.ts).
 */
export function abortOnPageCache(open: Set<{ abort(): void }>, page: Pick<EventTarget, 'addEventListener'>): void {
  page.addEventListener('pagehide', (event) => {
    // Not kept (an unload): the browser aborts them itself.
    if (!('persisted' in event) || event.persisted !== true) return;
    for (const tx of open) {
      try {
        tx.abort();
      } catch {
        // Finished meanwhile (its event not dispatched yet).
      }
    }
    open.clear();
  });
}
