import { existsSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressAssets } from '../../src/server/precompress.ts';
import { withoutNoscript } from './fake-build.ts';
import { memoryStorage, testApp } from './helpers.ts';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head></html>';

/** A fake Vite build next to a secret the server must never hand out. */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'lotho-static-'));
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Lotho"}');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1);');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dist, '.env'), 'SECRET=1');
  symlinkSync(join(root, 'secret.txt'), join(dist, 'link.txt'));
  return dist;
}

async function appWithBuild() {
  return testApp(await memoryStorage(), { staticDir: fakeBuild() }).app;
}

describe('static files of the app build', () => {
  it('serves hashed assets for a year, immutable, with their type', async () => {
    const app = await appWithBuild();
    const js = await app.request('/assets/index-abc123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1);');
    expect((await app.request('/assets/index-abc123.css')).headers.get('content-type')).toMatch(/^text\/css/u);
  });

  it('sends the full security headers on pages and the service worker, the API\'s on API answers, only nosniff and CORP on assets', async () => {
    const app = await appWithBuild();
    for (const path of ['/index.html', '/zh/reports/qingduo-2020', '/sw.js']) {
      const response = await app.request(path);
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
    }
    const api = await app.request('/api/reports');
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(api.headers.get('permissions-policy')).toBeNull();
    for (const path of ['/assets/index-abc123.js', '/assets/index-abc123.css', '/manifest.webmanifest']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(response.headers.get('content-security-policy'), path).toBeNull();
      expect(response.headers.get('permissions-policy'), path).toBeNull();
    }
  });

  it('sends the build\'s Brotli copy of an asset to a browser that takes br, the file itself otherwise', async () => {
    const dist = fakeBuild();
    const script = `export const text = ${JSON.stringify('倾多镇 '.repeat(400))};`;
    writeFileSync(join(dist, 'assets', 'big-abc123.js'), script);
    const { files } = await precompressAssets(join(dist, 'assets'));
    expect(files).toBe(1);
    const app = testApp(await memoryStorage(), { staticDir: dist }).app;

    const br = await app.request('/assets/big-abc123.js', { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/iu);
    const body = Buffer.from(await br.arrayBuffer());
    expect(body.byteLength).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(body).toString('utf8')).toBe(script);

    for (const accept of ['gzip', 'br;q=0, gzip', undefined]) {
      const other = await app.request('/assets/big-abc123.js', { headers: accept === undefined ? {} : { 'Accept-Encoding': accept } });
      expect(other.headers.get('content-encoding'), accept).not.toBe('br');
      expect(other.headers.get('etag'), accept).not.toBe(br.headers.get('etag'));
    }
    // Revalidation matches the encoding's own ETag.
    const again = await app.request('/assets/big-abc123.js', { headers: { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    // Small files get no copy; pages are never precompressed (they are rewritten after the build).
    expect(existsSync(join(dist, 'assets', 'index-abc123.js.br'))).toBe(false);
  });

  it('compresses a page or the service worker as Brotli once per version of the file, never serving an old version', async () => {
    const dist = fakeBuild();
    const pagePath = join(dist, 'page.html');
    const first = `<!doctype html><p>${'倾多镇 2020 '.repeat(300)}</p>`;
    writeFileSync(pagePath, first);
    const app = testApp(await memoryStorage(), { staticDir: dist }).app;
    const accept = { 'Accept-Encoding': 'gzip, br' };

    const br = await app.request('/page.html', { headers: accept });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/iu);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString('utf8')).toBe(first);

    // Publishing rewrites the page in place: the next answer is the new text.
    const second = first.replace('2020', '2021');
    writeFileSync(pagePath, second);
    utimesSync(pagePath, new Date(), new Date(Date.now() + 5_000));
    const after = await app.request('/page.html', { headers: accept });
    expect(brotliDecompressSync(Buffer.from(await after.arrayBuffer())).toString('utf8')).toBe(second);
    expect(after.headers.get('etag')).not.toBe(br.headers.get('etag'));

    const plain = await app.request('/page.html', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(plain.headers.get('content-encoding')).not.toBe('br');

    // The service worker script too (rewritten by each build, ~50 kB).
    const worker = `self.addEventListener('install', () => {}); // ${'precache '.repeat(200)}`;
    writeFileSync(join(dist, 'sw.js'), worker);
    const sw = await app.request('/sw.js', { headers: accept });
    expect(sw.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await sw.arrayBuffer())).toString('utf8')).toBe(worker);
  });

  it('serves index.html, sw.js and the manifest with no-cache, and revalidates them by ETag', async () => {
    const app = await appWithBuild();
    for (const [path, type] of [
      ['/index.html', 'text/html'],
      ['/sw.js', 'text/javascript'],
      ['/manifest.webmanifest', 'application/manifest+json'],
    ] as const) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
      expect(response.headers.get('content-type'), path).toContain(type);
      const etag = response.headers.get('etag') ?? '';
      const again = await app.request(path, { headers: { 'If-None-Match': etag } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
    }
  });

  it.each(['/', '/zh', '/zh/reports/qingduo-2020', '/bo/', '/bo/reports/x', '/kiosk', '/kiosk/qingduo-2020'])(
    'answers the app route %s with index.html',
    async (path) => {
      const app = await appWithBuild();
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(withoutNoscript(await response.text())).toBe(INDEX);
    },
  );

  it('lets the app render an unknown page (status 404); a missing file is a plain 404', async () => {
    const app = await appWithBuild();
    const page = await app.request('/no-such-page');
    expect(page.status).toBe(404);
    expect(withoutNoscript(await page.text())).toBe(INDEX);
    const file = await app.request('/assets/missing-123.js');
    expect(file.status).toBe(404);
    expect(await file.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('keeps /api JSON even with a build: unknown API paths are not the app', async () => {
    const app = await appWithBuild();
    const response = await app.request('/api/unknown');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it.each([
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/.env',
    '/link.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('never serves anything outside the build: %s', async (path) => {
    const app = await appWithBuild();
    const response = await app.request(path);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).not.toContain('do not serve');
    expect(text).not.toContain('SECRET');
  });
});

describe('without an app build', () => {
  it('serves the API alone and answers / with a JSON 404', async () => {
    const { app } = testApp(await memoryStorage(), { staticDir: join(tmpdir(), 'lotho-no-such-dist') });
    expect((await app.request('/api/reports')).status).toBe(200);
    const root = await app.request('/');
    expect(root.status).toBe(404);
    expect(await root.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
