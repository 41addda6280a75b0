/**
 * With JavaScript off, a page that is not pre-rendered says so in both languages and links to the
 * pre-rendered report it is about (issue 12): the app shell the server sends carries a <noscript>.
 */
import { describe, expect, it } from 'vitest';
import zhCN from '../../locales/zh-CN.json';
import boJson from '../../locales/bo.json';
import { lookupMessage } from '../../src/report/labels.ts';
import { reportOfAddress } from '../../src/server/noscript.ts';
import { seedIfEmpty } from '../../src/server/seed.ts';
import { fakeBuild, PAGE } from './fake-build.ts';
import { captureLogger, memoryStorage, testApp } from './helpers.ts';

const text = (messages: typeof zhCN, key: string): string => lookupMessage(messages, key) ?? `missing ${key}`;

async function app() {
  const storage = await memoryStorage();
  await seedIfEmpty(storage, captureLogger());
  return testApp(storage, { staticDir: fakeBuild() }).app;
}

/** The links of the page's <noscript>, and its text; null without one. */
async function noscriptOf(response: Response): Promise<{ links: string[]; text: string } | null> {
  const html = await response.text();
  const block = /<noscript>(.*?)<\/noscript>/su.exec(html)?.[1];
  if (block === undefined) return null;
  return { links: [...block.matchAll(/href="([^"]*)"/gu)].map((m) => m[1] ?? ''), text: block.replace(/<[^>]+>/gu, '') };
}

describe('the app shell with JavaScript off', () => {
  it('links the side-by-side view and the kiosk to their report\'s pre-rendered pages, in both languages', async () => {
    const server = await app();
    for (const path of ['/zh/reports/qingduo-2020/side-by-side', '/bo/reports/qingduo-2020/side-by-side', '/kiosk?reports=qingduo-2020,other-2021&langs=bo']) {
      const response = await server.request(path);
      expect(response.status, path).toBe(200);
      const noscript = await noscriptOf(response);
      expect(noscript?.links, path).toEqual(['/zh/reports/qingduo-2020', '/bo/reports/qingduo-2020']);
      for (const key of ['app.noscript.needsScript', 'app.noscript.readReport']) {
        expect(noscript?.text, path).toContain(text(zhCN, key));
        expect(noscript?.text, path).toContain(text(boJson, key));
      }
    }
  });

  it('links every other page to the home page of each language', async () => {
    const server = await app();
    for (const [path, status] of [['/kiosk', 200], ['/kiosk/setup', 200], ['/zh/drafts', 200], ['/bo/sign-in', 200], ['/', 200], ['/nowhere', 404]] as const) {
      const response = await server.request(path);
      expect(response.status, path).toBe(status);
      const noscript = await noscriptOf(response);
      expect(noscript?.links, path).toEqual(['/zh', '/bo']);
      expect(noscript?.text, path).toContain(text(zhCN, 'app.noscript.readReports'));
      expect(noscript?.text, path).toContain(text(boJson, 'app.noscript.readReports'));
    }
  });

  it('is not added to a pre-rendered page, which reads without scripts', async () => {
    const response = await (await app()).request('/zh/reports/qingduo-2020');
    expect(await response.text()).toBe(PAGE);
  });

  it('is revalidated by an ETag of what was sent', async () => {
    const server = await app();
    const first = await server.request('/kiosk?reports=qingduo-2020');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect((await server.request('/kiosk?reports=qingduo-2020', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    // Another report, another body: the tag does not match.
    expect((await server.request('/kiosk?reports=other-2021', { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });

  it('names only report ids an address may hold', () => {
    const none = new URLSearchParams();
    expect(reportOfAddress('/zh/reports/qingduo-2020/side-by-side', none)).toBe('qingduo-2020');
    expect(reportOfAddress('/zh/reports/qingduo-2020', none)).toBeUndefined();
    expect(reportOfAddress('/zh/reports/..%2F..%2Fetc/side-by-side', none)).toBeUndefined();
    expect(reportOfAddress('/zh/reports/%E0%A4/side-by-side', none)).toBeUndefined();
    expect(reportOfAddress('/kiosk', new URLSearchParams('reports=<b>,x'))).toBeUndefined();
    expect(reportOfAddress('/kiosk/', new URLSearchParams('reports=b-2021'))).toBe('b-2021');
  });
});
