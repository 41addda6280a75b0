/**
 * `lotho import DIR --agency ID [--publish]`: a county's past reports in one run, on the server's
 * database: a progress line per file, a summary table, one transaction per report, and what could
 * not be read listed instead of half-written.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { DATABASES, useDatabases, type TestDatabase } from '../server/databases.ts';
import { ROOT, capture } from './run.ts';

const database = useDatabases(afterEach);

async function lotho(db: TestDatabase, args: string[]) {
  const io = capture();
  const code = await run(args, io, { env: db.env });
  return { code, out: io.out, err: io.err };
}

function county(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lotho-bulk-'));
  mkdirSync(join(dir, '2020'));
  copyFileSync(join(ROOT, 'tests/fixtures/import/a-seed-layout-2019.txt'), join(dir, '2020/哲古镇.txt'));
  copyFileSync(join(ROOT, 'tests/fixtures/import/b-pipe-rows-2021.txt'), join(dir, 'b-2021.txt'));
  // No year anywhere: read, but it needs one.
  writeFileSync(join(dir, 'undated.txt'), '某某镇人民政府政府信息公开工作年度报告\n一、总体情况\n公开信息5条。\n二、主动公开政府信息情况\n');
  writeFileSync(join(dir, 'minutes.txt'), '会议纪要\n今天讨论了食堂菜单。\n');
  writeFileSync(join(dir, 'photo.jpg'), 'not imported');
  return dir;
}

describe('lotho import DIR', () => {
  it('dry run: reads every file, prints progress and the table, writes nothing', async () => {
    const db = await database(DATABASES[0].create);
    expect((await lotho(db, ['agency', 'add', '--id', 'zhegu', '--zh', '措美县哲古镇人民政府', '--level', 'township'])).code).toBe(0);
    const result = await lotho(db, ['import', county(), '--agency', 'zhegu']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('[1/4] 2020/哲古镇.txt');
    expect(result.err).toContain('[4/4] undated.txt');
    const table = result.out.split('\n');
    expect(table[0]).toMatch(/^file\s+agency\s+year\s+status\s+detail$/u);
    expect(result.out).toMatch(/2020\/哲古镇\.txt\s+zhegu\s+2020\s+imported\s+zhegu-2020/u);
    expect(result.out).toMatch(/minutes\.txt\s+zhegu\s+refused\s+不是政府信息公开工作年度报告/u);
    expect(result.out).toMatch(/undated\.txt\s+zhegu\s+refused\s+needs year/u);
    const storage = await db.open();
    expect(await storage.listReports()).toEqual([]);
    await storage.close();
  });

  it('--publish: each complete report published once as <agency>-<year>; a second run finds them there', async () => {
    const db = await database(DATABASES[0].create);
    expect((await lotho(db, ['agency', 'add', '--id', 'zhegu', '--zh', '措美县哲古镇人民政府', '--level', 'township'])).code).toBe(0);
    const dir = county();
    const first = await lotho(db, ['import', dir, '--agency', 'zhegu', '--publish']);
    expect(first.out).toMatch(/2020\/哲古镇\.txt\s+zhegu\s+2020\s+published\s+zhegu-2020/u);
    expect(first.err).toMatch(/4 files: \d+ published/u);
    const storage = await db.open();
    const published = await storage.getReport('zhegu-2020');
    expect(published?.document.meta).toMatchObject({ agency: { zh: '措美县哲古镇人民政府' }, year: 2020, level: 'township' });
    expect(published?.document.cells['requests.results_total.total']).toBe(6);
    await storage.close();
    const second = await lotho(db, ['import', dir, '--agency', 'zhegu', '--publish']);
    expect(second.out).toMatch(/2020\/哲古镇\.txt\s+zhegu\s+2020\s+exists\s+zhegu-2020/u);
  });

  it('takes a manifest mapping files to agencies and years, and refuses an unknown agency', async () => {
    const db = await database(DATABASES[0].create);
    expect((await lotho(db, ['agency', 'add', '--id', 'zhegu', '--zh', '措美县哲古镇人民政府', '--level', 'township'])).code).toBe(0);
    const dir = county();
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ files: [{ file: 'undated.txt', agency: 'zhegu', year: 2019, template: '2019' }, { file: 'b-2021.txt', agency: 'nowhere' }] }));
    const result = await lotho(db, ['import', dir, '--manifest', manifest]);
    expect(result.out).toMatch(/undated\.txt\s+zhegu\s+2019\s+flagged/u);
    expect(result.out).toMatch(/b-2021\.txt\s+nowhere\s+refused\s+no such agency/u);
  });
});
