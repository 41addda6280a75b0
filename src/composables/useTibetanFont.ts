/**
 * The safety net of fonts.css: our Tibetan face is `font-display: optional` (no layout shift), so
 * on a slow first visit the page shows the device's own Tibetan font. A device with none would
 * show boxes instead; once the page has settled, this checks what is really drawn and, if it is
 * boxes, swaps our font in (html.tibetan-swap, base.css): a shift, but readable text.
 */
import { onMounted, watch, type Ref } from 'vue';

/** Whether Tibetan in the page's Tibetan font stack draws as missing-glyph boxes. */
export function tibetanDrawsAsBoxes(doc: Document = document): boolean {
  const stack = getComputedStyle(doc.documentElement).getPropertyValue('--font-bo').trim();
  const context = doc.createElement('canvas').getContext('2d');
  if (context === null || stack === '') return false;
  context.font = `32px ${stack}`;
  // Three Tibetan letters against three private-use code points no font draws: the same width
  // means the same box.
  const tibetan = context.measureText('\u0F40\u0F41\u0F42').width;
  const missing = context.measureText('\uE000\uE001\uE002').width;
  return Math.abs(tibetan - missing) < 0.5;
}

const SWAP_CLASS = 'tibetan-swap';

/** Checks whenever Tibetan comes on screen (`showsTibetan` turns true), once the fonts settled. */
export function useTibetanFont(showsTibetan: Ref<boolean>): void {
  async function check(): Promise<void> {
    const root = document.documentElement;
    if (root.classList.contains(SWAP_CLASS) || typeof document.fonts === 'undefined') return;
    await document.fonts.ready;
    // Past the optional face's short block period: what is drawn now stays.
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (tibetanDrawsAsBoxes()) root.classList.add(SWAP_CLASS);
  }
  onMounted(() => {
    watch(
      showsTibetan,
      (shows) => {
        if (shows) void check();
      },
      { immediate: true },
    );
  });
}
