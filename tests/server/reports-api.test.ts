import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { BOOT_LOADER } from '../../src/contract/boot-loader.ts';
import { ReportIndexSchema, ReportResponseSchema } from '../../src/contract/reports.ts';
import { seedIfEmpty } from '../../src/server/seed.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { captureLogger, memoryStorage, report, testApp } from './helpers.ts';

async function seeded() {
  const storage = await memoryStorage();
  await seedIfEmpty(storage, captureLogger());
  return { storage, ...testApp(storage) };
}

async function json(response: Response): Promise<unknown> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return response.json();
}

describe('GET /api/reports', () => {
  it('lists the seed with id, agency zh/bo, level, year, template, version, updatedAt', async () => {
    const { app } = await seeded();
    const response = await app.request('/api/reports');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/u);
    const index = v.parse(ReportIndexSchema, await json(response));
    expect(index.reports).toHaveLength(1);
    expect(index.reports[0]).toMatchObject({
      id: 'qingduo-2020',
      version: 1,
      agency: { zh: '波密县倾多镇人民政府' },
      level: 'township',
      year: 2020,
      template: '2019',
    });
    expect(Object.keys(index.reports[0] ?? {}).sort()).toEqual(
      ['agency', 'id', 'level', 'template', 'updatedAt', 'version', 'year'],
    );
  });

  it('sorts by agency (Chinese collation), then year, newest first', async () => {
    const storage = await memoryStorage();
    const { app } = testApp(storage);
    await storage.publishReport(report('b-2020', '波密县人民政府', 2020));
    await storage.publishReport(report('a-2019', '安多县人民政府', 2019));
    await storage.publishReport(report('b-2021', '波密县人民政府', 2021));
    await storage.publishReport(report('a-2021', '安多县人民政府', 2021));
    const index = v.parse(ReportIndexSchema, await (await app.request('/api/reports')).json());
    // 安 (ān) before 波 (bō) by pinyin, whatever their code points.
    expect(index.reports.map((r) => r.id)).toEqual(['a-2021', 'a-2019', 'b-2021', 'b-2020']);
  });

  it('answers If-None-Match with 304 until something is published', async () => {
    const { app, storage } = await seeded();
    const etag = (await app.request('/api/reports')).headers.get('etag') ?? '';
    const again = await app.request('/api/reports', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const changed = (await storage.getReport('qingduo-2020'))?.document;
    if (changed === undefined) throw new Error('seed missing');
    changed.cells['active.rules.made'] = 1;
    await storage.publishReport(changed);
    const after = await app.request('/api/reports', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const index = v.parse(ReportIndexSchema, await after.json());
    expect(index.reports[0]?.version).toBe(2);
  });
});

describe('GET /api/reports/:id', () => {
  it('returns the latest document with its version, updatedAt and a strong ETag', async () => {
    const { app, storage } = await seeded();
    const response = await app.request('/api/reports/qingduo-2020');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[\w.-]+"$/u);
    const body = v.parse(ReportResponseSchema, await json(response));
    const stored = await storage.getReport('qingduo-2020');
    expect(body).toEqual({ id: 'qingduo-2020', version: 1, updatedAt: stored?.publishedAt, report: stored?.document });
    expect(body.report.meta.agency.zh).toBe('波密县倾多镇人民政府');
    expect(Object.values(body.report.cells).every((x) => x === 0)).toBe(true);
  });

  it('sends 304 with no body when the client has it, a new ETag once republished', async () => {
    const { app, storage } = await seeded();
    const etag = (await app.request('/api/reports/qingduo-2020')).headers.get('etag') ?? '';
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const cached = await app.request('/api/reports/qingduo-2020', { headers: { 'If-None-Match': header } });
      expect(cached.status, header).toBe(304);
      expect(await cached.text()).toBe('');
      expect(cached.headers.get('etag')).toBe(etag);
    }
    const doc = (await storage.getReport('qingduo-2020'))?.document;
    if (doc === undefined) throw new Error('seed missing');
    doc.meta.agency.bo = 'སྤོ་མེས།';
    await storage.publishReport(doc);
    const fresh = await app.request('/api/reports/qingduo-2020', { headers: { 'If-None-Match': etag } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(etag);
    expect(v.parse(ReportResponseSchema, await fresh.json()).version).toBe(2);
  });

  it('changes the ETag even when the same document is published again (the version is in the body)', async () => {
    const { app, storage } = await seeded();
    const etag = (await app.request('/api/reports/qingduo-2020')).headers.get('etag');
    const doc = (await storage.getReport('qingduo-2020'))?.document;
    if (doc === undefined) throw new Error('seed missing');
    await storage.publishReport(doc);
    expect((await app.request('/api/reports/qingduo-2020')).headers.get('etag')).not.toBe(etag);
  });

  it('answers HEAD like GET without a body', async () => {
    const { app } = await seeded();
    const head = await app.request('/api/reports/qingduo-2020', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeTruthy();
    expect(await head.text()).toBe('');
  });

  it('gives a JSON 404 with a code for an unknown id', async () => {
    const { app } = await seeded();
    const response = await app.request('/api/reports/lhasa-2020');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await json(response)).toEqual({
      error: { code: 'report_not_found', message: expect.stringContaining('lhasa-2020') as unknown },
    });
  });

  it.each(['Qingduo-2020', '-x', 'a_b', 'a'.repeat(65), '%E5%80%BE%E5%A4%9A', 'a%20b'])('gives a JSON 400 for the id %s', async (id) => {
    const { app } = await seeded();
    const response = await app.request(`/api/reports/${id}`);
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: { code: 'invalid_report_id' } });
  });

  it('refuses writes with 405 for now', async () => {
    const { app } = await seeded();
    const response = await app.request('/api/reports/qingduo-2020', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await json(response)).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});

describe('the API as a whole', () => {
  it('gives a JSON 404 for an unknown /api path', async () => {
    const { app } = await seeded();
    for (const path of ['/api', '/api/', '/api/nothing', '/api/reports/qingduo-2020/files']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(await json(response), path).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('sets security headers on every response: the app\'s CSP on documents (no inline script but the boot loader), nothing may load or frame an API answer', async () => {
    const { app } = await seeded();
    // No build here: '/' is the JSON 404 of a path outside /api, headed as a document would be.
    const document = await app.request('/');
    const csp = document.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'sha256-");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(/script-src ([^;]*)/u.exec(csp)?.[1]).toBe(`'self' 'sha256-${createHash('sha256').update(BOOT_LOADER).digest('base64')}'`);
    expect(document.headers.get('x-content-type-options')).toBe('nosniff');
    expect(document.headers.get('referrer-policy')).toBe('no-referrer');
    expect(document.headers.get('x-frame-options')).toBe('DENY');
    expect(document.headers.get('permissions-policy')).toContain('camera=()');
    expect(document.headers.get('x-powered-by')).toBeNull();
    for (const path of ['/api', '/api/reports', '/api/reports/nope', '/api/reports/BAD', '/api/x']) {
      const response = await app.request(path);
      expect(response.headers.get('content-security-policy'), path).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
      // What only a page uses is not sent: JSON runs nothing and opens no window.
      expect(response.headers.get('permissions-policy'), path).toBeNull();
      expect(response.headers.get('cross-origin-opener-policy'), path).toBeNull();
    }
  });

  it('turns an unexpected failure into a JSON 500 without a stack; the stack goes to the log', async () => {
    const storage = await memoryStorage();
    const failing: ServerStorage = {
      ...storage,
      listReports: () => Promise.reject(new Error('disk I/O error at /var/secret/path')),
    };
    const { app, logger } = testApp(failing);
    const response = await app.request('/api/reports');
    expect(response.status).toBe(500);
    const text = await response.text();
    // Only the request's id, which its log lines carry too.
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: 'Internal server error', requestId: response.headers.get('x-request-id') } });
    expect(text).not.toMatch(/secret|\bat\s|\.ts:\d+/u);
    const logged = logger.lines.find((l) => l.msg === 'unhandled error');
    expect(logged?.detail).toContain('disk I/O error');
    expect(logged?.stack).toContain('Error: disk I/O error');
  });

  it('refuses a body over the limit with a JSON 413', async () => {
    const storage = await memoryStorage();
    const { app } = testApp(storage, { maxBodyBytes: 1024 });
    const response = await app.request('/api/reports', {
      method: 'POST',
      body: 'x'.repeat(2048),
      headers: { 'Content-Type': 'application/json', 'Content-Length': '2048' },
    });
    expect(response.status).toBe(413);
    expect(await json(response)).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('logs one structured line per request: method, path, status, ms', async () => {
    const { app, logger } = await seeded();
    await app.request('/api/reports/nope?secret=1');
    const line = logger.lines.find((l) => l.msg === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/api/reports/nope', status: 404 });
    expect(typeof line?.ms).toBe('number');
    expect(JSON.stringify(line)).not.toContain('secret');
  });
});

describe('compression', () => {
  it('gzips the document for clients that accept it, with a weak ETag that still revalidates', async () => {
    const { app } = await seeded();
    const plain = await app.request('/api/reports/qingduo-2020');
    const size = (await plain.arrayBuffer()).byteLength;
    const zipped = await app.request('/api/reports/qingduo-2020', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('Accept-Encoding');
    expect(zipped.headers.get('etag')).toBe(`W/${plain.headers.get('etag') ?? ''}`);
    const body = zipped.body;
    if (body === null) throw new Error('no body');
    const compressed = (await new Response(body).arrayBuffer()).byteLength;
    expect(compressed).toBeLessThan(size / 3);
    const cached = await app.request('/api/reports/qingduo-2020', {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': zipped.headers.get('etag') ?? '' },
    });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('vary')).toBe('Accept-Encoding');
  });
});
