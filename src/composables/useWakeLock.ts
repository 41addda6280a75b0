/**
 * Keeps the screen on while the page is shown (Screen Wake Lock API): requested on start and again
 * whenever the page becomes visible (the browser releases the lock when it is hidden), released
 * when the page goes away. Where the API is missing (older WebViews, plain HTTP: it needs a secure
 * context) nothing happens; the device's own sleep setting must then be off.
 */
import { onMounted, onScopeDispose, ref } from 'vue';

export function useWakeLock() {
  const held = ref(false);
  let sentinel: WakeLockSentinel | null = null;
  const state = { active: true };
  const isActive = (): boolean => state.active;

  async function request(): Promise<void> {
    if (!state.active || typeof navigator === 'undefined' || !('wakeLock' in navigator) || document.visibilityState !== 'visible') return;
    if (sentinel !== null && !sentinel.released) return;
    try {
      const lock = await navigator.wakeLock.request('screen');
      // The page may have gone while the request was pending.
      if (!isActive()) {
        await lock.release();
        return;
      }
      sentinel = lock;
      held.value = true;
      lock.addEventListener('release', () => {
        held.value = false;
      });
    } catch {
      held.value = false;
    }
  }

  const onVisibility = (): void => {
    if (document.visibilityState === 'visible') void request();
  };

  onMounted(() => {
    document.addEventListener('visibilitychange', onVisibility);
    void request();
  });
  onScopeDispose(() => {
    state.active = false;
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
    const lock = sentinel;
    sentinel = null;
    if (lock !== null && !lock.released) void lock.release().catch(() => undefined);
  });

  return { held };
}
