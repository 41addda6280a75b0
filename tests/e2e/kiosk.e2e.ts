/**
 * The kiosk (issue 5) in Debian's Chromium on the built app: at 1920×1080, 1080×1920 and 1280×720
 * no page of the seed report overflows its screen, in both languages; pages advance by themselves
 * through both languages; after one visit an offline reload keeps rotating; a new version of
 * the report published while the kiosk runs appears without a single blank frame.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { KioskPage } from './pages/KioskPage.ts';
import { openSession, type Session } from './support/browser.ts';
import { ROOT, startAppServer, type AppServer } from './support/app-server.ts';
import { message, REPORT_ID, SEED } from './support/content.ts';

const SHOTS = join(ROOT, 'artifacts', 'kiosk');
const shot = (name: string): string => {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, name);
};

const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '1280x720', width: 1280, height: 720 },
] as const;

let session: Session | undefined;
let server: AppServer | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
  await server?.stop();
  server = undefined;
});

describe('kiosk pages fit their screen', () => {
  for (const size of SIZES) {
    it(`at ${size.name}: every page of the seed, zh and bo, without overflow`, async () => {
      session = await openSession({ width: size.width, height: size.height });
      const kiosk = new KioskPage(session.page);
      await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=120&bench=1`);
      await kiosk.waitForPages();
      await kiosk.tibetanFont();
      const { pages } = await kiosk.state();
      expect(pages).toBeGreaterThan(2);
      const langs = new Set<string | null>();
      for (let i = 0; i < pages; i += 1) {
        const front = await kiosk.front();
        expect(front?.contentChars, `page ${i} is empty`).toBeGreaterThan(0);
        langs.add(front?.lang ?? null);
        expect(await kiosk.overflow(), `page ${i} (${front?.page ?? '?'}) at ${size.name}`).toEqual([]);
        if (i < 4 || i === pages - 1) await session.page.screenshot({ path: shot(`${size.name}-${String(i).padStart(2, '0')}.png`) });
        await kiosk.next();
      }
      // Side by side from 1600 px: both languages on every page; otherwise one page per language.
      expect([...langs].sort()).toEqual(size.width >= 1600 ? ['zh-Hans'] : ['bo', 'zh-Hans']);
      expect(session.pageErrors).toEqual([]);
    });
  }
});

describe('kiosk rotation', () => {
  it('advances every interval through the report in Chinese and Tibetan together, each language on pages of its own', async () => {
    session = await openSession({ width: 1280, height: 720 });
    const page = session.page;
    // The page's clock is the test's: each interval is run through, not waited for.
    await page.clock.install();
    const kiosk = new KioskPage(page);
    await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=10`);
    await kiosk.waitForPages();
    await kiosk.tibetanFont();
    await page.clock.pauseAt(Date.now() + 1_000);
    const first = await kiosk.front();
    const seen: { lang: string | null; page: string }[] = [{ lang: first?.lang ?? null, page: first?.page ?? '' }];
    // Just short of an interval: nothing moves yet.
    await page.clock.runFor(8_000);
    expect((await kiosk.front())?.page).toBe(seen[0]?.page);
    await page.clock.runFor(2_500);
    for (let i = 0; i < 3; i += 1) {
      const front = await kiosk.front();
      seen.push({ lang: front?.lang ?? null, page: front?.page ?? '' });
      await page.clock.runFor(10_000);
    }
    // Each language fills its own pages (Tibetan takes more of them); the pages of both go through
    // the report in the order they start in it: zh 1, bo 1, bo 2, zh 2 … Every interval a new page.
    const numbers = seen.map((s) => Number(/(\d+)\s*\//.exec(s.page)?.[1]));
    expect(new Set(seen.map((s) => s.lang))).toEqual(new Set(['zh-Hans', 'bo']));
    expect(seen.slice(0, 2).map((s) => s.lang)).toEqual(['zh-Hans', 'bo']);
    for (const lang of ['zh-Hans', 'bo']) {
      const pages = numbers.filter((_, i) => seen[i]?.lang === lang);
      expect(pages, JSON.stringify(seen)).toEqual(pages.map((_, i) => i + 1));
    }
    const front = await kiosk.front();
    expect(front?.qr[0]).toMatch(new RegExp(`/(zh|bo)/reports/${REPORT_ID}$`));
  });

  it('never covers the report with a prompt: full screen is a small button in a corner, the setup hint a line in the side', async () => {
    session = await openSession({ width: 1280, height: 720 });
    const kiosk = new KioskPage(session.page);
    // Not the test mode: what an unattended kiosk shows after a power cut.
    await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=120`);
    await kiosk.waitForPages();
    await kiosk.tibetanFont();
    const cover = await session.page.evaluate(() => {
      const layer = document.querySelector('.k-layer.k-front');
      const content = layer?.querySelector('.k-content');
      if (layer === null || content === null || content === undefined) throw new Error('no page on screen');
      const box = content.getBoundingClientRect();
      const covered: string[] = [];
      // A grid of points over the report's content: each must hit the page itself.
      for (let x = box.left + 5; x < box.right; x += box.width / 12) {
        for (let y = box.top + 5; y < box.bottom; y += box.height / 12) {
          const hit = document.elementFromPoint(x, y);
          // The setup corner is an empty, transparent box for a 3 s press.
          if (hit !== null && !layer.contains(hit) && !hit.classList.contains('k-setup-corner')) covered.push(`${hit.className} at ${Math.round(x)},${Math.round(y)}`);
        }
      }
      const button = document.querySelector('.k-layer.k-front .k-fullscreen')?.getBoundingClientRect();
      const hints = [...layer.querySelectorAll('.k-setup-hint')].map((hint) => {
        const r = hint.getBoundingClientRect();
        const overlaps = r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top;
        return { text: hint.textContent.trim(), inSide: hint.closest('.k-side') !== null, overlaps, visible: r.width > 0 && r.height > 0 };
      });
      return { covered, hints, buttonShare: button === undefined ? null : (button.width * button.height) / (innerWidth * innerHeight) };
    });
    expect(cover.covered).toEqual([]);
    // How staff reach the setup, in the language of the page, beside the report and never over it.
    expect(cover.hints).toHaveLength(1);
    expect([message('zh', 'kiosk.setupHint'), message('bo', 'kiosk.setupHint')]).toContain(cover.hints[0]?.text);
    expect(cover.hints[0]).toMatchObject({ inSide: true, overlaps: false, visible: true });
    // Headless Chromium allows full screen: the button is there, and small.
    expect(cover.buttonShare).not.toBeNull();
    expect(cover.buttonShare).toBeLessThan(0.02);
    await session.page.screenshot({ path: shot('unattended-1280x720.png') });
  });

  it('keeps rotating after an offline reload, from the copies on the device', async () => {
    session = await openSession({ width: 1280, height: 720 });
    const s = session;
    const kiosk = new KioskPage(s.page);
    await s.page.clock.install();
    await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=10&bench=1`);
    await kiosk.waitForPages();
    expect(await kiosk.serviceWorkerReady(), 'no service worker became active (src/sw.ts built and registered?)').not.toBeNull();
    // The copy of the report in IndexedDB, written by the kiosk store.
    await expect
      .poll(() => s.page.evaluate(async (id) => {
        const open = indexedDB.open('lotho-reports');
        // Not there yet: reading must not create it (the app would then find it without its stores).
        open.onupgradeneeded = () => { open.transaction?.abort(); };
        const db = await new Promise<IDBDatabase | undefined>((resolve, reject) => {
          open.onsuccess = () => { resolve(open.result); };
          open.onerror = () => {
            if (open.error?.name === 'AbortError') resolve(undefined);
            else reject(open.error ?? new Error('indexedDB'));
          };
        });
        if (db === undefined) return false;
        try {
          const tx = db.transaction('reports', 'readonly');
          const request = tx.objectStore('reports').get(id);
          return await new Promise<boolean>((resolve) => {
            request.onsuccess = () => { resolve(request.result !== undefined); };
            request.onerror = () => { resolve(false); };
          });
        } finally {
          db.close();
        }
      }, REPORT_ID), { timeout: 10_000 })
      .toBe(true);
    await s.page.reload();
    await kiosk.waitForPages();
    expect(await kiosk.controlled(), 'the service worker does not control the kiosk after a reload').toBe(true);

    await s.context.setOffline(true);
    await s.page.reload();
    await kiosk.waitForPages();
    const first = await kiosk.front();
    expect(first?.head).toContain(SEED.agencyZh);
    await s.page.clock.pauseAt(Date.now() + 1_000);
    await s.page.clock.runFor(35_500);
    expect((await kiosk.state()).shown).toBeGreaterThan(2);
    const later = await kiosk.front();
    expect(later?.contentChars).toBeGreaterThan(0);
    expect(later?.side).toMatch(/离线|དྲ་རྒྱ་མེད/u);
    await s.page.screenshot({ path: shot('offline-1280x720.png') });
  });

  it('shows a new version published while it runs, never a blank frame', async () => {
    // A server of its own: the test publishes into its database.
    server = await startAppServer(join(ROOT, 'artifacts', 'kiosk', 'e2e-server.log'));
    session = await openSession({ width: 1920, height: 1080 });
    const kiosk = new KioskPage(session.page);
    await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=10&bench=1`, server.baseURL);
    await kiosk.waitForPages();
    await kiosk.startSampler();
    await session.page.waitForTimeout(2_500);

    const storage = openSqliteStorage({ path: join(server.dataDir, 'lotho.sqlite') });
    try {
      const current = await storage.getReport(REPORT_ID);
      if (current === undefined) throw new Error('the server did not seed the report');
      const next: ReportDocument = structuredClone(current.document);
      next.meta.agency = { ...next.meta.agency, zh: `${next.meta.agency.zh}（更正版）` };
      const published = await storage.publishReport(next, { note: 'kiosk e2e' });
      expect(published.version).toBe(current.version + 1);
    } finally {
      await storage.close();
    }
    // Coming back online makes the kiosk check the server at once (it also does every 5 minutes).
    await session.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(async () => (await kiosk.front())?.head ?? '', { timeout: 30_000 }).toContain('（更正版）');
    await session.page.waitForTimeout(2_500);
    const samples = await kiosk.stopSampler();
    expect(samples.frames).toBeGreaterThan(100);
    expect(samples.blank, JSON.stringify(samples)).toBe(0);
    expect(samples.heads.some((h) => h.includes('（更正版）'))).toBe(true);
    await session.page.screenshot({ path: shot('new-version-1920x1080.png') });
  });
});
