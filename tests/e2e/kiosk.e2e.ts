/**
 * The kiosk (issue 5) in Debian's Chromium on the built app: at 1920×1080, 1080×1920 and 1280×720
 * no page of the seed report overflows its screen, in both languages; pages advance by themselves
 * and the languages alternate; after one visit an offline reload keeps rotating; a new version of
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
import { REPORT_ID, SEED } from './support/content.ts';

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
  it('advances every interval, alternating Chinese and Tibetan page by page', async () => {
    session = await openSession({ width: 1280, height: 720 });
    const kiosk = new KioskPage(session.page);
    await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=2`);
    await kiosk.waitForPages();
    // The tap-to-start prompt (full screen needs a gesture) goes at the first tap.
    await session.page.locator('.k-start').click();
    await expect.poll(() => session?.page.locator('.k-start').count()).toBe(0);

    const seen: { lang: string | null; page: string }[] = [];
    const started = Date.now();
    while (Date.now() - started < 9_000) {
      const front = await kiosk.front();
      if (front !== null && (seen.at(-1)?.page !== front.page || seen.at(-1)?.lang !== front.lang)) seen.push({ lang: front.lang, page: front.page });
      await session.page.waitForTimeout(200);
    }
    expect(seen.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]?.lang, JSON.stringify(seen)).not.toBe(seen[i - 1]?.lang);
    const numbers = seen.map((s) => Number(/(\d+)\s*\//.exec(s.page)?.[1]));
    // zh 1, bo 1, zh 2, bo 2 …: the same page in both languages, then the next.
    expect(numbers.slice(0, 4)).toEqual([numbers[0], numbers[0], (numbers[0] ?? 0) + 1, (numbers[0] ?? 0) + 1]);
    const front = await kiosk.front();
    expect(front?.qr[0]).toMatch(new RegExp(`/(zh|bo)/reports/${REPORT_ID}$`));
  });

  it('keeps rotating after an offline reload, from the copies on the device', async () => {
    session = await openSession({ width: 1280, height: 720 });
    const s = session;
    const kiosk = new KioskPage(s.page);
    await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=2&bench=1`);
    await kiosk.waitForPages();
    expect(await kiosk.serviceWorkerReady(), 'no service worker became active (src/sw.ts built and registered?)').not.toBeNull();
    // The copy of the report in IndexedDB, written by the kiosk store.
    await expect
      .poll(() => s.page.evaluate(async (id) => {
        const open = indexedDB.open('lotho');
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          open.onsuccess = () => { resolve(open.result); };
          open.onerror = () => { reject(open.error ?? new Error('indexedDB')); };
        });
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
    await expect.poll(async () => (await kiosk.state()).shown, { timeout: 10_000 }).toBeGreaterThan(2);
    const later = await kiosk.front();
    expect(later?.contentChars).toBeGreaterThan(0);
    expect(later?.side).toMatch(/离线|དྲ་བྲལ/u);
    await s.page.screenshot({ path: shot('offline-1280x720.png') });
  });

  it('shows a new version published while it runs, never a blank frame', async () => {
    // A server of its own: the test publishes into its database.
    server = await startAppServer(join(ROOT, 'artifacts', 'kiosk', 'e2e-server.log'));
    session = await openSession({ width: 1920, height: 1080 });
    const kiosk = new KioskPage(session.page);
    await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=2&bench=1`, server.baseURL);
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
    await expect.poll(async () => (await kiosk.front())?.head ?? '', { timeout: 15_000 }).toContain('（更正版）');
    await session.page.waitForTimeout(2_500);
    const samples = await kiosk.stopSampler();
    expect(samples.frames).toBeGreaterThan(100);
    expect(samples.blank, JSON.stringify(samples)).toBe(0);
    expect(samples.heads.some((h) => h.includes('（更正版）'))).toBe(true);
    await session.page.screenshot({ path: shot('new-version-1920x1080.png') });
  });
});
