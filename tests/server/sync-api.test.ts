/**
 * Push and pull over HTTP on both databases: acks, repeats, conflicts, agency scoping, and bodies
 * refused with a clear 4xx and nothing stored.
 */
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftResponseSchema } from '../../src/contract/drafts.ts';
import { PullResponseSchema, PushResponseSchema } from '../../src/contract/sync.ts';
import type { Mutation } from '../../src/contract/sync.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { bearer, jsonRequest, login, PASSWORD, TEST_SCRYPT } from './accounts.ts';
import { apiSetup, DAY, type ApiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);
const TOTAL = 'cell:requests.new_received.total';

async function withDraft(setup: ApiSetup): Promise<{ token: string; draftId: string; cursor: number }> {
  const token = await login(setup.app, 'editor-a');
  const response = await setup.app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2021', year: 2024 }, token));
  const { draft } = v.parse(DraftResponseSchema, await response.json());
  return { token, draftId: draft.id, cursor: draft.cursor };
}

describe.each(DATABASES)('sync API on $kind', ({ create }) => {
  it('answers a push and a pull with every header of an API answer, and keeps a session cookie renewed before the route', async () => {
    const setup = await apiSetup(await database(create));
    const { app } = setup;
    const { token, draftId } = await withDraft(setup);
    const mutation: Mutation = { clientId: 'office', seq: 1, draftId, field: TOTAL, value: 3, baseRev: 1 };
    const expectApiHeaders = (response: Response, what: string) => {
      expect(response.headers.get('content-type'), what).toMatch(/^application\/json/u);
      expect(response.headers.get('cache-control'), what).toBe('no-store');
      expect(response.headers.get('x-request-id'), what).toMatch(/^[0-9a-f-]{36}$/u);
      expect(response.headers.get('content-security-policy'), what).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), what).toBe('DENY');
      expect(response.headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
      expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
    };
    const pushed = await app.request('/api/sync/push', jsonRequest('POST', { mutations: [mutation] }, token));
    expect(pushed.status).toBe(200);
    expectApiHeaders(pushed, 'push');
    expect(pushed.headers.get('set-cookie')).toBeNull();
    expectApiHeaders(await app.request('/api/sync/pull?cursor=0', bearer(token)), 'pull');
    // A pull large enough to be compressed: the gzip middleware makes a new response, headed alike.
    const prose: Mutation = { ...mutation, seq: 3, field: 'text:overview:zh', value: '概述'.repeat(1000) };
    expect((await app.request('/api/sync/push', jsonRequest('POST', { mutations: [prose] }, token))).status).toBe(200);
    const gzipped = await app.request('/api/sync/pull?cursor=0', { headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expectApiHeaders(gzipped, 'gzipped pull');
    // Days later the session's expiry slides, and a cookie session gets its cookie again.
    setup.advance(20 * DAY);
    const renewed = await app.request('/api/sync/push', jsonRequest('POST', { mutations: [{ ...mutation, seq: 2, value: 4, baseRev: 2 }] }, undefined, { Cookie: `lotho_session=${token}` }));
    expect(renewed.status).toBe(200);
    expectApiHeaders(renewed, 'push renewing the cookie');
    expect(renewed.headers.get('set-cookie')).toMatch(/^lotho_session=/u);
  });

  it('pushes, acknowledges a repeat again, surfaces a conflict with both values, and pulls after a cursor', async () => {
    const setup = await apiSetup(await database(create));
    const { app } = setup;
    const { token, draftId, cursor } = await withDraft(setup);
    const m = (over: Partial<Mutation>): Mutation => ({ clientId: 'office', seq: 1, draftId, field: TOTAL, value: 3, baseRev: 1, ...over });
    const push = async (mutations: Mutation[], as = token) => app.request('/api/sync/push', jsonRequest('POST', { mutations }, as));

    const first = await push([m({}), m({ seq: 2, field: 'text:overview:zh', value: '概述' })]);
    expect(first.status).toBe(200);
    const acks = v.parse(PushResponseSchema, await first.json()).acks;
    expect(acks).toEqual([
      { clientId: 'office', seq: 1, status: 'applied', rev: 2 },
      { clientId: 'office', seq: 2, status: 'applied', rev: 1 },
    ]);
    expect(v.parse(PushResponseSchema, await (await push([m({}), m({ seq: 2, field: 'text:overview:zh', value: '概述' })])).json()).acks).toEqual(acks);

    // Another official, offline since rev 1, changed the same cell: both values kept.
    const publisher = await login(app, 'publisher-a');
    const conflict = v.parse(PushResponseSchema, await (await push([m({ clientId: 'village', value: 7 })], publisher)).json()).acks[0];
    expect(conflict).toMatchObject({ clientId: 'village', status: 'conflict', rev: 2, theirs: 3 });

    const pulled = v.parse(PullResponseSchema, await (await app.request(`/api/sync/pull?cursor=${cursor}`, bearer(token))).json());
    expect(pulled.changes.map((c) => [c.field, c.value, c.rev])).toEqual([[TOTAL, 3, 2], ['text:overview:zh', '概述', 1]]);
    expect(pulled.conflicts).toEqual([expect.objectContaining({ draftId, field: TOTAL, mine: 7, mineClientId: 'village', theirs: 3, theirsRev: 2 })]);
    expect(pulled).toMatchObject({ cursor: cursor + 2, more: false });
    const empty = v.parse(PullResponseSchema, await (await app.request(`/api/sync/pull?cursor=${pulled.cursor}`, bearer(token))).json());
    expect(empty.changes).toEqual([]);
    const paged = v.parse(PullResponseSchema, await (await app.request('/api/sync/pull?cursor=0&limit=10', bearer(token))).json());
    expect(paged).toMatchObject({ more: true, cursor: 10 });
    for (const query of ['cursor=-1', 'cursor=abc', 'cursor=1.5', 'limit=0x10']) {
      const response = await app.request(`/api/sync/pull?${query}`, bearer(token));
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_query' } });
    }
  });

  it('refuses a push naming another agency\'s draft (403) and stores none of the batch', async () => {
    const setup = await apiSetup(await database(create));
    const { app } = setup;
    const { token, draftId, cursor } = await withDraft(setup);
    const b = await login(app, 'editor-b');
    const intruder = await app.request('/api/sync/push', jsonRequest('POST', {
      mutations: [{ clientId: 'b', seq: 1, draftId, field: TOTAL, value: 1, baseRev: 1 }],
    }, b));
    expect(intruder.status).toBe(403);
    expect(await intruder.json()).toMatchObject({ error: { code: 'forbidden' } });
    // A batch mixing an own draft with a foreign or unknown one is refused whole.
    for (const other of ['dnothing', draftId]) {
      const mixed = await app.request('/api/sync/push', jsonRequest('POST', {
        mutations: [{ clientId: 'b', seq: 2, draftId: other, field: TOTAL, value: 1, baseRev: 1 }],
      }, b));
      expect(mixed.status).toBe(403);
    }
    const pulled = v.parse(PullResponseSchema, await (await app.request(`/api/sync/pull?cursor=${cursor}`, bearer(token))).json());
    expect(pulled.changes).toEqual([]);
    expect((await app.request('/api/sync/push', jsonRequest('POST', { mutations: [] }))).status).toBe(401);
    expect((await app.request('/api/sync/pull')).status).toBe(401);
  });

  it('answers a bad body with a clear 4xx and stores nothing', async () => {
    const setup = await apiSetup(await database(create));
    const { app } = setup;
    const { token, draftId, cursor } = await withDraft(setup);
    const good = { clientId: 'office', seq: 1, draftId, field: TOTAL, value: 1, baseRev: 1 };
    const send = (body: unknown, headers: Record<string, string> = {}) => app.request('/api/sync/push', jsonRequest('POST', body, token, headers));
    const cases: [string, unknown, number, string, RegExp][] = [
      ['unknown key', { mutations: [{ ...good, sneaky: true }] }, 400, 'invalid_body', /unknown key mutations\.0\.sneaky/u],
      ['unknown top-level key', { mutations: [good], force: true }, 400, 'invalid_body', /unknown key force/u],
      ['wrong type', { mutations: [{ ...good, seq: '1' }] }, 400, 'invalid_body', /mutations\.0\.seq/u],
      ['not an array', { mutations: good }, 400, 'invalid_body', /mutations/u],
      ['negative count', { mutations: [good, { ...good, seq: 2, value: -3 }] }, 422, 'invalid_field', /mutations\.1 \(cell:requests\.new_received\.total\): a count is a non-negative integer/u],
      ['fractional count', { mutations: [{ ...good, value: 2.5 }] }, 422, 'invalid_field', /non-negative integer/u],
      ['text in a cell', { mutations: [{ ...good, value: '12' }] }, 422, 'invalid_field', /finite number/u],
      ['unknown cell', { mutations: [{ ...good, field: 'cell:requests.nothing.total' }] }, 422, 'invalid_field', /not a cell/u],
      ['fixed year', { mutations: [{ ...good, field: 'meta:year', value: 2025 }] }, 422, 'invalid_field', /fixed/u],
      ['oversized text', { mutations: [{ ...good, field: 'text:overview:zh', value: 'x'.repeat(200_001) }] }, 400, 'invalid_body', /text too long/u],
      ['bad field key', { mutations: [{ ...good, field: 'cell:x; DROP TABLE drafts' }] }, 400, 'invalid_body', /field/u],
      ['unsafe seq', { mutations: [{ ...good, seq: 2 ** 60 }] }, 400, 'invalid_body', /at most/u],
      ['too many', { mutations: Array.from({ length: 501 }, (_, i) => ({ ...good, seq: i + 1 })) }, 400, 'invalid_body', /mutations/u],
      ['malformed JSON', '{"mutations": [', 400, 'invalid_json', /not JSON/u],
    ];
    for (const [name, body, status, code, message] of cases) {
      const response = await send(body);
      expect(response.status, name).toBe(status);
      const error = (await response.json()) as { error: { code: string; message: string; field?: string } };
      expect(error.error.code, name).toBe(code);
      expect(error.error.message, name).toMatch(message);
      if (status === 422) expect(error.error.field, name).toMatch(/^(cell|meta):/u);
    }
    const huge = await send({ mutations: [{ ...good, field: 'text:overview:zh', value: 'x'.repeat(1_100_000) }] });
    expect(huge.status).toBe(413);
    const form = await app.request('/api/sync/push', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' }, body: JSON.stringify({ mutations: [good] }) });
    expect(form.status).toBe(415);

    const pulled = v.parse(PullResponseSchema, await (await app.request(`/api/sync/pull?cursor=${cursor}`, bearer(token))).json());
    expect(pulled.changes).toEqual([]);
    // The refused mutations left no ack behind: the same (clientId, seq) is applied now.
    const now = v.parse(PushResponseSchema, await (await send({ mutations: [good] })).json());
    expect(now.acks).toEqual([{ clientId: 'office', seq: 1, status: 'applied', rev: 2 }]);
  });
  it('refuses the next push of a device at once when its session ends: signed out, account disabled or reset, expired', async () => {
    const setup = await apiSetup(await database(create));
    const { app, storage } = setup;
    const { token, draftId } = await withDraft(setup);
    const admin = await login(app, 'admin');
    const userId = (await storage.getCredentials('editor-a'))?.user.id ?? 0;
    let seq = 0;
    // Each device pushes edit after edit, so its token, its digest and its session are in the server's memory.
    const push = (device: string) => {
      seq += 1;
      const mutation: Mutation = { clientId: 'office', seq, draftId, field: TOTAL, value: seq, baseRev: 1 };
      return app.request('/api/sync/push', jsonRequest('POST', { mutations: [mutation] }, device));
    };
    const pushesThenRefused = async (device: string, end: () => Promise<void>) => {
      for (let i = 0; i < 3; i += 1) expect((await push(device)).status).toBe(200);
      await end();
      expect((await push(device)).status).toBe(401);
    };
    const ends = (request: () => Response | Promise<Response>, status: number) => async () => {
      expect((await request()).status).toBe(status);
    };
    await pushesThenRefused(token, ends(() => app.request('/api/auth/logout', { method: 'POST', ...bearer(token) }), 204));
    const disabled = await login(app, 'editor-a');
    await pushesThenRefused(disabled, ends(() => app.request(`/api/accounts/${userId}`, jsonRequest('PATCH', { disabled: true }, admin)), 200));
    expect((await app.request(`/api/accounts/${userId}`, jsonRequest('PATCH', { disabled: false }, admin))).status).toBe(200);
    const reset = await login(app, 'editor-a');
    await pushesThenRefused(reset, ends(() => app.request(`/api/accounts/${userId}/reset`, jsonRequest('POST', {}, admin)), 200));
    // Signed in again with the one-time code and a new password: pushes go on, until the session
    // has not been used for its whole lifetime (30 days).
    await storage.changeAccount(userId, { kind: 'password', passwordHash: await hashPassword(PASSWORD, TEST_SCRYPT) }, 'editor-a');
    const idle = await login(app, 'editor-a');
    await pushesThenRefused(idle, () => {
      setup.advance(30 * DAY + 1);
      return Promise.resolve();
    });
  });
});
