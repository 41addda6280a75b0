/**
 * Structured logs: one JSON object per line on stdout, so any log collector can read them. A line
 * logged while a request is handled carries its `requestId` (also sent as `X-Request-Id` and in a
 * 500's body), whichever module logs it: the id travels with the request's async context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** Least to most severe; `LOG_LEVEL` keeps its level and those after it. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const requestIds = new AsyncLocalStorage<string>();

/** Runs `handle` (and everything it starts) as part of the request `id`. */
export function withRequestId<T>(id: string, handle: () => T): T {
  return requestIds.run(id, handle);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

export interface JsonLoggerOptions {
  /** Lines below this level are dropped (default info). */
  level?: LogLevel;
  /** Where lines go (stdout by default, a turn of the event loop at a time: batchedStdout). */
  write?: (line: string) => void;
}

/**
 * Lines to stdout, gathered and written once per turn of the event loop (and at exit, so that
 * `process.exit` loses none). Writing to a pipe or to journald's socket is a synchronous system
 * call on Linux: one per request cost a push about a sixth of the server's CPU time under load.
 */
export function batchedStdout(sink: (text: string) => void = (text) => process.stdout.write(text)): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    sink(text);
  };
  process.once('exit', flush);
  return (line) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(`${line}\n`);
  };
}

/** A logger writing `{"time","level","msg",requestId?,…fields}` lines. */
export function jsonLogger(options: JsonLoggerOptions = {}): Logger {
  const write = options.write ?? batchedStdout();
  const least = LOG_LEVELS.indexOf(options.level ?? 'info');
  const log = (level: LogLevel) => {
    if (LOG_LEVELS.indexOf(level) < least) return () => undefined;
    // One object per line, its keys in the same order every time: JSON.stringify leaves out a
    // requestId that is undefined (a line outside any request), so no object is spread into it.
    return (msg: string, fields: LogFields = {}) => {
      write(JSON.stringify(Object.assign({ time: new Date().toISOString(), level, msg, requestId: requestIds.getStore() }, fields)));
    };
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** An error as log fields: its name and message (stack traces stay out of the one-line logs). */
export function errorFields(error: unknown): { error: string; detail: string } {
  return error instanceof Error ? { error: error.name, detail: error.message } : { error: 'Error', detail: String(error) };
}
