/**
 * The kiosk's contact with the server, every 5 minutes while online: check every report for a new
 * version (If-None-Match, so usually a 304), then send the heartbeat. Offline, nothing is tried;
 * coming back online triggers a check at once.
 */
import { onMounted, onScopeDispose, type Ref } from 'vue';
import { browserSaysOffline } from '../sync/online.ts';

export const SYNC_EVERY_MS = 5 * 60_000;

/** What the kiosk syncs: the kiosk store, passed in by the page (composables sit below the stores). */
export interface KioskSyncTarget {
  refresh(ids: readonly string[]): Promise<unknown>;
  sendHeartbeat(): Promise<unknown>;
}

export function useKioskSync(store: KioskSyncTarget, ids: Ref<readonly string[]>, every = SYNC_EVERY_MS): { syncNow: () => Promise<void> } {
  let running = false;

  async function syncNow(): Promise<void> {
    if (running || browserSaysOffline()) return;
    running = true;
    try {
      await store.refresh(ids.value);
      await store.sendHeartbeat();
    } finally {
      running = false;
    }
  }

  const onOnline = (): void => {
    void syncNow();
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    window.addEventListener('online', onOnline);
    timer = setInterval(() => void syncNow(), every);
  });
  onScopeDispose(() => {
    if (timer !== undefined) clearInterval(timer);
    if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
  });
  return { syncNow };
}
