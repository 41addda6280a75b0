/**
 * Nothing on a pre-rendered report page moves while it loads (issue 12: CLS 0): from the first
 * paint of the HTML through the app's hydration, the status line's time written in, the fonts and
 * the service worker, Chromium reports no layout shift at all, in Chinese and in Tibetan, on a
 * phone and on a desktop. Every 'layout-shift' entry counts, whatever Chromium thinks of recent
 * input (the test gives none), so the sum is Lighthouse's CLS or more.
 *
 * The CPU is slowed down 4× as Lighthouse's mobile preset does: on a fast CPU the browser may
 * have everything (the inlined font among it) before its first layout, and a page that moves on a
 * phone would pass here only by luck.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ReportPage } from './pages/ReportPage.ts';
import { DESKTOP, PHONE, openSession, type Session } from './support/browser.ts';
import { REPORT_ID } from './support/content.ts';

let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** A layout shift as the page's PerformanceObserver saw it, with what moved and where from (a failure's evidence). */
interface Shift {
  value: number;
  at: number;
  moved: string[];
}

/** What the Layout Instability API gives of one moved node (its `sources`). */
interface ShiftSource {
  node?: Node | null;
  previousRect: DOMRectReadOnly;
  currentRect: DOMRectReadOnly;
}

declare global {
  interface Window {
    lothoShifts?: Shift[];
  }
}

/** Runs in the page before any of its own scripts: records every layout shift from the first paint on. */
function recordShifts(): void {
  const shifts: Shift[] = [];
  window.lothoShifts = shifts;
  new PerformanceObserver((list) => {
    const rect = ({ x, y, width, height }: DOMRectReadOnly): string => `${x},${y} ${width}×${height}`;
    for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: ShiftSource[] })[]) {
      // Which node, its first words, and its box before and after: enough to tell a font swap
      // from a line written in or a box growing above it.
      const moved = (entry.sources ?? []).map(({ node, previousRect, currentRect }) => {
        const name = node instanceof Element ? `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}` : String(node?.nodeName);
        return `${name} "${(node?.textContent ?? '').trim().slice(0, 24)}" ${rect(previousRect)} → ${rect(currentRect)}`;
      });
      shifts.push({ value: entry.value, at: Math.round(entry.startTime), moved });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

const VIEWPORTS = { phone: PHONE, desktop: DESKTOP } as const;

describe('the pre-rendered report page while it loads and hydrates', () => {
  for (const lang of ['zh', 'bo'] as const) {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      it(`moves nothing: cumulative layout shift 0 (${lang}, ${name})`, async () => {
        session = await openSession(viewport);
        const { page } = session;
        await page.addInitScript(recordShifts);
        const devtools = await session.context.newCDPSession(page);
        await devtools.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        const report = new ReportPage(page);
        await report.goto(lang, REPORT_ID);
        // Hydrated: the status line's release time is written in once the app has mounted
        // (ReportStatus), and the check for a newer version has ended.
        await report.status.locator('.release').waitFor({ state: 'visible' });
        await report.status.locator('.checking').waitFor({ state: 'detached' });
        expect(await report.serviceWorkerReady()).not.toBeNull();
        const shifts = await page.evaluate(async () => {
          await document.fonts.ready;
          // A shift is reported with the frame that paints it: let the last change be painted.
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          return window.lothoShifts ?? [];
        });
        expect(session.pageErrors).toEqual([]);
        const total = shifts.reduce((sum, shift) => sum + shift.value, 0);
        expect(total, `layout shifts: ${JSON.stringify(shifts)}`).toBe(0);
      }, 120_000);
    }
  }
});
