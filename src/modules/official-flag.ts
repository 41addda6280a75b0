/**
 * Whether an official is signed in on this device (their session may have expired since), kept
 * in localStorage: boot.ts reads it synchronously to decide whether to load the sync code at all.
 * A resident's device never has it, so their pages never download Dexie or the sync client for
 * it. Set and cleared by stores/session.ts, which keeps the real session in IndexedDB.
 */

const KEY = 'lotho.official';

/** An official signed in on this device (false where storage is blocked or absent, as in SSR). */
export function hasOfficial(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

/** Records whether an official is signed in on this device. */
export function rememberOfficial(present: boolean): void {
  try {
    if (present) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // Storage blocked: the sync then starts on the drafting pages only, as before.
  }
}
