/**
 * The one request reader (src/server/request-reader.ts) in front of every /api route: bodies that
 * are not strict UTF-8, hold a NUL or an unpaired surrogate, nest deeper than 32 levels, or carry
 * a number JSON cannot hold exactly are 400 before any route runs; addresses with a NUL or a
 * malformed %-encoding name nothing. The issue-15 cases first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { jsonProblem, MAX_DEPTH } from '../../src/server/request-reader.ts';
import { login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);

function raw(body: string | Uint8Array<ArrayBuffer>, token?: string, type = 'application/json'): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': type, ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) }, body };
}

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('jsonProblem', () => {
  it('names the place of a NUL, an unpaired surrogate, a number beyond 2^53, or nesting too deep', () => {
    expect(jsonProblem({ a: [{ b: 'x\u0000y' }] })).toBe('a.0.b: a NUL character');
    expect(jsonProblem(JSON.parse('{"name":"\\ud800"}'))).toBe('name: an unpaired surrogate (not Unicode text)');
    expect(jsonProblem({ n: 2 ** 64 })).toMatch(/^n: numbers are at most ±9007199254740991$/u);
    expect(jsonProblem(JSON.parse('[1e400]'))).toMatch(/^0: numbers are at most/u);
    expect(jsonProblem(JSON.parse(deep(100_000)))).toMatch(/nested deeper than 32 levels$/u);
    expect(jsonProblem(JSON.parse(deep(MAX_DEPTH)))).toBeUndefined();
    expect(jsonProblem({ 'k\u0000': 1 })).toMatch(/a key with a NUL/u);
    expect(jsonProblem({ ok: ['ཆུ་མདོ། 😀', 9007199254740991, -1.5, null, true] })).toBeUndefined();
  });
});

describe.each(DATABASES)('the request reader on $kind', ({ create }) => {
  it('answers every malformed body 400 before the route, and stores nothing', async () => {
    const setup = await apiSetup(await database(create));
    const { app, storage } = setup;
    const token = await login(app, 'editor-a');
    const rawNul = new TextEncoder().encode('{"username":"editor-a\u0000","password":"x"}');
    const cases: [string, string, RequestInit, number, RegExp][] = [
      ['invalid UTF-8', '/api/auth/login', raw(new Uint8Array([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 400, /not UTF-8/u],
      ['overlong UTF-8', '/api/auth/login', raw(new Uint8Array([0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d])), 400, /not UTF-8/u],
      ['a raw NUL', '/api/auth/login', raw(rawNul), 400, /not JSON: Bad control character/u],
      ['NUL in a login name', '/api/auth/login', raw(JSON.stringify({ username: 'editor-a\u0000', password: 'correct horse battery' })), 400, /username: a NUL/u],
      ['100,000 levels deep', '/api/drafts', raw(`{"from":"document","document":${deep(100_000)}}`, token), 400, /deeper than 32/u],
      ['a count of 1e300', '/api/sync/push', raw('{"mutations":[{"clientId":"c","seq":1,"draftId":"d","field":"cell:x","value":1e300,"baseRev":0}]}', token), 400, /mutations\.0\.value: numbers are at most/u],
      ['2^53+1', '/api/sync/push', raw('{"mutations":[{"clientId":"c","seq":9007199254740993,"draftId":"d","field":"cell:x","value":1,"baseRev":0}]}', token), 400, /mutations\.0\.seq/u],
      ['a lone surrogate', '/api/kiosks/heartbeat', raw('{"kioskId":"\\udc00"}'), 400, /kioskId: an unpaired surrogate/u],
      ['a form', '/api/auth/login', raw('username=a', undefined, 'application/x-www-form-urlencoded'), 415, /Content-Type/u],
    ];
    for (const [name, path, init, status, message] of cases) {
      const response = await app.request(path, init);
      expect(response.status, name).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message, name).toMatch(message);
    }
    expect(await storage.listDrafts('town-a')).toEqual([]);
    expect(await storage.listKiosks()).toEqual([]);
  });

  it('answers an address with a NUL or a malformed %-encoding 404, a query 400', async () => {
    const { app } = await apiSetup(await database(create));
    const token = await login(app, 'editor-a');
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    for (const path of ['/api/drafts/d%00x', '/api/drafts/%ff', '/api/reports/%E4%B8', '/api/drafts/d%0Ax/history']) {
      expect((await app.request(path, auth)).status, path).toBe(404);
    }
    for (const query of ['cursor=%00', 'cursor=%zz', 'limit=1%ff']) {
      const response = await app.request(`/api/sync/pull?${query}`, auth);
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_query' } });
    }
  });
});

describe.each(DATABASES)('an array where an object is asked for, on $kind', ({ create }) => {
  it('is 400 on every route, the kiosk heartbeat of issue 15 first, and nothing is stored', async () => {
    const { app, storage } = await apiSetup(await database(create));
    const token = await login(app, 'editor-a');
    const heartbeat = { kioskId: `k-${'b'.repeat(32)}`, appVersion: '0.1.0', contentVersions: [], lastRefresh: null };
    const beat = await app.request('/api/kiosks/heartbeat', raw(JSON.stringify(heartbeat)));
    expect(beat.status).toBe(400);
    expect(await beat.json()).toEqual({ error: { code: 'invalid_body', message: 'contentVersions: expected an object, got an array' } });
    expect(await storage.listKiosks()).toEqual([]);
    const draft = await app.request('/api/drafts', raw('[{"from":"blank"}]', token));
    expect(draft.status).toBe(400);
    const push = await app.request('/api/sync/push', raw('[]', token));
    expect(await push.json()).toMatchObject({ error: { code: 'invalid_body' } });
  });
});
