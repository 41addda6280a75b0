/**
 * Bad input never reaches the data (issue 15), through the real HTTP stack (@hono/node-server on
 * a loopback port) on SQLite and PostgreSQL: fast-check takes a valid body of each route and
 * breaks it (a leaf replaced by a value no field takes, a key with a NUL, nesting too deep, the
 * body wrapped in an array, or any JSON value at all), keeping only bodies the route's own schema
 * or the request reader refuses; hand-written nasties add what a generator does not make (broken
 * UTF-8 byte sequences, addresses, content types). Every answer is a 4xx, the server answers
 * /healthz afterwards, and every table holds what it held before (rows and content digests).
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginRequestSchema } from '../../src/contract/auth.ts';
import { NewDraftRequestSchema, PublishRequestSchema } from '../../src/contract/drafts.ts';
import { KioskHeartbeatSchema } from '../../src/contract/kiosks.ts';
import { PushRequestSchema } from '../../src/contract/sync.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadSeedReport, seedIfEmpty } from '../../src/server/seed.ts';
import { silentLogger } from '../../src/server/logger.ts';
import { TEST_SCRYPT, jsonRequest, login, PASSWORD } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases, type TestDatabase } from './databases.ts';
import { contentOf } from './table-content.ts';

const database = useDatabases(afterEach);
/** Runs of the property per database; each is one request. */
const RUNS = 300;

interface Route {
  path: (draftId: string) => string;
  schema: v.GenericSchema;
  body: (draftId: string, document: unknown) => unknown;
  as: 'none' | 'editor' | 'publisher';
}

const ROUTES: Route[] = [
  { path: () => '/api/auth/login', schema: LoginRequestSchema, body: () => ({ username: 'editor-a', password: PASSWORD }), as: 'none' },
  { path: () => '/api/drafts', schema: NewDraftRequestSchema, body: () => ({ from: 'blank', template: '2021', year: 2025 }), as: 'editor' },
  { path: () => '/api/drafts', schema: NewDraftRequestSchema, body: (_id, document) => ({ from: 'document', document }), as: 'editor' },
  {
    path: () => '/api/sync/push',
    schema: PushRequestSchema,
    body: (draftId) => ({ mutations: [{ clientId: 'fuzz', seq: 1, draftId, field: 'cell:requests.new_received.total', value: 3, baseRev: 1 }, { clientId: 'fuzz', seq: 2, draftId, field: 'text:overview:zh', value: '概述', baseRev: 1 }] }),
    as: 'editor',
  },
  { path: (draftId) => `/api/drafts/${draftId}/publish`, schema: PublishRequestSchema, body: () => ({ acknowledgeWarnings: true, note: '更正' }), as: 'publisher' },
  {
    path: () => '/api/kiosks/heartbeat',
    schema: KioskHeartbeatSchema,
    body: () => ({ kioskId: `k-${'c'.repeat(32)}`, appVersion: '0.1.0', contentVersions: { 'qingduo-2020': 1 }, lastRefresh: '2025-01-10T08:00:00.000Z' }),
    as: 'none',
  },
];

/** Values no field of the API takes, whatever the field (the reader or every schema refuses them). */
const NASTY = fc.constantFrom<unknown>(
  'x\u0000y', '\u0000', '\ud800', 'a\udfffb', 1e300, -1e300, 2 ** 64, 2 ** 53 + 2, -(2 ** 63), { '\u0000': 1 }, [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
);

type Path = (string | number)[];

function leaves(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((child, i) => leaves(child, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, child]) => leaves(child, [...path, k]));
  return [path];
}

function objects(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((child, i) => objects(child, [...path, i]));
  if (typeof value === 'object' && value !== null) return [path, ...Object.entries(value).flatMap(([k, child]) => objects(child, [...path, k]))];
  return [];
}

function replaced(value: unknown, path: Path, make: (old: unknown) => unknown): unknown {
  if (path.length === 0) return make(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((child, i) => (i === head ? replaced(child, rest, make) : child));
  const record = value as Record<string, unknown>;
  return { ...record, [String(head)]: replaced(record[String(head)], rest, make) };
}

/** A broken body: an operation on a valid one, or any JSON value at all. */
const breakage = fc.oneof(
  fc.record({ op: fc.constant('leaf' as const), pick: fc.nat(), nasty: NASTY }),
  fc.record({ op: fc.constant('key' as const), pick: fc.nat(), name: fc.constantFrom('sneaky\u0000', '\ud800', 'a\u0000') }),
  fc.record({ op: fc.constant('deep' as const), pick: fc.nat(), depth: fc.integer({ min: 33, max: 100_000 }) }),
  fc.record({ op: fc.constant('array' as const) }),
  fc.record({ op: fc.constant('any' as const), value: fc.jsonValue({ maxDepth: 6 }) }),
);

type Breakage = typeof breakage extends fc.Arbitrary<infer B> ? B : never;

function broken(valid: unknown, b: Breakage): string {
  if (b.op === 'array') return JSON.stringify([valid]);
  if (b.op === 'any') return JSON.stringify(b.value);
  if (b.op === 'deep') {
    const places = leaves(valid);
    const path = places[b.pick % places.length] ?? [];
    // Built as text: a value 100,000 levels deep is what a client sends, not what we can build.
    const marker = '"\u0001DEEP\u0001"';
    return JSON.stringify(replaced(valid, path, () => '\u0001DEEP\u0001')).replace(marker, `${'['.repeat(b.depth)}${']'.repeat(b.depth)}`);
  }
  if (b.op === 'key') {
    const places = objects(valid);
    const path = places[b.pick % places.length] ?? [];
    return JSON.stringify(replaced(valid, path, (old) => (Array.isArray(old) ? [...old, { [b.name]: 1 }] : { ...(old as object), [b.name]: 1 })));
  }
  const places = leaves(valid);
  return JSON.stringify(replaced(valid, places[b.pick % places.length] ?? [], () => b.nasty));
}

/**
 * True when the body is bad by a definition of the test's own, not the server's: the route's
 * schema refuses it, or it holds a NUL, an unpaired surrogate, a number beyond 2^53 or more than
 * 32 levels of nesting. Only such bodies are sent: a valid one may rightly change the data.
 */
function bad(route: Route, text: string): boolean {
  const seen = { unsafeNumber: false };
  const value: unknown = JSON.parse(text, (_key, x: unknown) => {
    if (typeof x === 'number' && !(Math.abs(x) <= Number.MAX_SAFE_INTEGER)) seen.unsafeNumber = true;
    return x;
  });
  const again = JSON.stringify(value);
  if (seen.unsafeNumber || again.includes('\\u0000') || /\\ud[89a-f][0-9a-f]{2}/iu.test(again)) return true;
  let depth = 0;
  let deepest = 0;
  for (const char of again.replace(/"(?:[^"\\]|\\.)*"/gu, '""')) {
    if (char === '[' || char === '{') deepest = Math.max(deepest, (depth += 1));
    if (char === ']' || char === '}') depth -= 1;
  }
  return deepest > 32 || !v.safeParse(route.schema, value).success;
}

/** Requests a generator does not make: bytes that are not UTF-8, broken JSON, addresses, types. */
function handWritten(draftId: string): { name: string; path: string; init: RequestInit }[] {
  const json = (body: BodyInit, type = 'application/json') => ({ method: 'POST', headers: { 'Content-Type': type }, body });
  const bytes = (...b: number[]) => new Uint8Array(b);
  return [
    { name: 'invalid UTF-8', path: '/api/auth/login', init: json(bytes(0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d)) },
    { name: 'overlong /', path: '/api/auth/login', init: json(bytes(0x7b, 0x22, 0xc0, 0xaf, 0x22, 0x3a, 0x31, 0x7d)) },
    { name: 'UTF-8 surrogate', path: '/api/auth/login', init: json(bytes(0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0x31, 0x7d)) },
    { name: 'truncated UTF-8', path: '/api/kiosks/heartbeat', init: json(bytes(0x7b, 0x22, 0xe4, 0xb8)) },
    // A BOM is read past (RFC 8259 lets a parser ignore it); what follows must still be right.
    { name: 'BOM', path: '/api/auth/login', init: json(`\ufeff${JSON.stringify({ username: 'a' })}`) },
    { name: 'raw NUL', path: '/api/auth/login', init: json('{"username":"a\u0000","password":"b"}') },
    { name: 'truncated JSON', path: '/api/sync/push', init: json('{"mutations":[{"clientId":') },
    { name: '1e400', path: '/api/sync/push', init: json(`{"mutations":[{"clientId":"c","seq":1,"draftId":"${draftId}","field":"cell:requests.new_received.total","value":1e400,"baseRev":1}]}`) },
    { name: '2^53+1 as text', path: '/api/sync/push', init: json(`{"mutations":[{"clientId":"c","seq":1,"draftId":"${draftId}","field":"cell:requests.new_received.total","value":9007199254740993,"baseRev":1}]}`) },
    { name: '100,000 deep', path: '/api/drafts', init: json(`{"from":"document","document":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) },
    { name: 'text/plain', path: '/api/auth/login', init: json('{"username":"a","password":"b"}', 'text/plain') },
    { name: 'form', path: '/api/kiosks/heartbeat', init: json('kioskId=k', 'application/x-www-form-urlencoded') },
    { name: 'a 9 KiB heartbeat', path: '/api/kiosks/heartbeat', init: json(JSON.stringify({ kioskId: 'k-'.padEnd(9_000, 'x') })) },
    { name: 'NUL in a draft id', path: `/api/drafts/${draftId}%00`, init: { method: 'GET' } },
    { name: 'bad %-encoding', path: '/api/drafts/%ff%fe', init: { method: 'GET' } },
    { name: 'overlong in the path', path: '/api/reports/%c0%af', init: { method: 'GET' } },
    { name: 'NUL in a query', path: '/api/sync/pull?cursor=1%00', init: { method: 'GET' } },
    { name: 'a cursor beyond 2^53', path: '/api/sync/pull?cursor=99999999999999999999', init: { method: 'GET' } },
    { name: 'NUL in a report id', path: '/api/reports/qingduo-2020%00', init: { method: 'GET' } },
  ];
}

function listen(app: ReturnType<typeof buildApp>): Promise<{ server: ServerType; base: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ server, base: `http://127.0.0.1:${String(info.port)}` });
    });
  });
}

async function prepared(db: TestDatabase) {
  const { storage } = await apiSetup(db);
  await seedIfEmpty(storage, silentLogger);
  const app = buildApp({ storage, logger: silentLogger, auth: { scrypt: TEST_SCRYPT } });
  const { server, base } = await listen(app);
  const tokens = { none: undefined, editor: await login(app, 'editor-a'), publisher: await login(app, 'publisher-a') };
  const created = await app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2021', year: 2024 }, tokens.editor));
  const { draft } = (await created.json()) as { draft: { id: string } };
  const document = await loadSeedReport();
  return { server, base, tokens, draftId: draft.id, document };
}

describe.each(DATABASES)('fuzzing the API on $kind', ({ create }) => {
  it(`answers ${String(RUNS)} broken bodies and the hand-written nasties with a 4xx, stays up, changes nothing`, { timeout: 300_000 }, async () => {
    const db = await database(create);
    const { server, base, tokens, draftId, document } = await prepared(db);
    try {
      const before = await contentOf(db);
      const statuses = new Map<number, number>();
      let requests = 0;
      const send = async (path: string, init: RequestInit, name: string) => {
        const response = await fetch(`${base}${path}`, init);
        requests += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const text = await response.text();
        expect(response.status, `${name}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${name}: ${text.slice(0, 300)}`).toBeLessThan(500);
      };
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: ROUTES.length - 1 }), breakage, async (which, b) => {
          const route = ROUTES[which] ?? ROUTES[0];
          if (route === undefined) return;
          const text = broken(route.body(draftId, document), b);
          fc.pre(bad(route, text));
          const token = tokens[route.as];
          const headers = { 'Content-Type': 'application/json', ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) };
          await send(route.path(draftId), { method: 'POST', headers, body: text }, `${route.path(draftId)} ${b.op}`);
        }),
        { numRuns: RUNS, seed: 15 },
      );
      for (const nasty of handWritten(draftId)) {
        const token = tokens.editor;
        await send(nasty.path, { ...nasty.init, headers: { ...(nasty.init.headers as Record<string, string> | undefined), Authorization: `Bearer ${token}` } }, nasty.name);
      }
      const health = await fetch(`${base}/healthz`);
      expect(health.status === 200 || health.status === 503).toBe(true);
      expect((await health.json()) as unknown).toMatchObject({ database: 'ok', migrations: 'current' });
      expect(await contentOf(db)).toEqual(before);
      process.stdout.write(`fuzz on ${db.kind}: ${String(requests)} requests (${String(RUNS)} generated runs + ${String(handWritten(draftId).length)} hand-written), statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    } finally {
      server.close();
    }
  });
});
