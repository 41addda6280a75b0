/**
 * Drafting and sync in Debian's Chromium against a server of this file's own (a fresh DATA_DIR
 * with an agency and two officials made by the `lotho` command): offline edits survive a reload
 * and a closed tab and reach the server when the network returns; two officials' edits of
 * different fields merge, of the same field become a conflict shown with both values and
 * resolved; a server restarted in the middle of a push writes each edit once; with every tab
 * closed, the service worker's Background Sync sends the outbox.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DraftingPage } from './pages/DraftingPage.ts';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, shellEnv, startAppServer, type AppServer } from './support/app-server.ts';
import { message } from './support/content.ts';

const AGENCY = { id: 'qingduo', zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་ཆིང་ཏོ་གྲོང་རྡལ་མི་དམངས་སྲིད་གཞུང་།' };
const USERS = {
  zhuoma: { password: 'zhuoma-secret-1', role: 'publisher' },
  office: { password: 'office-secret-2', role: 'editor' },
} as const;
const ALL_SENT = message('zh', 'sync.allSent');
const TOTAL = 'requests.new_received.total';
const PERSON = 'requests.new_received.natural_person';
const COMMERCIAL = 'requests.new_received.commercial';

let tmp: string;
let dataDir: string;
let server: AppServer;
let port: number;
let browser: Browser;
const contexts: BrowserContext[] = [];

function lotho(args: string[], input?: string): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'src/cli/lotho.mjs'), ...args], {
    cwd: ROOT,
    env: shellEnv({ DATA_DIR: dataDir }),
    input,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`lotho ${args.join(' ')} failed: ${result.stderr}`);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lotho-drafting-'));
  dataDir = join(tmp, 'data');
  server = await startAppServer(join(ARTIFACTS, 'drafting-server.log'), { dataDir });
  port = Number(new URL(server.baseURL).port);
  lotho(['agency', 'add', '--id', AGENCY.id, '--zh', AGENCY.zh, '--bo', AGENCY.bo, '--level', 'township']);
  for (const [username, user] of Object.entries(USERS)) {
    lotho(['user', 'add', '--username', username, '--agency', AGENCY.id, '--role', user.role, '--password-stdin'], `${user.password}\n`);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS] });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser.close();
  await server.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface Official {
  context: BrowserContext;
  page: Page;
  app: DraftingPage;
}

/** A phone of its own (a browser context), signed in, its service worker in control. */
async function official(username: keyof typeof USERS): Promise<Official> {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  const app = new DraftingPage(page);
  await app.signIn('zh', username, USERS[username].password);
  expect(await app.serviceWorkerReady(), 'no service worker (is the build a production build?)').not.toBeNull();
  return { context, page, app };
}

/** The server's draft of `year` (as the official's session sees it), with its fields. */
async function serverDraft(o: Official, year: number): Promise<{ id: string; fields: Record<string, { value: unknown; rev: number }> }> {
  const list = (await (await o.context.request.get('/api/drafts')).json()) as { drafts: { id: string; year: number }[] };
  const draft = list.drafts.find((d) => d.year === year);
  if (draft === undefined) throw new Error(`the server has no draft for ${String(year)}`);
  const body = (await (await o.context.request.get(`/api/drafts/${draft.id}`)).json()) as { draft: { fields: Record<string, { value: unknown; rev: number }> } };
  return { id: draft.id, fields: body.draft.fields };
}

async function serverValue(o: Official, year: number, cell: string): Promise<unknown> {
  return (await serverDraft(o, year)).fields[`cell:${cell}`]?.value;
}

describe('offline drafting', () => {
  it('keeps edits made offline through a reload and a closed tab, and syncs them when the network returns', async () => {
    const a = await official('zhuoma');
    await a.app.createBlank(2024);
    const id = a.app.draftId();
    await a.app.waitSynced(ALL_SENT);
    // A full load of the editor while online, so its chunks are in the service worker's cache.
    await a.app.openStep('zh', id, 'requests');
    await a.page.screenshot({ path: join(ARTIFACTS, 'drafting-zh-requests.png') });

    await a.context.setOffline(true);
    await a.app.type(PERSON, '༡༢');
    await expect.poll(() => a.app.cell(PERSON).inputValue()).toBe('12');
    await a.page.reload();
    await a.page.locator('.editor .step').waitFor();
    expect(await a.app.cell(PERSON).inputValue()).toBe('12');

    await a.page.close();
    const page = await a.context.newPage();
    const again = new DraftingPage(page);
    await again.openStep('zh', id, 'requests');
    expect(await again.cell(PERSON).inputValue()).toBe('12');
    await expect.poll(() => again.syncStatus.innerText()).toContain(message('zh', 'sync.pending', { count: 1 }));
    expect(await serverValue(a, 2024, PERSON)).toBeNull();

    await a.context.setOffline(false);
    await again.waitSynced(ALL_SENT);
    expect(await serverValue(a, 2024, PERSON)).toBe(12);
  });
});

describe('two officials', () => {
  it('merge edits of different fields, and resolve a field both changed from the conflict card', async () => {
    const a = await official('zhuoma');
    await a.app.createBlank(2025);
    const localId = a.app.draftId();
    await a.app.waitSynced(ALL_SENT);
    const { id } = await serverDraft(a, 2025);

    const b = await official('office');
    await expect.poll(() => b.app.listedDraftIds(), { timeout: 15_000 }).toContain(id);
    await b.app.openStep('zh', id, 'requests');
    await a.app.openStep('zh', localId, 'requests');

    await a.app.type(PERSON, '3');
    await b.app.type(COMMERCIAL, '4');
    await expect.poll(() => serverValue(a, 2025, PERSON), { timeout: 20_000, interval: 500 }).toBe(3);
    await expect.poll(() => serverValue(b, 2025, COMMERCIAL), { timeout: 20_000, interval: 500 }).toBe(4);
    await a.app.syncNow();
    await b.app.syncNow();
    await expect.poll(() => a.app.cell(COMMERCIAL).inputValue()).toBe('4');
    await expect.poll(() => b.app.cell(PERSON).inputValue()).toBe('3');

    // The same field: the phone offline, the office online.
    await a.context.setOffline(true);
    await a.app.type(TOTAL, '5');
    await b.app.type(TOTAL, '7');
    // The office's value is on the server before the phone comes back (the status alone may still
    // say "all sent" from before the edit).
    await expect.poll(() => serverValue(b, 2025, TOTAL), { timeout: 20_000, interval: 500 }).toBe(7);
    await a.context.setOffline(false);
    await expect.poll(() => a.app.conflicts.count(), { timeout: 20_000 }).toBe(1);
    const card = a.app.conflicts.first();
    expect(await card.locator('.mine').innerText()).toBe('5');
    expect(await card.locator('.theirs').innerText()).toBe('7');
    expect(await serverValue(a, 2025, TOTAL)).toBe(7);
    await a.page.screenshot({ path: join(ARTIFACTS, 'drafting-zh-conflict.png') });

    await card.getByRole('button', { name: message('zh', 'editor.conflicts.keepMine') }).click();
    await expect.poll(() => a.app.conflicts.count()).toBe(0);
    // The resolution is an edit like any other: sent 2 s later.
    await expect.poll(() => serverValue(a, 2025, TOTAL), { timeout: 20_000, interval: 500 }).toBe(5);
    await a.app.waitSynced(ALL_SENT);
    await b.app.syncNow();
    await expect.poll(() => b.app.cell(TOTAL).inputValue()).toBe('5');
  });
});

describe('a server restarted during a push', () => {
  it('acknowledges the repeated push again and writes each edit once', async () => {
    const a = await official('zhuoma');
    await a.app.createBlank(2026);
    const localId = a.app.draftId();
    await a.app.waitSynced(ALL_SENT);
    await a.app.openStep('zh', localId, 'requests');

    let pushes = 0;
    a.page.on('request', (request) => {
      if (request.url().endsWith('/api/sync/push')) pushes += 1;
    });
    let restarted = false;
    await a.page.route('**/api/sync/push', async (route) => {
      if (restarted) {
        await route.continue();
        return;
      }
      restarted = true;
      // The server applies the push; before its answer arrives, the server goes down and comes back.
      await route.fetch();
      await server.stop();
      server = await startAppServer(join(ARTIFACTS, 'drafting-server-restarted.log'), { dataDir, port });
      await route.abort('connectionreset');
    });

    await a.app.type(TOTAL, '9');
    await expect.poll(() => restarted, { timeout: 20_000 }).toBe(true);
    await a.app.syncNow();
    await a.app.waitSynced(ALL_SENT, 30_000);
    // The edit left the outbox on an ack of the retried push (the first answer never arrived).
    expect(pushes).toBeGreaterThanOrEqual(2);

    const { id, fields } = await serverDraft(a, 2026);
    expect(fields[`cell:${TOTAL}`]?.value).toBe(9);
    const history = (await (await a.context.request.get(`/api/drafts/${id}/history`)).json()) as {
      entries: { field: string; value: unknown; clientId: string }[];
    };
    const edits = history.entries.filter((e) => e.field === `cell:${TOTAL}` && e.clientId !== '~server');
    expect(edits.map((e) => e.value)).toEqual([9]);
  });
});

describe('Background Sync (Chromium)', () => {
  it('sends an edit made offline from the service worker once every tab of the app is closed', async () => {
    const a = await official('zhuoma');
    await a.app.createBlank(2023);
    const id = a.app.draftId();
    await a.app.waitSynced(ALL_SENT);
    await a.app.openStep('zh', id, 'requests');

    await a.context.setOffline(true);
    await a.app.type(PERSON, '6');
    await expect.poll(() => a.app.syncStatus.innerText()).toContain(message('zh', 'sync.pending', { count: 1 }));
    await a.page.close();
    await a.context.setOffline(false);

    // No window of the app is open (about:blank is not one): the worker syncs by itself. The
    // browser fires `sync` when it sees the network come back; DevTools fires it here at once.
    const blank = await a.context.newPage();
    const cdp = await a.context.newCDPSession(blank);
    const scope = `${server.baseURL}/`;
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const registration = registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
        if (registration !== undefined) resolve(registration.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: server.baseURL, registrationId: await registrationId, tag: 'lotho-sync', lastChance: false });
    await expect.poll(() => serverValue(a, 2023, PERSON), { timeout: 20_000, interval: 500 }).toBe(6);
  });
});
