/**
 * Whether an official is signed in on this device (their session may have expired since), kept
 * in localStorage: boot.ts reads it synchronously to decide whether to load the sync code at all.
 * A resident's device never has it, so their pages never download Dexie or the sync client for
 * it. Set and cleared by stores/session.ts, which keeps the real session in IndexedDB.
 */
import { readLocal, writeLocal } from './local-storage.ts';

const KEY = 'lotho.official';

/** An official signed in on this device (false where storage is blocked or absent, as in SSR). */
export function hasOfficial(): boolean {
  return readLocal(KEY) === '1';
}

/**
 * Records whether an official is signed in on this device. Where storage is blocked, the sync
 * then starts on the drafting pages only.
 */
export function rememberOfficial(present: boolean): void {
  writeLocal(KEY, present ? '1' : null);
}
