/**
 * A long list drawn a page at a time: a region's oversight has 2,800 agencies, and a phone draws
 * 100 of them, then 100 more when asked. A new list starts again at its first page.
 */
import { computed, ref, watch, type ComputedRef } from 'vue';

export const ROWS_PAGE = 100;

export interface ShownRows<T> {
  visible: ComputedRef<readonly T[]>;
  /** How many the next "more" adds (0 when every row is shown). */
  next: ComputedRef<number>;
  more: () => void;
}

export function useShownRows<T>(rows: () => readonly T[], page = ROWS_PAGE): ShownRows<T> {
  const shown = ref(page);
  watch(rows, () => {
    shown.value = page;
  });
  const visible = computed(() => rows().slice(0, shown.value));
  const next = computed(() => Math.min(page, rows().length - visible.value.length));
  return {
    visible,
    next,
    more: () => {
      shown.value += page;
    },
  };
}
