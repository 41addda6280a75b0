/** Login, sessions (cookie and bearer, sliding expiry), logout and login throttling, on both databases. */
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginResponseSchema, MeResponseSchema } from '../../src/contract/auth.ts';
import { bearer, jsonRequest, login, PASSWORD } from './accounts.ts';
import { apiSetup, DAY } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);

describe.each(DATABASES)('auth on $kind', ({ create }) => {
  it('logs in with the right password: user, token, expiry and an HttpOnly SameSite=Strict cookie', async () => {
    const { app } = await apiSetup(await database(create));
    const response = await app.request('/api/auth/login', jsonRequest('POST', { username: 'Editor-A ', password: PASSWORD }));
    expect(response.status).toBe(200);
    const body = v.parse(LoginResponseSchema, await response.json());
    expect(body.user).toEqual({
      id: expect.any(Number),
      username: 'editor-a',
      role: 'editor',
      agency: { id: 'town-a', zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་ཆུ་མདོ་གྲོང་རྡལ།', level: 'township', parentId: 'bomi' },
    });
    expect(body.expiresAt).toBe(new Date(Date.UTC(2025, 0, 10, 8) + 30 * DAY).toISOString());
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^lotho_session=${body.token};`, 'u'));
    expect(cookie).toMatch(/; HttpOnly/u);
    expect(cookie).toMatch(/; SameSite=Strict/u);
    expect(cookie).toMatch(/; Path=\//u);
    expect(cookie).toMatch(/; Expires=/u);
    expect(cookie).not.toMatch(/Secure/u);
    expect(response.headers.get('cache-control')).toBe('no-store');

    // The cookie alone authenticates, as the bearer token does.
    const me = await app.request('/api/auth/me', { headers: { Cookie: `lotho_session=${body.token}` } });
    expect(me.status).toBe(200);
    expect(v.parse(MeResponseSchema, await me.json()).user.username).toBe('editor-a');
    expect((await app.request('/api/auth/me', bearer(body.token))).status).toBe(200);
  });

  it('marks the cookie Secure over https, or always when configured', async () => {
    const db = await database(create);
    const { app } = await apiSetup(db);
    const https = await app.request('https://lotho.example/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: PASSWORD }));
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/u);
    const proxied = await apiSetup(await database(create), { auth: { trustProxy: true } });
    const behind = await proxied.app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: PASSWORD }, undefined, { 'X-Forwarded-Proto': 'https' }));
    expect(behind.headers.get('set-cookie')).toMatch(/; Secure/u);
    const always = await apiSetup(await database(create), { auth: { cookieSecure: 'always' } });
    const plain = await always.app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: PASSWORD }));
    expect(plain.headers.get('set-cookie')).toMatch(/; Secure/u);
  });

  it('refuses a wrong password or an unknown user alike, and a missing, malformed or ended session', async () => {
    const { app } = await apiSetup(await database(create));
    for (const body of [{ username: 'editor-a', password: 'wrong password!' }, { username: 'nobody', password: PASSWORD }]) {
      const response = await app.request('/api/auth/login', jsonRequest('POST', body));
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong username or password' } });
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const none = await app.request('/api/auth/me');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/u);
    expect((await app.request('/api/auth/me', { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
    expect((await app.request('/api/auth/me', bearer('x'.repeat(43)))).status).toBe(401);

    const token = await login(app, 'editor-a');
    const logout = await app.request('/api/auth/logout', { method: 'POST', ...bearer(token) });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^lotho_session=;/u);
    expect((await app.request('/api/auth/me', bearer(token))).status).toBe(401);
  });

  it('expires a session 30 days after its last use, not before', async () => {
    const { app, advance } = await apiSetup(await database(create));
    const token = await login(app, 'editor-a');
    advance(20 * DAY);
    const me = await app.request('/api/auth/me', { headers: { Cookie: `lotho_session=${token}` } });
    expect(me.status).toBe(200);
    // The sliding expiry moved, and the cookie with it.
    expect(me.headers.get('set-cookie')).toMatch(/^lotho_session=/u);
    advance(20 * DAY);
    expect((await app.request('/api/auth/me', bearer(token))).status).toBe(200);
    advance(30 * DAY + 1);
    const expired = await app.request('/api/auth/me', bearer(token));
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: 'unauthenticated', message: expect.stringMatching(/expired/u) } });
  });

  it('throttles after 5 failed logins of a username within 15 minutes: 429 with Retry-After, even for the right password', async () => {
    const { app, advance } = await apiSetup(await database(create));
    for (let i = 0; i < 5; i += 1) {
      expect((await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: `guess number ${i}` }))).status).toBe(401);
      advance(1_000);
    }
    const blocked = await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: PASSWORD }));
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    // The first failure leaves the window 15 min after it was made: 5 s have passed since.
    expect(Number(blocked.headers.get('retry-after'))).toBe(15 * 60 - 5);
    // Another user is not affected.
    expect((await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-b', password: PASSWORD }))).status).toBe(200);
    advance(15 * 60_000);
    expect((await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: PASSWORD }))).status).toBe(200);
  });

  it('throttles an address that fails for many usernames (behind a trusted proxy)', async () => {
    const { app } = await apiSetup(await database(create), { auth: { trustProxy: true, throttle: { perIp: 6 } } });
    const from = (ip: string, username: string, password: string) =>
      app.request('/api/auth/login', jsonRequest('POST', { username, password }, undefined, { 'X-Forwarded-For': `${ip}, 10.0.0.1` }));
    for (let i = 0; i < 6; i += 1) expect((await from('203.0.113.9', `user${i}`, 'wrong password')).status).toBe(401);
    expect((await from('203.0.113.9', 'editor-a', PASSWORD)).status).toBe(429);
    expect((await from('198.51.100.7', 'editor-a', PASSWORD)).status).toBe(200);
  });

  it('takes JSON only and says what is wrong with a body', async () => {
    const { app } = await apiSetup(await database(create));
    const form = await app.request('/api/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'username=a' });
    expect(form.status).toBe(415);
    const malformed = await app.request('/api/auth/login', jsonRequest('POST', '{"username": '));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid_json' } });
    const extra = await app.request('/api/auth/login', jsonRequest('POST', { username: 'a', password: 'b', remember: true }));
    expect(await extra.json()).toEqual({ error: { code: 'invalid_body', message: 'unknown key remember' } });
    const wrong = await app.request('/api/auth/login', jsonRequest('POST', { username: 'a', password: 5 }));
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_body', message: expect.stringMatching(/^password: /u) } });
  });

  it('replaces a hash made with less work at the next sign-in, and signs in with the new one', async () => {
    const stronger = { N: 2048, r: 8, p: 1 };
    const { app, db } = await apiSetup(await database(create), { auth: { scrypt: stronger } });
    const hashOf = async (username: string) =>
      String((await db.rows(`SELECT password_hash FROM users WHERE username = '${username}'`))[0]?.password_hash);
    expect(await hashOf('editor-a')).toMatch(/^scrypt\$1024\$8\$1\$/u);
    // A wrong password changes nothing.
    expect((await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-a', password: 'not the password' }))).status).toBe(401);
    expect(await hashOf('editor-a')).toMatch(/^scrypt\$1024\$/u);
    await login(app, 'editor-a');
    const upgraded = await hashOf('editor-a');
    expect(upgraded).toMatch(/^scrypt\$2048\$8\$1\$/u);
    expect(await hashOf('editor-b')).toMatch(/^scrypt\$1024\$/u);
    await login(app, 'editor-a');
    expect(await hashOf('editor-a')).toBe(upgraded);
  });
});
