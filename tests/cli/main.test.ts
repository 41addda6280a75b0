import { afterEach, describe, expect, it, vi } from 'vitest';
import { blankReport } from '../../src/report/factory.ts';
import { toReportJson } from '../../src/report/export/index.ts';
import { run } from '../../src/cli/main.ts';
import { capture, tempFile } from './run.ts';

vi.mock('../../src/report/validate/index.ts', () => ({
  validate: () => {
    throw new TypeError('cannot read properties of undefined\n(reading "x")');
  },
  describeFinding: () => '',
}));

describe('run: an unexpected exception (a bug) is still one line for the user', () => {
  const file = tempFile('bug.json', toReportJson(blankReport({ id: 'b', template: '2019', year: 2020, agencyZh: '某镇人民政府', level: 'township' })));

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('prints one line and exits 2', async () => {
    vi.stubEnv('LOTHO_DEBUG', '');
    const io = capture();
    expect(await run(['check', file], io)).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toBe('lotho: 内部错误 (internal): cannot read properties of undefined (reading "x")\n');
  });

  it('adds the stack with LOTHO_DEBUG=1', async () => {
    vi.stubEnv('LOTHO_DEBUG', '1');
    const io = capture();
    expect(await run(['check', file], io)).toBe(2);
    expect(io.err.split('\n').length).toBeGreaterThan(3);
    expect(io.err).toMatch(/\n\s+at /);
  });
});
