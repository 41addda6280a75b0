/** An app over a fresh database with the test agencies and users, and a clock the test moves. */
import type { Hono } from 'hono';
import type { AppOptions } from '../../src/server/app.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { seedAccounts } from './accounts.ts';
import type { TestDatabase } from './databases.ts';
import { testApp } from './helpers.ts';

export interface ApiSetup {
  db: TestDatabase;
  storage: ServerStorage;
  app: Hono;
  /** Moves the clock of sessions, throttling and stored times forward. */
  advance: (ms: number) => void;
}

/** `options` may be made from the storage (the app's services that use it). */
export async function apiSetup(
  db: TestDatabase,
  options: Partial<AppOptions> | ((storage: ServerStorage) => Partial<AppOptions>) = {},
): Promise<ApiSetup> {
  let clock = Date.UTC(2025, 0, 10, 8);
  const now = () => new Date(clock);
  const storage = await db.open({ now });
  await seedAccounts(storage);
  const { app } = testApp(storage, { now, ...(typeof options === 'function' ? options(storage) : options) });
  return {
    db,
    storage,
    app,
    advance: (ms) => {
      clock += ms;
    },
  };
}

export const DAY = 24 * 3600_000;
