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
