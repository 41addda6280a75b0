/**
 * The rotation on screen: which page shows, advancing every `interval` seconds unless paused (a
 * person is using the screen), and two layers drawn in turn so a new page — or the same page from
 * a new version of the report — is laid out behind the visible one and swapped in only once it is
 * drawn: never a blank frame. After a new pagination the rotation finds its place again (same
 * report, language and content).
 */
import { nextTick, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { anchorOf, findAnchor, type KioskView } from '../kiosk/sequence.ts';

/** Resolves after the next frame (or 100 ms: a hidden tab gets no frames). */
function frame(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(finish, 100);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => requestAnimationFrame(finish));
  });
}

export interface RotationOptions {
  views: Ref<KioskView[]>;
  /** Bumped by each new pagination. */
  generation: Ref<number>;
  /** Seconds per page. */
  interval: Ref<number>;
  /** True while someone is using the screen: no automatic advance. */
  paused: Ref<boolean>;
}

export function useKioskRotation(options: RotationOptions) {
  const index = ref(0);
  const layers = [shallowRef<KioskView | null>(null), shallowRef<KioskView | null>(null)] as const;
  const front = ref<0 | 1>(0);
  /** Number of pages shown since start (the benchmark counts transitions with it). */
  const shown = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  function clear(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function schedule(): void {
    clear();
    if (disposed || options.paused.value || options.views.value.length === 0) return;
    timer = setTimeout(() => {
      void next();
    }, options.interval.value * 1000);
  }

  let showing = 0;
  /** Shows page `i` (wrapping), drawn behind the visible layer first. */
  async function show(i: number): Promise<void> {
    const list = options.views.value;
    const n = list.length;
    if (n === 0) return;
    const k = ((i % n) + n) % n;
    const view = list[k];
    if (view === undefined) return;
    const mine = ++showing;
    clear();
    index.value = k;
    const visible = layers[front.value];
    if (visible.value === view) {
      schedule();
      return;
    }
    const back = front.value === 0 ? 1 : 0;
    layers[back].value = view;
    await nextTick();
    await frame();
    if (mine !== showing || disposed) return;
    front.value = back;
    shown.value += 1;
    schedule();
  }

  const next = (): Promise<void> => show(index.value + 1);
  const prev = (): Promise<void> => show(index.value - 1);

  // A new pagination (new version, resize, settings): the same place in the new pages, at once.
  watch(options.generation, () => {
    const current = layers[front.value].value;
    const target = current === null ? 0 : findAnchor(options.views.value, anchorOf(current), index.value);
    void show(target);
  });
  watch(options.paused, (paused) => {
    if (paused) clear();
    else schedule();
  });
  watch(options.interval, () => {
    schedule();
  });

  onScopeDispose(() => {
    disposed = true;
    clear();
  });

  return { index, layers, front, shown, next, prev, show };
}
