/** Structured logs: one JSON object per line on stdout, so any log collector can read them. */

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

type Level = 'info' | 'warn' | 'error';

/** A logger writing `{"time","level","msg",…fields}` lines through `write` (stdout by default). */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const log = (level: Level) => (msg: string, fields: LogFields = {}) => {
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An error as log fields: its name and message (stack traces stay out of the one-line logs). */
export function errorFields(error: unknown): { error: string; detail: string } {
  return error instanceof Error ? { error: error.name, detail: error.message } : { error: 'Error', detail: String(error) };
}
