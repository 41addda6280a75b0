// @vitest-environment happy-dom
/**
 * The kiosk page in happy-dom with fake timers and a stand-in layout (heights from the length of
 * the text): it paginates the seed report, advances every interval, interleaves the languages page
 * by page (or cycle by cycle), moves by key or tap, pauses while touched and resumes 60 s later.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearDb, mountApp, seedReport, serveReports, type Mounted } from '../helpers.ts';

let app: Mounted | undefined;
const restore: (() => void)[] = [];

/** Heights proportional to the text (30 characters a line of 40 px) and a 600 px content box. */
function fakeLayout(): void {
  const rect = Object.getOwnPropertyDescriptor(Element.prototype, 'getBoundingClientRect');
  // happy-dom defines clientHeight on HTMLElement.prototype.
  const client = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  Element.prototype.getBoundingClientRect = function (this: Element): DOMRect {
    const height = Math.ceil(this.textContent.length / 30) * 40;
    return { x: 0, y: 0, top: 0, left: 0, width: 800, height, bottom: height, right: 800, toJSON: () => ({}) };
  };
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: Element) {
      return this.classList.contains('k-content') ? 600 : 0;
    },
  });
  restore.push(() => {
    if (rect) Object.defineProperty(Element.prototype, 'getBoundingClientRect', rect);
    if (client) Object.defineProperty(HTMLElement.prototype, 'clientHeight', client);
  });
}

beforeEach(async () => {
  await clearDb();
  localStorage.clear();
  fakeLayout();
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  app?.wrapper.unmount();
  app = undefined;
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const fn of restore.splice(0)) fn();
});

interface Front {
  lang: string | null;
  page: string;
  text: string;
}

function front(): Front | null {
  const layer = document.querySelector('.k-layer.k-front');
  if (layer === null) return null;
  return {
    lang: layer.querySelector('.k-head-line .k-head-agency')?.getAttribute('lang') ?? null,
    page: layer.querySelector('.k-head-page')?.textContent.trim() ?? '',
    text: layer.querySelector('.k-content')?.textContent ?? '',
  };
}

async function open(query: string): Promise<Front> {
  serveReports([seedReport()]);
  app = await mountApp(`/kiosk?reports=qingduo-2020&${query}`);
  for (let i = 0; i < 100 && front() === null; i += 1) await vi.advanceTimersByTimeAsync(50);
  const first = front();
  if (first === null) throw new Error('the kiosk showed no page');
  return first;
}

async function wait(ms: number): Promise<Front | null> {
  await vi.advanceTimersByTimeAsync(ms);
  // The swap waits for a frame (or 100 ms without one).
  await vi.advanceTimersByTimeAsync(150);
  return front();
}

describe('kiosk page', () => {
  it('advances every interval and goes through the report in both languages together', async () => {
    const first = await open('langs=zh,bo&interval=10&bench=1');
    expect(first.lang).toBe('zh-Hans');
    expect(first.page).toMatch(/^第1\/\d+页$/);
    expect(first.text).toContain('波密县倾多镇人民政府');

    expect((await wait(5_000))?.page).toBe(first.page);
    const second = await wait(5_000);
    expect(second?.lang).toBe('bo');
    expect(second?.page).toMatch(/^ཤོག་ངོས། 1\/\d+$/);
    expect(second?.text).toMatch(/[\u0F00-\u0FFF]/);

    // Then the second page of whichever language's starts first in the report (each language
    // fills pages of its own).
    const third = await wait(10_000);
    expect(third?.page).toMatch(/^(第2\/\d+页|ཤོག་ངོས། 2\/\d+)$/u);
  });

  it('alternates cycle by cycle: every page in one language, then the other', async () => {
    const first = await open('langs=zh,bo&interval=10&mode=cycle&bench=1');
    const pages = Number(/\/(\d+)/.exec(first.page)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const langs = [first.lang];
    for (let i = 1; i < pages + 1; i += 1) langs.push((await wait(10_000))?.lang ?? null);
    expect(langs.slice(0, pages).every((l) => l === 'zh-Hans')).toBe(true);
    expect(langs[pages]).toBe('bo');
  });

  it('moves by key, stays while touched and resumes the rotation after 60 s', async () => {
    const first = await open('langs=zh&interval=10&bench=1');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    const moved = await wait(0);
    expect(moved?.page).toMatch(/^第2\//);
    // Paused: no advance while the 60 s of quiet run.
    expect((await wait(50_000))?.page).toBe(moved?.page);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }));
    expect((await wait(0))?.page).toBe(first.page);
    expect((await wait(59_000))?.page).toBe(first.page);
    // Quiet for 60 s: the rotation is back, one interval later the next page.
    const resumed = await wait(11_000);
    expect(resumed?.page).toMatch(/^第2\//);
  });

  it('shows a QR code of the report in the language on screen and the data-as-of time', async () => {
    await open('langs=zh,bo&interval=10&bench=1');
    const zh = document.querySelector('.k-layer.k-front .k-qr svg')?.getAttribute('aria-label');
    expect(zh).toBe(`${window.location.origin}/zh/reports/qingduo-2020`);
    expect(document.querySelector('.k-layer.k-front .k-side')?.textContent).toContain('发布于');
    await wait(10_000);
    const bo = document.querySelector('.k-layer.k-front .k-qr svg')?.getAttribute('aria-label');
    expect(bo).toBe(`${window.location.origin}/bo/reports/qingduo-2020`);
    expect(document.querySelector('.k-layer.k-front .k-side')?.textContent).toContain('སྤེལ་དུས།');
  });

  it('opens the setup after a 3 s press on the top-left corner, and a tap on the right half moves on', async () => {
    const first = await open('langs=zh&interval=60&bench=1');
    const root = document.querySelector('.k-root');
    const corner = document.querySelector('.k-setup-corner');
    if (root === null || corner === null) throw new Error('no kiosk root or corner');
    root.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: window.innerWidth - 10, clientY: 300, pointerId: 1 }));
    root.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, clientX: window.innerWidth - 10, clientY: 300, pointerId: 1 }));
    expect((await wait(0))?.page).not.toBe(first.page);

    corner.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, clientX: 5, clientY: 5, pointerId: 2 }));
    await wait(2_000);
    expect(app?.router.currentRoute.value.name).toBe('kiosk');
    await wait(1_100);
    // The setup page is loaded lazily: on a loaded machine that takes more than waitFor's 1 s.
    await vi.waitFor(() => {
      expect(app?.router.currentRoute.value.name).toBe('kiosk-setup');
    }, { timeout: 15_000 });
  });

  it('keeps at most two page layers and a measuring layer, however many pages go by', async () => {
    await open('langs=zh,bo&interval=10&bench=1');
    for (let i = 0; i < 30; i += 1) await wait(10_000);
    expect(document.querySelectorAll('.k-layer')).toHaveLength(3);
    expect(document.querySelectorAll('.k-layer.k-front')).toHaveLength(1);
  });
});
