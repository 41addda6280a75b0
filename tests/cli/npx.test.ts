/**
 * `npx lotho …` works right after `npm install`, which compiles the CLI (`prepare`): the package's
 * own bin runs dist-node/cli.js.
 */
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run.ts';

describe('npx lotho', () => {
  it('runs the package bin from the project', async () => {
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile('npx', ['--no-install', 'lotho', '--help'], { cwd: ROOT, encoding: 'utf8' }, (error, out) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout: out });
      });
    });
    expect(code).toBe(0);
    expect(stdout).toContain('lotho import FILE');
    expect(stdout).toContain('lotho check FILE');
  });
});
