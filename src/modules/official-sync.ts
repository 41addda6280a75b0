/**
 * Sync at app start on any page, not only while drafting (issue 4): an official who opens a
 * report page with edits still unsent gets them sent. boot.ts imports this module only where
 * modules/official-flag.ts says an official signed in on this device, once the page is idle.
 */
import type { Pinia } from 'pinia';
import { useSessionStore } from '../stores/session.ts';
import { useSyncStore } from '../stores/sync.ts';
import { precacheOfficialChunks } from './official-precache.ts';

/** Restores the official kept on this device and starts syncing their replica. */
export async function startOfficialSync(pinia: Pinia): Promise<void> {
  const session = useSessionStore(pinia);
  await session.restore();
  // Signed out meanwhile (restore cleared the flag): nothing to sync. An expired session still
  // starts the client: it waits for the sign-in, and the status line asks for it when shown.
  if (session.replica === null) return;
  useSyncStore(pinia).start();
  void precacheOfficialChunks();
}
