/** The log's stdout writer: lines of one turn of the event loop in one write, in order, none lost at exit. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { batchedStdout, jsonLogger } from '../../../src/server/logger.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('batchedStdout', () => {
  it('writes the lines of one turn together, in order, once the turn is over', async () => {
    const writes: string[] = [];
    const write = batchedStdout((text) => writes.push(text));
    write('one');
    write('two');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    write('three');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual(['one\ntwo\n', 'three\n']);
  });

  it('loses no line when the process exits at once', () => {
    const script = [
      `const { jsonLogger } = await import(${JSON.stringify(`${ROOT}src/server/logger.ts`)});`,
      'const logger = jsonLogger();',
      "logger.info('first');",
      "logger.error('last', { code: 3 });",
      'process.exit(3);',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(3);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toMatchObject([{ level: 'info', msg: 'first' }, { level: 'error', msg: 'last', code: 3 }]);
  });
});

describe('jsonLogger', () => {
  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = jsonLogger({ level: 'warn', write: (line) => lines.push(line) });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['loud']);
  });
});
