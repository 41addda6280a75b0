/**
 * Keeps `document.title` in step with a page's title. When pre-rendering there is no document:
 * the title goes into the render's SSR context, and the pre-renderer writes it into <title>.
 */
import { toValue, useSSRContext, watchEffect, type MaybeRefOrGetter } from 'vue';

/** What a render tells the pre-renderer besides the HTML (src/entry-server.ts). */
export interface RenderContext {
  title?: string;
}

export function useDocumentTitle(title: MaybeRefOrGetter<string>): void {
  if (import.meta.env.SSR) {
    const context = useSSRContext<RenderContext>();
    const text = toValue(title);
    if (context !== undefined && text !== '') context.title = text;
    return;
  }
  watchEffect(() => {
    const text = toValue(title);
    // Only a change: setting the title replaces the <title> element's text, a DOM change while a
    // pre-rendered page (whose title is already right) hydrates.
    if (typeof document !== 'undefined' && text !== '' && document.title !== text) document.title = text;
  });
}
