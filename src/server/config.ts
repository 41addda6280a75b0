/** Server configuration from the environment, checked once at start. */
import { isAbsolute, join, resolve } from 'node:path';
import * as v from 'valibot';

export interface ServerConfig {
  port: number;
  host: string;
  /** Directory of the SQLite file (created when missing). */
  dataDir: string;
  /** The app build to serve (Vite's dist/). */
  staticDir: string;
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
 * the working directory) and STATIC_DIR (`dist/` of the project at `root`).
 */
export function loadConfig(env: Record<string, string | undefined>, root: string): ServerConfig {
  const result = v.safeParse(EnvSchema, env);
  if (!result.success) {
    const [issue] = result.issues;
    throw new ConfigError(`${v.getDotPath(issue) ?? 'environment'}: ${issue.message}`);
  }
  const { PORT, HOST, DATA_DIR, STATIC_DIR } = result.output;
  const staticDir = STATIC_DIR === undefined ? join(root, 'dist') : STATIC_DIR;
  return {
    port: PORT,
    host: HOST,
    dataDir: resolve(DATA_DIR),
    staticDir: isAbsolute(staticDir) ? staticDir : resolve(staticDir),
  };
}
