/**
 * One tab syncs at a time. With the Web Locks API (every current browser) the lock is
 * `navigator.locks.request(name, {ifAvailable: true})`: a tab that finds it taken skips its turn,
 * because the holder is syncing the same IndexedDB. Without it (old WebViews) a BroadcastChannel
 * claim: a tab announces it is syncing, and a tab that heard a live claim from another skips.
 * The service worker takes the same lock when it syncs with no tab open (navigator.locks and
 * BroadcastChannel exist in workers too; nothing here needs a window). Correctness never depends
 * on the lock (seqs are handed out in IndexedDB transactions and the server acknowledges a repeat
 * again); it only saves duplicate requests.
 */

/** The lock every tab (and the service worker, sync/background.ts) takes to sync. */
export const SYNC_LOCK = 'lotho-sync';

/** Runs `task` if this tab gets the lock; resolves to false (without running it) when another tab holds it. */
export type TabLock = (task: () => Promise<void>) => Promise<boolean>;

interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<void>): Promise<void>;
}

/** The Web Locks API lock. */
export function webLock(locks: LockManagerLike, name: string): TabLock {
  return async (task) => {
    let ran = false;
    await locks.request(name, { ifAvailable: true }, async (lock) => {
      if (lock === null) return;
      ran = true;
      await task();
    });
    return ran;
  };
}

type Claim = { type: 'claim' | 'release'; tab: string; at: number };

/** How long a claim from another tab counts without a release (a tab may die mid-sync). */
const CLAIM_TTL_MS = 60_000;

/** The BroadcastChannel fallback: claims heard from other tabs block this one until released or stale. */
export function broadcastLock(name: string, now: () => number = Date.now): TabLock {
  const tab = Math.random().toString(36).slice(2);
  const channel = new BroadcastChannel(name);
  const others = new Map<string, number>();
  channel.onmessage = (event: MessageEvent<Claim>) => {
    const claim = event.data;
    if (claim.type === 'claim') others.set(claim.tab, claim.at);
    else others.delete(claim.tab);
  };
  let busy = false;
  return async (task) => {
    const live = [...others.values()].some((at) => now() - at < CLAIM_TTL_MS);
    if (busy || live) return false;
    busy = true;
    channel.postMessage({ type: 'claim', tab, at: now() } satisfies Claim);
    try {
      await task();
    } finally {
      busy = false;
      channel.postMessage({ type: 'release', tab, at: now() } satisfies Claim);
    }
    return true;
  };
}

/** Runs tasks one at a time within this tab only (no other tabs, or tests). */
export function localLock(): TabLock {
  let busy = false;
  return async (task) => {
    if (busy) return false;
    busy = true;
    try {
      await task();
    } finally {
      busy = false;
    }
    return true;
  };
}

/** The best lock this browser offers for `name`. */
export function tabLock(name: string): TabLock {
  // Some environments define the property and leave it null.
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManagerLike | null }).locks;
  if (locks != null) return webLock(locks, name);
  if (typeof BroadcastChannel !== 'undefined') return broadcastLock(name);
  return localLock();
}
