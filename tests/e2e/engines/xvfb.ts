/**
 * A virtual X display for WebKitGTK's MiniBrowser, which has no headless mode: Debian's Xvfb on
 * a display number it picks itself (-displayfd), so several worktrees can run at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const XVFB = process.env.LOTHO_XVFB ?? '/usr/bin/Xvfb';

export function hasXvfb(): boolean {
  return existsSync(XVFB);
}

export interface Display {
  /** ":<n>", for DISPLAY. */
  name: string;
  stop(): Promise<void>;
}

export async function startDisplay(): Promise<Display> {
  const child: ChildProcess = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  let errors = '';
  child.stdio[2]?.on('data', (chunk: Buffer) => {
    if (errors.length < 4_000) errors += chunk.toString('utf8');
  });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => { reject(new Error(`Xvfb gave no display within 10 s: ${errors}`)); }, 10_000);
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${String(code)}): ${errors}`));
    });
  });
  return {
    name: `:${number}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
