/**
 * A read shared by the requests that need it at once, never older than any of them: a request
 * joins a read only if that read began after the request arrived; otherwise it waits for the next
 * one, which every request arriving meanwhile shares. So a change committed before a request
 * arrived is always seen by it, and 20 concurrent requests for one oversight answer make one or
 * two reads of its stamp instead of twenty (each a PostgreSQL round trip, on the machine the
 * server shares with the database).
 */
export function freshReads<T>(read: (key: string) => Promise<T>): (key: string) => Promise<T> {
  /** Per key: the read in flight (begun before any later arrival), and the one queued after it. */
  interface Reads {
    running: Promise<T>;
    next?: Promise<T>;
  }
  const reads = new Map<string, Reads>();

  const start = (key: string, pending: Promise<T>): void => {
    const entry: Reads = { running: pending };
    reads.set(key, entry);
    void pending
      .catch(() => undefined)
      .then(() => {
        if (reads.get(key) !== entry) return;
        if (entry.next === undefined) reads.delete(key);
        else start(key, entry.next);
      });
  };

  return (key) => {
    const entry = reads.get(key);
    if (entry === undefined) {
      const pending = read(key);
      start(key, pending);
      return pending;
    }
    // The running read may have begun before this request: the next one, begun after it ends.
    entry.next ??= entry.running.catch(() => undefined).then(() => read(key));
    return entry.next;
  };
}
