/**
 * Where Tibetan glyphs' ink leaves the box they are laid out in (issue 12: stacks cut at
 * line-height 1.3–1.5). For every visible text node with Tibetan in it, line by line: the line's
 * text is drawn on a canvas in the element's own font to get its ink extent above and below the
 * baseline (measureText's actualBoundingBox*), the baseline is placed from the text's layout rect
 * (its top plus the font's ascent, fontBoundingBoxAscent), and the ink is compared with
 *   - the line's own slot: the inline box of height `line-height` centred on the text (CSS 2
 *     §10.8.1), so that a stack never reaches into the line above or below, and
 *   - the padding box of the nearest block-level ancestor (what `overflow: hidden` clips to).
 * Horizontal ink is not checked: lines wrap, and a stack never grows sideways past its advance.
 */
import type { Page } from 'playwright-core';

/** One line of Tibetan whose ink leaves its slot or its box, in CSS px (positive = outside). */
export interface InkProblem {
  /** tag.class of the text's element and the line's first characters. */
  where: string;
  text: string;
  /** Ink above the slot's / box's top, below its bottom (px). */
  slotTop: number;
  slotBottom: number;
  boxTop: number;
  boxBottom: number;
  lineHeight: string;
  fontSize: string;
}

export interface InkReport {
  /** Lines of Tibetan measured. */
  lines: number;
  /** Distinct elements holding them. */
  elements: number;
  problems: InkProblem[];
  /** The smallest room left between ink and slot, over all lines (px; negative = overrun). */
  tightest: number;
}

/** Anti-aliasing and sub-pixel layout: ink this close to an edge is inside. */
export const INK_TOLERANCE_PX = 0.5;

/** Measures every visible Tibetan line of the page as it is now (fonts loaded first). */
export async function measureTibetanInk(page: Page, scope = 'body'): Promise<InkReport> {
  return page.evaluate(
    async ({ scopeSelector, tolerance }) => {
      await document.fonts.ready;
      const TIBETAN = /[\u0F00-\u0FFF]/u;
      const root = document.querySelector(scopeSelector);
      if (root === null) throw new Error(`no ${scopeSelector} on the page`);
      const canvas = document.createElement('canvas').getContext('2d');
      if (canvas === null) throw new Error('no 2d canvas');
      const graphemes = new Intl.Segmenter('bo', { granularity: 'grapheme' });
      const problems: InkProblem[] = [];
      const elements = new Set<Element>();
      let lines = 0;
      let tightest = Number.POSITIVE_INFINITY;

      const name = (el: Element): string => `${el.tagName.toLowerCase()}${[...el.classList].map((c) => `.${c}`).join('')}`;
      /** The box a line of text lays out in: the nearest ancestor that is not inline. */
      const blockOf = (el: Element): Element => {
        let current: Element | null = el;
        while (current !== null) {
          const display = getComputedStyle(current).display;
          if (display !== 'inline' && display !== 'contents') return current;
          current = current.parentElement;
        }
        return el;
      };

      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node as Text;
        const el = text.parentElement;
        if (el === null || !TIBETAN.test(text.data)) continue;
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        const block = blockOf(el);
        const blockRect = block.getBoundingClientRect();
        // Visually hidden text (.sr-only: a 1 px clipped box) is read aloud, never seen.
        if (blockRect.width <= 2 || blockRect.height <= 2) continue;
        const style = getComputedStyle(el);
        const blockStyle = getComputedStyle(block);
        const box = {
          top: blockRect.top + parseFloat(blockStyle.borderTopWidth),
          bottom: blockRect.bottom - parseFloat(blockStyle.borderBottomWidth),
        };
        // Only weight 400 of the Tibetan face ships and the page never synthesises bold for it
        // (base.css): a canvas would, and its smeared ink is not what the page draws.
        const weight = style.fontSynthesisWeight === 'none' ? '400' : style.fontWeight;
        canvas.font = `${style.fontStyle} ${weight} ${style.fontSize} ${style.fontFamily}`;
        const lineHeight = style.lineHeight === 'normal' ? NaN : parseFloat(style.lineHeight);

        // The text node's graphemes grouped into lines by their layout rects.
        const range = document.createRange();
        const found: { text: string; top: number; height: number }[] = [];
        let offset = 0;
        for (const { segment } of graphemes.segment(text.data)) {
          range.setStart(text, offset);
          range.setEnd(text, offset + segment.length);
          offset += segment.length;
          const rect = [...range.getClientRects()].find((r) => r.width > 0);
          if (rect === undefined) continue;
          const last = found.at(-1);
          if (last !== undefined && Math.abs(rect.top - last.top) < 1) last.text += segment;
          else found.push({ text: segment, top: rect.top, height: rect.height });
        }

        for (const line of found) {
          if (!TIBETAN.test(line.text)) continue;
          const m = canvas.measureText(line.text.trim());
          const baseline = line.top + m.fontBoundingBoxAscent;
          const inkTop = baseline - m.actualBoundingBoxAscent;
          const inkBottom = baseline + m.actualBoundingBoxDescent;
          const halfLeading = (lineHeight - line.height) / 2;
          const slot = { top: line.top - halfLeading, bottom: line.top + line.height + halfLeading };
          const over = {
            slotTop: Number.isNaN(lineHeight) ? 0 : slot.top - inkTop,
            slotBottom: Number.isNaN(lineHeight) ? 0 : inkBottom - slot.bottom,
            boxTop: box.top - inkTop,
            boxBottom: inkBottom - box.bottom,
          };
          lines += 1;
          elements.add(el);
          tightest = Math.min(tightest, -over.slotTop, -over.slotBottom);
          // The rect must be the font's content area, or the baseline above is not where the text sits.
          const contentArea = m.fontBoundingBoxAscent + m.fontBoundingBoxDescent;
          if (Math.abs(contentArea - line.height) > 1.5) {
            throw new Error(`${name(el)}: a text rect of ${line.height.toFixed(1)} px, the font's content area ${contentArea.toFixed(1)} px`);
          }
          if (Object.values(over).some((px) => px > tolerance)) {
            const round = (px: number): number => Math.round(px * 10) / 10;
            problems.push({
              where: name(el),
              text: line.text.trim().slice(0, 24),
              slotTop: round(over.slotTop),
              slotBottom: round(over.slotBottom),
              boxTop: round(over.boxTop),
              boxBottom: round(over.boxBottom),
              lineHeight: style.lineHeight,
              fontSize: style.fontSize,
            });
          }
        }
      }
      return { lines, elements: elements.size, problems, tightest: Math.round(tightest * 10) / 10 };
    },
    { scopeSelector: scope, tolerance: INK_TOLERANCE_PX },
  );
}
