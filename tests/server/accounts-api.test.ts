/**
 * Accounts managed in the app (`/api/accounts`, `POST /api/auth/password`) on both databases: an
 * admin manages the accounts of their own subtree only (never another subtree, nothing above,
 * not their own account), one-time codes must be replaced before anything else, a disabled or
 * reset account's sessions end at once (through the session cache), and every change is in the
 * audit history, which cannot be changed.
 */
import type { Hono } from 'hono';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { AccountsResponseSchema, OneTimeCodeResponseSchema } from '../../src/contract/accounts.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { bearer, jsonRequest, login, PASSWORD, TEST_SCRYPT } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);

async function accounts(app: Hono, token: string) {
  const response = await app.request('/api/accounts', bearer(token));
  expect(response.status, await response.clone().text()).toBe(200);
  return v.parse(AccountsResponseSchema, await response.json());
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string } };
  return body.error.code;
}

/** Another county beside 波密县, with its own admin; and an admin of the township town-a. */
async function moreAccounts(storage: ServerStorage): Promise<void> {
  await storage.createAgency({ id: 'other', nameZh: '察隅县人民政府', level: 'county' });
  await storage.createAgency({ id: 'other-town', nameZh: '察隅县竹瓦根镇人民政府', level: 'township', parentId: 'other' });
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await storage.createUser({ username: 'admin-other', agencyId: 'other', role: 'admin', passwordHash: hash });
  await storage.createUser({ username: 'editor-other', agencyId: 'other-town', role: 'editor', passwordHash: hash });
  await storage.createUser({ username: 'admin-a', agencyId: 'town-a', role: 'admin', passwordHash: hash });
}

const idOf = async (storage: ServerStorage, username: string): Promise<number> => {
  const credentials = await storage.getCredentials(username);
  if (credentials === undefined) throw new Error(`no user ${username}`);
  return credentials.user.id;
};

describe.each(DATABASES)('accounts in the app on $kind', ({ create }) => {
  it('lists the accounts of the admin’s subtree with their last sign-in; only admins may', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await moreAccounts(storage);
    expect((await app.request('/api/accounts')).status).toBe(401);
    const publisher = await app.request('/api/accounts', bearer(await login(app, 'publisher-a')));
    expect(publisher.status).toBe(403);

    await login(app, 'editor-a');
    const token = await login(app, 'admin');
    const body = await accounts(app, token);
    expect(body.accounts.map((a) => a.username).sort()).toEqual(['admin', 'admin-a', 'editor-a', 'editor-b', 'publisher-a']);
    expect(body.agencies.map((a) => a.id).sort()).toEqual(['bomi', 'town-a', 'town-b']);
    const editorA = body.accounts.find((a) => a.username === 'editor-a');
    expect(editorA).toMatchObject({ role: 'editor', agency: { id: 'town-a', level: 'township' }, disabled: false, mustChangePassword: false });
    expect(editorA?.lastSignInAt).toBe('2025-01-10T08:00:00.000Z');
    expect(body.accounts.find((a) => a.username === 'editor-b')?.lastSignInAt).toBeNull();

    // The township's admin sees the township only: not the county above, not the other township.
    const township = await accounts(app, await login(app, 'admin-a'));
    expect(township.accounts.map((a) => a.username).sort()).toEqual(['admin-a', 'editor-a', 'publisher-a']);
  });

  it('adds an account with a one-time code that must be replaced before anything else', async () => {
    const { app } = await apiSetup(await database(create));
    const admin = await login(app, 'admin');
    const added = await app.request('/api/accounts', jsonRequest('POST', { username: 'dawa', agencyId: 'town-b', role: 'publisher' }, admin));
    expect(added.status, await added.clone().text()).toBe(201);
    const { account, code } = v.parse(OneTimeCodeResponseSchema, await added.json());
    expect(account).toMatchObject({ username: 'dawa', role: 'publisher', agency: { id: 'town-b' }, mustChangePassword: true, lastSignInAt: null });
    expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/u);

    // Typed on a phone: capitalised, without the dashes.
    const typed = code.replaceAll('-', '').replace(/^./u, (c) => c.toUpperCase());
    const signIn = await app.request('/api/auth/login', jsonRequest('POST', { username: 'dawa', password: typed }));
    expect(signIn.status).toBe(200);
    const { token, mustChangePassword } = (await signIn.json()) as { token: string; mustChangePassword?: boolean };
    expect(mustChangePassword).toBe(true);
    const drafts = await app.request('/api/drafts', bearer(token));
    expect(drafts.status).toBe(403);
    expect(await errorCode(drafts)).toBe('password_change_required');
    expect(await (await app.request('/api/auth/me', bearer(token))).json()).toMatchObject({ user: { username: 'dawa' }, mustChangePassword: true });

    const same = await app.request('/api/auth/password', jsonRequest('POST', { current: code, next: code.toUpperCase() }, token));
    expect(await errorCode(same)).toBe('bad_password');
    const wrong = await app.request('/api/auth/password', jsonRequest('POST', { current: 'not the code', next: 'a new passphrase' }, token));
    expect(await errorCode(wrong)).toBe('wrong_current');
    const chosen = await app.request('/api/auth/password', jsonRequest('POST', { current: code, next: 'a new passphrase' }, token));
    expect(chosen.status).toBe(204);
    expect((await app.request('/api/drafts', bearer(token))).status).toBe(200);
    expect((await app.request('/api/auth/login', jsonRequest('POST', { username: 'dawa', password: code }))).status).toBe(401);
    await login(app, 'dawa', 'a new passphrase');

    const { audit } = await accounts(app, admin);
    expect(audit.map((e) => [e.action, e.actor, e.username, e.role])).toEqual([
      ['set_password', 'dawa', 'dawa', undefined],
      ['create', 'admin', 'dawa', 'publisher'],
    ]);
    const taken = await app.request('/api/accounts', jsonRequest('POST', { username: 'dawa', agencyId: 'town-a', role: 'editor' }, admin));
    expect([taken.status, await errorCode(taken)]).toEqual([409, 'exists']);
  });

  it('never lets an admin touch another subtree, an agency above, or their own account', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await moreAccounts(storage);
    const county = await login(app, 'admin');
    const township = await login(app, 'admin-a');
    const refused: [string, RequestInit, number][] = [
      [`/api/accounts/${await idOf(storage, 'editor-other')}`, jsonRequest('PATCH', { disabled: true }, county), 404],
      [`/api/accounts/${await idOf(storage, 'admin-other')}/reset`, jsonRequest('POST', {}, county), 404],
      ['/api/accounts', jsonRequest('POST', { username: 'x1', agencyId: 'other-town', role: 'admin' }, county), 404],
      [`/api/accounts/${await idOf(storage, 'admin')}`, jsonRequest('PATCH', { role: 'editor' }, township), 404],
      [`/api/accounts/${await idOf(storage, 'editor-b')}/reset`, jsonRequest('POST', {}, township), 404],
      ['/api/accounts', jsonRequest('POST', { username: 'x2', agencyId: 'bomi', role: 'admin' }, township), 404],
      [`/api/accounts/${await idOf(storage, 'admin')}`, jsonRequest('PATCH', { disabled: true }, county), 409],
      ['/api/accounts/999999', jsonRequest('PATCH', { disabled: true }, county), 404],
    ];
    for (const [path, init, status] of refused) expect((await app.request(path, init)).status, `${init.method ?? ''} ${path}`).toBe(status);
    expect((await accounts(app, county)).audit).toEqual([]);
    expect(await storage.getAccount(await idOf(storage, 'editor-other'))).toMatchObject({ disabled: false });
    expect((await storage.getCredentials('admin'))?.user.role).toBe('admin');
  });

  it('ends a disabled or reset account’s sessions at once, and records every change', async () => {
    const { app, storage } = await apiSetup(await database(create));
    const admin = await login(app, 'admin');
    const editor = await login(app, 'editor-a');
    const id = await idOf(storage, 'editor-a');
    // Read once, so the session is in the server's session cache.
    expect((await app.request('/api/drafts', bearer(editor))).status).toBe(200);

    expect((await app.request(`/api/accounts/${id}`, jsonRequest('PATCH', { disabled: true }, admin))).status).toBe(200);
    expect((await app.request('/api/drafts', bearer(editor))).status).toBe(401);
    const refused = await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: PASSWORD }));
    expect([refused.status, await errorCode(refused)]).toEqual([403, 'account_disabled']);
    expect((await app.request(`/api/accounts/${id}`, jsonRequest('PATCH', { disabled: false }, admin))).status).toBe(200);
    const again = await login(app, 'editor-a');
    expect((await app.request('/api/drafts', bearer(again))).status).toBe(200);

    const reset = await app.request(`/api/accounts/${id}/reset`, jsonRequest('POST', {}, admin));
    const { code } = v.parse(OneTimeCodeResponseSchema, await reset.json());
    expect((await app.request('/api/drafts', bearer(again))).status).toBe(401);
    expect((await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: PASSWORD }))).status).toBe(401);
    expect((await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: code }))).status).toBe(200);

    const promoted = await app.request(`/api/accounts/${id}`, jsonRequest('PATCH', { role: 'publisher' }, admin));
    expect(await promoted.json()).toMatchObject({ account: { role: 'publisher' } });
    // The same role again changes nothing and records nothing.
    await app.request(`/api/accounts/${id}`, jsonRequest('PATCH', { role: 'publisher' }, admin));
    const bad = await app.request(`/api/accounts/${id}`, jsonRequest('PATCH', { role: 'publisher', disabled: true }, admin));
    expect(bad.status).toBe(400);

    const { audit } = await accounts(app, admin);
    expect(audit.map((e) => [e.action, e.actor, e.username, e.role ?? null, e.roleBefore ?? null])).toEqual([
      ['change_role', 'admin', 'editor-a', 'publisher', 'editor'],
      ['reset_password', 'admin', 'editor-a', null, null],
      ['enable', 'admin', 'editor-a', null, null],
      ['disable', 'admin', 'editor-a', null, null],
    ]);
    expect(audit[0]?.at).toBe('2025-01-10T08:00:00.000Z');
  });

  it('keeps the audit history as written', async () => {
    const db = await database(create);
    const { app, storage } = await apiSetup(db);
    const admin = await login(app, 'admin');
    await app.request(`/api/accounts/${await idOf(storage, 'editor-b')}`, jsonRequest('PATCH', { disabled: true }, admin));
    await expect(db.rows("UPDATE account_audit SET actor = 'someone' RETURNING id")).rejects.toThrow();
    await expect(db.rows('DELETE FROM account_audit RETURNING id')).rejects.toThrow();
    expect((await db.rows('SELECT actor FROM account_audit')).map((r) => r.actor)).toEqual(['admin']);
  });
});
