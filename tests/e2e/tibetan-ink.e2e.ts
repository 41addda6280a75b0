/**
 * Tibetan stacks are never cut (issue 12): on the report, the editor and the kiosk, every line of
 * Tibetan keeps its ink inside its own line slot and inside its element's box
 * (support/ink.ts measures it), at a phone's width and a desktop's, in Debian's Chromium with the
 * app's own Tibetan font. Screenshots of each page go to artifacts/e2e/ink-*.png.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DraftingPage } from './pages/DraftingPage.ts';
import { KioskPage } from './pages/KioskPage.ts';
import { ReportPage } from './pages/ReportPage.ts';
import { DESKTOP, PHONE, artifact, openSession, type Session } from './support/browser.ts';
import { REPORT_ID } from './support/content.ts';
import { measureTibetanInk, type InkReport } from './support/ink.ts';
import { addAccounts, addAgency } from './support/lotho-cli.ts';
import { SECTION_KEYS } from '../../src/report/model.ts';

/** The editor's steps (src/composables/useEditorSteps.ts). */
const EDITOR_STEPS = ['info', ...SECTION_KEYS, 'check'] as const;

let session: Session | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Fails with every line that overruns, so that the message says where. */
function expectNoClipping(report: InkReport, where: string): void {
  expect(report.problems, `${where}: ${String(report.lines)} lines of Tibetan measured`).toEqual([]);
}

describe('Tibetan ink on the report page', () => {
  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`stays inside its lines and boxes (bo, ${size})`, async () => {
      session = await openSession(viewport);
      const report = new ReportPage(session.page);
      await report.goto('bo', REPORT_ID);
      await report.waitForReport();
      await report.tibetanFont();
      const ink = await measureTibetanInk(session.page);
      await session.page.screenshot({ path: artifact(`ink-report-bo-${size}.png`), fullPage: true });
      process.stdout.write(`ink: report bo ${size}: ${String(ink.lines)} lines in ${String(ink.elements)} elements, tightest ${String(ink.tightest)} px\n`);
      // The seed report's Tibetan runs to hundreds of lines: a page that measured none measured nothing.
      expect(ink.lines).toBeGreaterThan(200);
      expectNoClipping(ink, `report bo ${size}`);
    });
  }

  it('stays inside its lines and boxes side by side (desktop)', async () => {
    session = await openSession(DESKTOP);
    const report = new ReportPage(session.page);
    await session.page.goto(`${ReportPage.path('zh', REPORT_ID)}/side-by-side`);
    await report.waitForReport();
    await report.tibetanFont();
    const ink = await measureTibetanInk(session.page);
    await session.page.screenshot({ path: artifact('ink-side-by-side.png'), fullPage: true });
    // On the Chinese page's side-by-side view, the Tibetan is the prose's column (75 lines of the seed).
    expect(ink.lines).toBeGreaterThan(50);
    expectNoClipping(ink, 'side by side');
  });
});

describe('Tibetan ink in the editor', () => {
  it('stays inside its lines and boxes on every step (bo, phone)', async () => {
    const dataDir = inject('dataDir');
    addAgency(dataDir, { id: 'e2e-ink', zh: '墨迹乡人民政府', bo: 'ཤོག་བུ་ཞང་གི་མི་དམངས་སྲིད་གཞུང་།' });
    addAccounts(dataDir, 'e2e-ink', [{ username: 'ink-editor', password: 'ink-editor-secret-1', role: 'publisher' }]);
    session = await openSession(PHONE);
    const app = new DraftingPage(session.page);
    await app.signIn('bo', 'ink-editor', 'ink-editor-secret-1');
    const id = await app.createBlank(2024);
    let measured = 0;
    for (const step of EDITOR_STEPS) {
      await app.openStep('bo', id, step);
      await app.tibetanFont();
      const ink = await measureTibetanInk(session.page);
      await session.page.screenshot({ path: artifact(`ink-editor-${step}.png`), fullPage: true });
      measured += ink.lines;
      expectNoClipping(ink, `editor step ${step}`);
    }
    process.stdout.write(`ink: editor bo: ${String(measured)} lines over ${String(EDITOR_STEPS.length)} steps\n`);
    expect(measured).toBeGreaterThan(100);
  });
});

describe('Tibetan ink on the kiosk', () => {
  for (const viewport of [{ width: 1080, height: 1920 }, { width: 1280, height: 720 }]) {
    const size = `${String(viewport.width)}x${String(viewport.height)}`;
    it(`stays inside its lines and boxes on every page (${size})`, async () => {
      session = await openSession(viewport);
      const kiosk = new KioskPage(session.page);
      await kiosk.goto(`reports=${REPORT_ID}&langs=zh,bo&interval=120&bench=1`);
      await kiosk.waitForPages();
      await kiosk.tibetanFont();
      const { pages } = await kiosk.state();
      let measured = 0;
      for (let i = 0; i < pages; i += 1) {
        const ink = await measureTibetanInk(session.page, '.k-layer.k-front');
        if (i < 3) await session.page.screenshot({ path: artifact(`ink-kiosk-${size}-${String(i)}.png`) });
        measured += ink.lines;
        expectNoClipping(ink, `kiosk ${size} page ${String(i)}`);
        await kiosk.next();
      }
      process.stdout.write(`ink: kiosk ${size}: ${String(measured)} lines over ${String(pages)} pages\n`);
      expect(measured).toBeGreaterThan(100);
    });
  }

  it('stays inside its lines and boxes on the setup page', async () => {
    session = await openSession(PHONE);
    await session.page.goto('/kiosk/setup');
    await session.page.locator('form').first().waitFor();
    const ink = await measureTibetanInk(session.page);
    await session.page.screenshot({ path: artifact('ink-kiosk-setup.png'), fullPage: true });
    // The page's own title, the kiosk's name and the Tibetan labels of its fields.
    expect(ink.lines).toBeGreaterThan(2);
    expectNoClipping(ink, 'kiosk setup');
  });
});
