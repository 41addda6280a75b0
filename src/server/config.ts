/** Server configuration from the environment, checked once at start. */
import { isAbsolute, join, resolve } from 'node:path';
import * as v from 'valibot';
import { LOG_LEVELS, type LogLevel } from './logger.ts';

export interface ServerConfig {
  port: number;
  host: string;
  /** Directory of the SQLite file (created when missing). */
  dataDir: string;
  /** The app build to serve (Vite's dist/). */
  staticDir: string;
  /** PostgreSQL instead of SQLite when set. */
  databaseUrl?: string;
  /** `Secure` on the session cookie: auto (when the request is https), always, never. */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Behind a reverse proxy that sets X-Forwarded-For/-Proto (login throttling per address, Secure). */
  trustProxy: boolean;
  /** Log lines below this level are dropped. */
  logLevel: LogLevel;
}

const EnvSchema = v.object({
  PORT: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,5}$/u, 'PORT must be a number 0–65535'),
      v.transform(Number),
      v.maxValue(65_535, 'PORT must be a number 0–65535'),
    ),
    '8080',
  ),
  HOST: v.optional(v.pipe(v.string(), v.minLength(1, 'HOST must not be empty')), '0.0.0.0'),
  DATA_DIR: v.optional(v.pipe(v.string(), v.minLength(1, 'DATA_DIR must not be empty')), './data'),
  STATIC_DIR: v.optional(v.pipe(v.string(), v.minLength(1, 'STATIC_DIR must not be empty'))),
  // Empty means unset, as `DATABASE_URL=` in an env file does.
  DATABASE_URL: v.optional(
    v.union([v.literal(''), v.pipe(v.string(), v.regex(/^postgres(ql)?:\/\//u))], 'DATABASE_URL must be a postgres:// URL'),
  ),
  COOKIE_SECURE: v.optional(v.picklist(['auto', 'always', 'never'], 'COOKIE_SECURE must be auto, always or never'), 'auto'),
  TRUST_PROXY: v.optional(
    v.pipe(v.picklist(['0', '1', 'false', 'true'], 'TRUST_PROXY must be 0 or 1'), v.transform((x) => x === '1' || x === 'true')),
    '0',
  ),
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`), 'info'),
});

/** A setting that cannot be used; the message names it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads PORT (default 8080; 0 picks a free port), HOST (0.0.0.0), DATA_DIR (./data, relative to
 * the working directory), STATIC_DIR (`dist/` of the project at `root`), DATABASE_URL (unset:
 * SQLite in DATA_DIR), COOKIE_SECURE (auto), TRUST_PROXY (0) and LOG_LEVEL (info).
 */
export function loadConfig(env: Record<string, string | undefined>, root: string): ServerConfig {
  const result = v.safeParse(EnvSchema, env);
  if (!result.success) {
    const [issue] = result.issues;
    throw new ConfigError(`${v.getDotPath(issue) ?? 'environment'}: ${issue.message}`);
  }
  const { PORT, HOST, DATA_DIR, STATIC_DIR, DATABASE_URL, COOKIE_SECURE, TRUST_PROXY, LOG_LEVEL } = result.output;
  const staticDir = STATIC_DIR === undefined ? join(root, 'dist') : STATIC_DIR;
  return {
    port: PORT,
    host: HOST,
    dataDir: resolve(DATA_DIR),
    staticDir: isAbsolute(staticDir) ? staticDir : resolve(staticDir),
    ...(DATABASE_URL === undefined || DATABASE_URL === '' ? {} : { databaseUrl: DATABASE_URL }),
    cookieSecure: COOKIE_SECURE,
    trustProxy: TRUST_PROXY,
    logLevel: LOG_LEVEL,
  };
}
