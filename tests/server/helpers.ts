/** Shared set-up of the server tests: an in-memory storage, the app around it, captured logs. */
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import type { Logger, LogFields } from '../../src/server/logger.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { blankReport } from '../../src/report/factory.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { TEST_SCRYPT } from './accounts.ts';

/** A migrated SQLite storage in memory, its clock ticking one second per publication. */
export async function memoryStorage(): Promise<ServerStorage> {
  let tick = Date.UTC(2024, 0, 1);
  const storage = openSqliteStorage({ path: ':memory:', now: () => new Date((tick += 1_000)) });
  await storage.migrate();
  return storage;
}

export interface LogLine extends LogFields {
  level: string;
  msg: string;
}

/** A logger that keeps its lines for the test to read. */
export function captureLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = (level: string) => (msg: string, fields: LogFields = {}) => {
    lines.push({ ...fields, level, msg });
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/**
 * The app over `storage`, with logs captured. Passwords are hashed at the test accounts' cost
 * (accounts.ts) unless `options.auth.scrypt` says otherwise.
 */
export function testApp(storage: ServerStorage, options: Partial<AppOptions> = {}) {
  const logger = captureLogger();
  const auth = { scrypt: TEST_SCRYPT, ...options.auth };
  return { app: buildApp({ storage, logger, ...options, auth }), logger };
}

/** A small report with every cell 0. */
export function report(id: string, agencyZh: string, year: number): ReportDocument {
  return blankReport({ id, template: '2019', year, agencyZh, level: 'county', fill: 0 });
}
