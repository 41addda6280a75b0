/**
 * Work that the first paint and hydration must not wait for, nor be slowed by (checking the
 * server, opening IndexedDB, building download files): run once the browser is idle.
 */
import { onMounted, ref, type Ref } from 'vue';

/** Resolves when the browser is idle (at most `timeout` ms later); at once where there is no window. */
export function whenIdle(timeout = 2000): Promise<void> {
  if (typeof window === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => { resolve(); }, { timeout });
    else setTimeout(resolve, 50);
  });
}

/** False while rendering and hydrating; true once mounted and the browser was idle. */
export function useIdle(timeout?: number): Ref<boolean> {
  const idle = ref(false);
  onMounted(() => {
    void whenIdle(timeout).then(() => {
      idle.value = true;
    });
  });
  return idle;
}
