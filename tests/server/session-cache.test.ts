/**
 * The session cache (auth/session-cache.ts) on both databases: what this process changes takes
 * effect at once; what another process changes (a second storage on the same database), within
 * the cache's time; and nothing is served past its expiry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { withSessionCache } from '../../src/server/auth/session-cache.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { seedAccounts } from './accounts.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);
const TTL = 5_000;
const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** The cached storage of this process, another process's storage, and a live session of editor-a. */
async function setUp(create: (typeof DATABASES)[number]['create']) {
  const db = await database(create);
  const rows = await db.open();
  await seedAccounts(rows);
  const user = (await rows.getCredentials('editor-a'))?.user;
  if (user === undefined) throw new Error('no editor-a');
  const cached = withSessionCache(await db.open(), TTL);
  const other: ServerStorage = await db.open();
  await cached.createSession({ tokenHash: 'h1', userId: user.id, createdAt: at(0), expiresAt: at(60_000) });
  await cached.createSession({ tokenHash: 'h2', userId: user.id, createdAt: at(0), expiresAt: at(60_000) });
  expect((await cached.getSession('h1', at(0)))?.user.username).toBe('editor-a');
  expect((await cached.getSession('h2', at(0)))?.user.username).toBe('editor-a');
  return { cached, other, user };
}

describe.each(DATABASES)('the session cache on $kind', ({ create }) => {
  it('ends a session at once when it is signed out here', async () => {
    const { cached } = await setUp(create);
    await cached.deleteSession('h1');
    expect(await cached.getSession('h1', at(1))).toBeUndefined();
    expect(await cached.getSession('h2', at(1))).toBeDefined();
  });

  it("forgets a user's sessions at once when the password hash changes here", async () => {
    const { cached, other, user } = await setUp(create);
    // Another process ended both; this one still has them in memory,
    await other.deleteSession('h1');
    await other.deleteSession('h2');
    expect(await cached.getSession('h1', at(1))).toBeDefined();
    // until the password changes here: the next reads go to the database.
    await cached.setPasswordHash(user.id, 'scrypt$new');
    expect(await cached.getSession('h1', at(2))).toBeUndefined();
    expect(await cached.getSession('h2', at(2))).toBeUndefined();
  });

  it('sees what another process did once the cache time has passed', async () => {
    const { cached, other } = await setUp(create);
    await other.deleteSession('h1');
    expect(await cached.getSession('h1', at(TTL - 1))).toBeDefined();
    expect(await cached.getSession('h1', at(TTL))).toBeUndefined();
    // A clock set back is no reason to trust memory either.
    await other.deleteSession('h2');
    expect(await cached.getSession('h2', at(-1))).toBeUndefined();
  });

  it('never serves a session past its expiry, and keeps an extended one', async () => {
    const { cached } = await setUp(create);
    expect(await cached.getSession('h1', at(60_000))).toBeUndefined();
    await cached.createSession({ tokenHash: 'h3', userId: (await cached.getSession('h2', at(0)))?.user.id ?? 0, createdAt: at(0), expiresAt: at(1_000) });
    expect(await cached.getSession('h3', at(0))).toBeDefined();
    await cached.extendSession('h3', at(120_000));
    expect((await cached.getSession('h3', at(1_000)))?.expiresAt).toBe(at(120_000));
  });

  it('does not keep a session read while it was being signed out', async () => {
    const db = await database(create);
    const rows = await db.open();
    await seedAccounts(rows);
    const userId = (await rows.getCredentials('editor-a'))?.user.id ?? 0;
    await rows.createSession({ tokenHash: 'h1', userId, createdAt: at(0), expiresAt: at(60_000) });
    // A database answering late: the read has seen the row, the sign-out completes meanwhile.
    let answer: () => void = () => undefined;
    const late = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const slow: ServerStorage = { ...rows, getSession: async (hash, now) => { const record = await rows.getSession(hash, now); await late; return record; } };
    const cached = withSessionCache(slow, TTL);
    const reading = cached.getSession('h1', at(0));
    await cached.deleteSession('h1');
    answer();
    expect((await reading)?.user.id).toBe(userId);
    expect(await cached.getSession('h1', at(1))).toBeUndefined();
  });
});
