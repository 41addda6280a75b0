/**
 * Agencies, users and logins for the HTTP tests. Passwords are hashed cheaply here (N=2^10: the
 * cost is stored with the hash), and test apps ask for no more (helpers.ts), so no sign-in
 * re-hashes at the real cost.
 */
import type { Hono } from 'hono';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';

export const PASSWORD = 'correct horse battery';
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

/**
 * 波密县 (county) with two townships: town-a 倾多镇 (the seed report's agency) and town-b 玉普乡.
 * Users: editor-a, publisher-a (town-a), editor-b (town-b), admin (the county).
 */
export async function seedAccounts(storage: ServerStorage): Promise<void> {
  await storage.createAgency({ id: 'bomi', nameZh: '波密县人民政府', level: 'county' });
  await storage.createAgency({ id: 'town-a', nameZh: '波密县倾多镇人民政府', nameBo: 'སྤོ་མེས་རྫོང་ཆུ་མདོ་གྲོང་རྡལ།', level: 'township', parentId: 'bomi' });
  await storage.createAgency({ id: 'town-b', nameZh: '波密县玉普乡人民政府', level: 'township', parentId: 'bomi' });
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  for (const [username, agencyId, role] of [
    ['editor-a', 'town-a', 'editor'],
    ['publisher-a', 'town-a', 'publisher'],
    ['editor-b', 'town-b', 'editor'],
    ['admin', 'bomi', 'admin'],
  ] as const) {
    await storage.createUser({ username, agencyId, role, passwordHash: hash });
  }
}

export function jsonRequest(method: string, body: unknown, token?: string, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

export function bearer(token: string): RequestInit {
  return { headers: { Authorization: `Bearer ${token}` } };
}

/** Logs in and returns the bearer token. */
export async function login(app: Hono, username: string, password = PASSWORD): Promise<string> {
  const response = await app.request('/api/auth/login', jsonRequest('POST', { username, password }));
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}
