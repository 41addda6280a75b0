/**
 * Whether the server is busy answering: background work that can wait (the start's page renders,
 * each holding the event loop for ~0.1 s and a second core for ~1 s of font subsetting) waits for
 * a pause in the requests, so that requests do not queue behind it. On a region the start pass
 * has hundreds of renders to do: run while the county office's pages poll, they made the
 * oversight answers' p99 several hundred milliseconds. Work that must not wait (a publication's
 * own pages) does not ask.
 */

/** How long no request must have been in flight before background work runs. */
const QUIET_MS = 250;

export interface RequestActivity {
  /** Counts `answer` as a request in flight until it settles. */
  track<T>(answer: () => T | Promise<T>): Promise<T>;
  /** Resolves once no request has been in flight for QUIET_MS (at once when none was lately). */
  pause(): Promise<void>;
}

export function requestActivity(now: () => number = () => performance.now()): RequestActivity {
  let inFlight = 0;
  let lastSettled = -Infinity;
  const quietFor = (): number => (inFlight > 0 ? 0 : now() - lastSettled);
  return {
    async track(answer) {
      inFlight += 1;
      try {
        return await answer();
      } finally {
        inFlight -= 1;
        lastSettled = now();
      }
    },
    async pause() {
      for (let quiet = quietFor(); quiet < QUIET_MS; quiet = quietFor()) {
        // Unref'd: a server shutting down is not kept up by work waiting for it to be quiet.
        await new Promise<void>((resolve) => setTimeout(resolve, QUIET_MS - quiet).unref());
      }
    },
  };
}
