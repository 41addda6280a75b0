/** Keeps `document.title` in step with a page's title (no-op where there is no document). */
import { watchEffect, type MaybeRefOrGetter, toValue } from 'vue';

export function useDocumentTitle(title: MaybeRefOrGetter<string>): void {
  watchEffect(() => {
    const text = toValue(title);
    if (typeof document !== 'undefined' && text !== '') document.title = text;
  });
}
