/**
 * The kiosk (/kiosk) as a test sees it: the visible layer's header, content and side, the test
 * hook that `?bench=1` exposes (window.__lothoKiosk), a check that nothing lies outside the screen,
 * and a sampler that looks at every animation frame for a blank screen.
 */
import { AppPage } from './AppPage.ts';

/** What the visible kiosk page shows. */
export interface KioskFront {
  /** lang of the header's first agency line: zh-Hans or bo. */
  lang: string | null;
  page: string;
  head: string;
  /** Characters of report content on screen. */
  contentChars: number;
  qr: string[];
  side: string;
}

/** How full a page is (KioskPage.fill). */
export interface PageFill {
  /** Share of the content box's height down to the lowest thing drawn (the longest column). */
  whole: number;
  /** The same for each column (one for a single-language page). */
  lanes: number[];
  page: number;
  pages: number;
  lang: string | null;
  /** Height of the content box in CSS px. */
  height: number;
  /** Space between two pieces, CSS px. */
  gap: number;
  /** Height left empty under each column, CSS px. */
  room: number[];
  /**
   * For each column, the height of the least of what the page opens with that a page can hold
   * (a heading with what follows it, a table's head and first row, a continued table's next row,
   * a line of text), CSS px.
   */
  opening: number[];
}

/** What the frame sampler saw. */
export interface FrameSamples {
  frames: number;
  /** Frames with no visible page, or a visible page without report content. */
  blank: number;
  /** Distinct header texts seen, in order. */
  heads: string[];
}

export class KioskPage extends AppPage {
  async goto(query: string, base = ''): Promise<void> {
    await this.page.goto(`${base}/kiosk?${query}`);
  }

  /** Waits until the rotation has pages and one is on screen. */
  async waitForPages(timeout = 20_000): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('.k-layer.k-front .k-content *') !== null, null, { timeout });
  }

  /** The test hook's state (needs ?bench=1). */
  state(): Promise<{ index: number; pages: number; shown: number; key: string | null }> {
    return this.page.evaluate(() => {
      const hook = (window as unknown as { __lothoKiosk?: { state: () => { index: number; pages: number; shown: number; key: string | null } } }).__lothoKiosk;
      if (hook === undefined) throw new Error('no window.__lothoKiosk (open the kiosk with ?bench=1)');
      return hook.state();
    });
  }

  /** The next page through the test hook, once it is on screen. */
  async next(): Promise<void> {
    await this.page.evaluate(async () => {
      const hook = (window as unknown as { __lothoKiosk?: { next: () => Promise<void> } }).__lothoKiosk;
      if (hook === undefined) throw new Error('no window.__lothoKiosk (open the kiosk with ?bench=1)');
      await hook.next();
    });
  }

  front(): Promise<KioskFront | null> {
    return this.page.evaluate(() => {
      const layer = document.querySelector('.k-layer.k-front');
      if (layer === null) return null;
      return {
        lang: layer.querySelector('.k-head-line .k-head-agency')?.getAttribute('lang') ?? null,
        page: layer.querySelector('.k-head-page')?.textContent.trim() ?? '',
        head: layer.querySelector('.k-head-titles')?.textContent.trim() ?? '',
        contentChars: (layer.querySelector('.k-content')?.textContent ?? '').trim().length,
        qr: [...layer.querySelectorAll('.k-qr svg')].map((svg) => svg.getAttribute('aria-label') ?? ''),
        side: layer.querySelector('.k-side')?.textContent.trim() ?? '',
      };
    });
  }

  /**
   * Whatever of the visible page does not fit: the document wider or taller than the viewport, a
   * content element outside its content box, any element of the page outside the viewport.
   */
  overflow(): Promise<string[]> {
    return this.page.evaluate(() => {
      const problems: string[] = [];
      const { innerWidth: vw, innerHeight: vh } = window;
      const root = document.documentElement;
      if (root.scrollWidth > vw) problems.push(`document scrollWidth ${root.scrollWidth} > ${vw}`);
      if (root.scrollHeight > vh) problems.push(`document scrollHeight ${root.scrollHeight} > ${vh}`);
      const layer = document.querySelector('.k-layer.k-front');
      const content = layer?.querySelector('.k-content');
      if (layer === null || content === null || content === undefined) return ['no visible page'];
      const box = content.getBoundingClientRect();
      const name = (el: Element): string => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${el.textContent.trim().slice(0, 24)}"`;
      for (const el of layer.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) problems.push(`outside the viewport: ${name(el)} ${Math.round(r.right)}×${Math.round(r.bottom)}`);
        if (content.contains(el) && (r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5 || r.left < box.left - 0.5)) {
          problems.push(`outside the content box: ${name(el)} bottom ${Math.round(r.bottom)} > ${Math.round(box.bottom)}`);
        }
      }
      return problems.slice(0, 10);
    });
  }

  /**
   * How full the visible page is: from the top of its content box to the bottom of the lowest
   * thing drawn in it, as a share of the box's height, for the whole page (its longest column)
   * and for each column of a side-by-side page; with the page's "n / m".
   */
  fill(): Promise<PageFill> {
    return this.page.evaluate(() => {
      const layer = document.querySelector('.k-layer.k-front');
      const content = layer?.querySelector('.k-content');
      if (layer === null || content === null || content === undefined) throw new Error('no visible page');
      const box = content.getBoundingClientRect();
      const bottom = (root: Element): number => Math.max(box.top, ...[...root.querySelectorAll('*')].map((el) => el.getBoundingClientRect().bottom));
      const share = (y: number): number => (y - box.top) / box.height;
      const spans = [...content.querySelectorAll(':scope > .k-span')].map(bottom);
      const lanes: number[] = [];
      for (const band of content.querySelectorAll(':scope > .k-lanes')) {
        [...band.querySelectorAll(':scope > .k-lane')].forEach((lane, i) => {
          lanes[i] = Math.max(lanes[i] ?? box.top, bottom(lane));
        });
      }
      const laneBottoms = lanes.map((y) => Math.max(y, ...spans));
      // Each column's pieces in order (a spanning piece is in every column).
      const columns: Element[][] = Array.from({ length: Math.max(laneBottoms.length, 1) }, () => []);
      for (const band of content.children) {
        if (band.classList.contains('k-span')) for (const column of columns) column.push(...band.children);
        else [...band.querySelectorAll(':scope > .k-lane')].forEach((lane, i) => columns[i]?.push(...lane.children));
      }
      /** Bottom of the least of `piece` a page may hold: a table's next row (and its group row), a line of text. */
      const leastBottom = (piece: Element): number => {
        const rows = [...piece.querySelectorAll(':scope > tbody > tr')];
        const first = rows.find((tr) => !tr.classList.contains('k-group')) ?? rows[0];
        if (first !== undefined) return first.getBoundingClientRect().bottom;
        const text = [...piece.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
        if (piece.classList.contains('k-text') && text !== undefined) {
          const range = document.createRange();
          range.setStart(text, 0);
          range.setEnd(text, 1);
          return range.getBoundingClientRect().bottom;
        }
        return piece.getBoundingClientRect().bottom;
      };
      /**
       * The least of what each column opens with that a page can hold, in CSS px: a heading with
       * the least of what follows it (a heading never ends a page); a table's caption, header and
       * first row, or for a table continued from the page before its next row only; a line of text.
       */
      const opening = columns.map((column) => {
        const [first, second] = column;
        if (first === undefined) return 0;
        const top = first.classList.contains('k-continued')
          ? (first.querySelector(':scope > tbody > tr')?.getBoundingClientRect().top ?? first.getBoundingClientRect().top)
          : first.getBoundingClientRect().top;
        const least = first.classList.contains('k-heading') && second !== undefined ? leastBottom(second) : leastBottom(first);
        return least - top;
      });
      const [n, m] = (layer.querySelector('.k-head-page')?.textContent ?? '').match(/\d+|[\u0F20-\u0F29]+/gu) ?? [];
      const number = (digits: string | undefined): number => Number((digits ?? '').replace(/[\u0F20-\u0F29]/gu, (d) => String(d.charCodeAt(0) - 0x0f20)));
      return {
        whole: share(bottom(content)),
        lanes: laneBottoms.map(share),
        page: number(n),
        pages: number(m),
        lang: layer.querySelector('.k-head-line .k-head-agency')?.getAttribute('lang') ?? null,
        height: box.height,
        gap: parseFloat(getComputedStyle(content).rowGap) || 0,
        room: laneBottoms.length === 0 ? [box.bottom - bottom(content)] : laneBottoms.map((y) => box.bottom - y),
        opening,
      };
    });
  }

  /** Starts looking at every frame (requestAnimationFrame) for a screen without report content. */
  async startSampler(): Promise<void> {
    await this.page.evaluate(() => {
      const samples = { frames: 0, blank: 0, heads: [] as string[], running: true };
      (window as unknown as { __kioskSamples: typeof samples }).__kioskSamples = samples;
      const look = (): void => {
        if (!samples.running) return;
        samples.frames += 1;
        const layers = [...document.querySelectorAll('.k-layer.k-front')].filter((l) => getComputedStyle(l).visibility === 'visible');
        const layer = layers[0];
        const text = layer?.querySelector('.k-content')?.textContent.trim() ?? '';
        if (layers.length !== 1 || text.length === 0) samples.blank += 1;
        const head = layer?.querySelector('.k-head-titles')?.textContent.trim() ?? '';
        if (samples.heads.at(-1) !== head) samples.heads.push(head);
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
  }

  stopSampler(): Promise<FrameSamples> {
    return this.page.evaluate(() => {
      const samples = (window as unknown as { __kioskSamples: FrameSamples & { running: boolean } }).__kioskSamples;
      samples.running = false;
      return { frames: samples.frames, blank: samples.blank, heads: samples.heads };
    });
  }
}
