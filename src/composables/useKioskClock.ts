/**
 * The kiosk's slow clock (a tick every 30 s): the night dimming, the burn-in shift (a step every
 * few minutes) and the nightly reload, all decided by the pure rules of src/kiosk. The reload is
 * done by `reload` (the page takes a waiting app update then, or simply reloads).
 */
import { onScopeDispose, ref, type Ref } from 'vue';
import { BURN_IN_MINUTES, burnInOffset } from '../kiosk/burn-in.ts';
import { dimOpacity, localDay, shouldReload } from '../kiosk/schedule.ts';
import type { KioskSettings } from '../kiosk/settings.ts';
import { readLocal } from '../modules/local-storage.ts';
import { browserSaysOffline } from '../sync/online.ts';

const LAST_RELOAD_KEY = 'lotho.kiosk.lastReload';
const TICK_MS = 30_000;

/** True when a reload cannot end on a blank page: online, or the app shell is cached by the service worker. */
function canReload(): boolean {
  if (!browserSaysOffline()) return true;
  return 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null;
}

export function useKioskClock(settings: Ref<KioskSettings>, reload: () => void) {
  const dim = ref(0);
  const shift = ref({ x: 0, y: 0 });

  function tick(): void {
    const now = new Date();
    dim.value = dimOpacity(now, settings.value.night);
    shift.value = burnInOffset(Math.floor(now.getTime() / (BURN_IN_MINUTES * 60_000)));
    if (shouldReload(now, settings.value.reloadAt, readLocal(LAST_RELOAD_KEY), canReload())) {
      try {
        localStorage.setItem(LAST_RELOAD_KEY, localDay(now));
      } catch {
        // Without storage the day cannot be remembered: no reload rather than a reload loop.
        return;
      }
      reload();
    }
  }

  tick();
  const timer = setInterval(tick, TICK_MS);
  onScopeDispose(() => {
    clearInterval(timer);
  });
  return { dim, shift };
}
