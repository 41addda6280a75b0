// @vitest-environment happy-dom
/**
 * The safety net of `font-display: optional` (styles/fonts.css): boxes are detected by measuring,
 * and only then is the swapping face switched on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tibetanDrawsAsBoxes } from '../../src/composables/useTibetanFont.ts';

/** A canvas whose text widths come from `width`. */
function canvasMeasuring(width: (text: string) => number): void {
  const context = { font: '', measureText: (text: string) => ({ width: width(text) }) };
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(context as unknown as CanvasRenderingContext2D);
  document.documentElement.style.setProperty('--font-bo', "'Lotho Tibetan', serif");
}

afterEach(() => {
  vi.restoreAllMocks();
  document.documentElement.style.removeProperty('--font-bo');
});

describe('tibetanDrawsAsBoxes', () => {
  it('is true when Tibetan letters measure like code points no font draws', () => {
    canvasMeasuring(() => 96);
    expect(tibetanDrawsAsBoxes()).toBe(true);
  });

  it('is false when a font draws them (ours or the system’s)', () => {
    canvasMeasuring((text) => (text.startsWith('\u0F40') ? 71.5 : 96));
    expect(tibetanDrawsAsBoxes()).toBe(false);
  });

  it('is false where nothing can be measured', () => {
    expect(tibetanDrawsAsBoxes()).toBe(false);
  });
});
