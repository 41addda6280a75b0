/**
 * Runs the real `lotho` bin (node src/cli/lotho.mjs) the way a user does, from the project root;
 * and, for tests that call `run` in-process, an Io that keeps what it writes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Io } from '../../src/cli/output.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function lotho(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/cli/lotho.mjs', ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'lotho-cli-'));

/** Writes a file into this run's temporary folder and returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** An Io for `run` (src/cli/main.ts) that keeps what it writes to stdout in `out`, to stderr in `err`. */
export function capture(): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}
