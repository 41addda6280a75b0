/**
 * Sessions kept in memory for a few seconds, so that a device pushing edit after edit does not
 * cost a database query (a join of sessions, users and agencies) per push. A storage wrapper: every
 * change this process makes through the storage takes effect at once (a sign-out, a new password
 * hash, an account disabled, reset or given a new role by an admin), whichever route makes it; an
 * entry past its session's expiry is never used, so pruning expired sessions needs nothing here.
 *
 * Another process on the same database (a second server on PostgreSQL, `lotho` on the command
 * line) changes the rows, not this memory: what it does here takes effect within `ttlMs` (5 s by
 * default), when the entry is read again. An entry never outlives its session's expiry.
 */
import type { SessionRecord } from '../storage/sections/accounts.ts';
import type { ServerStorage } from '../storage/types.ts';

export const SESSION_CACHE_MS = 5_000;
/** More live sessions than a county has officials: past it the cache starts again empty. */
const MAX_ENTRIES = 10_000;

interface Entry {
  record: SessionRecord;
  /** When it was read from the database (ms, the storage's clock as given to getSession). */
  readAt: number;
  /** record.expiresAt in ms, parsed once rather than on every request. */
  expiresAt: number;
}

export function withSessionCache(storage: ServerStorage, ttlMs = SESSION_CACHE_MS): ServerStorage {
  const entries = new Map<string, Entry>();
  // Bumped by every invalidation: a read that was under way meanwhile may have seen the row
  // before the change, and is not kept.
  let generation = 0;
  const forget = (tokenHash: string) => {
    generation += 1;
    entries.delete(tokenHash);
  };
  const forgetUser = (userId: number) => {
    generation += 1;
    for (const [hash, entry] of entries) if (entry.record.user.id === userId) entries.delete(hash);
  };
  // The clock as the requests of one moment give it: parsed once, not once per request.
  let lastNow = '';
  let lastAt = Number.NaN;
  const parsed = (now: string): number => {
    if (now !== lastNow) {
      lastNow = now;
      lastAt = Date.parse(now);
    }
    return lastAt;
  };
  return {
    ...storage,
    getSession: async (tokenHash, now) => {
      const at = parsed(now);
      const entry = entries.get(tokenHash);
      if (entry !== undefined && at >= entry.readAt && at - entry.readAt < ttlMs && entry.expiresAt > at) return entry.record;
      entries.delete(tokenHash);
      const readFrom = generation;
      const record = await storage.getSession(tokenHash, now);
      if (record !== undefined && generation === readFrom) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(tokenHash, { record, readAt: at, expiresAt: Date.parse(record.expiresAt) });
      }
      return record;
    },
    extendSession: async (tokenHash, expiresAt) => {
      await storage.extendSession(tokenHash, expiresAt);
      const entry = entries.get(tokenHash);
      if (entry !== undefined) {
        entry.record = { ...entry.record, expiresAt };
        entry.expiresAt = Date.parse(expiresAt);
      }
    },
    deleteSession: async (tokenHash) => {
      forget(tokenHash);
      await storage.deleteSession(tokenHash);
      forget(tokenHash);
    },
    setPasswordHash: async (userId, passwordHash) => {
      forgetUser(userId);
      await storage.setPasswordHash(userId, passwordHash);
      forgetUser(userId);
    },
    // Disabling, a reset, a new role or password: the next request of the account reads its row
    // again, so a disabled account is refused at once (not after ttlMs) and a role takes effect.
    changeAccount: async (userId, change, actor) => {
      forgetUser(userId);
      try {
        return await storage.changeAccount(userId, change, actor);
      } finally {
        forgetUser(userId);
      }
    },
  };
}
