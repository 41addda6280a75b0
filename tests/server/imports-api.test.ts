/**
 * `POST /api/imports`: an admin's folder or zip upload does what `lotho import DIR --agency ID
 * [--publish]` does (the same code, src/server/bulk/import.ts), on both databases: progress lines
 * before each file, a summary of imported, flagged and refused files, each report published in its
 * own transaction, and only for an agency of the admin's subtree.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkImportEvent } from '../../src/contract/imports.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { testApp } from './helpers.ts';
import { lyingZip } from './zip-bomb.ts';

const database = useDatabases(afterEach);
const FIXTURES = join(import.meta.dirname, '../fixtures/import');

/** A county's folder as a zip: two reports, one without a year, and a file that is no report. */
function countyZip(): Uint8Array {
  return zipSync({
    '2020/倾多镇.txt': new Uint8Array(readFileSync(join(FIXTURES, 'a-seed-layout-2019.txt'))),
    'b-2021.txt': new Uint8Array(readFileSync(join(FIXTURES, 'b-pipe-rows-2021.txt'))),
    'undated.txt': strToU8('某某镇人民政府政府信息公开工作年度报告\n一、总体情况\n公开信息5条。\n二、主动公开政府信息情况\n'),
    'minutes.txt': strToU8('会议纪要\n今天讨论了食堂菜单。\n'),
    'photo.jpg': strToU8('not a report'),
  });
}

async function upload(app: Hono, token: string, query: string, body: Uint8Array = countyZip()): Promise<Response> {
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/zip' };
  return app.request(`/api/imports?${query}`, { method: 'POST', headers, body: new Blob([new Uint8Array(body)]) });
}

async function events(response: Response): Promise<BulkImportEvent[]> {
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/u);
  return (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as BulkImportEvent);
}

function summary(all: readonly BulkImportEvent[]): Extract<BulkImportEvent, { type: 'summary' }> {
  const last = all.at(-1);
  if (last?.type !== 'summary') throw new Error('no summary');
  return last;
}

/** The storage, with publishing one report failing as a full disk would. */
function failingOn(storage: ServerStorage, id: string): ServerStorage {
  return new Proxy(storage, {
    get(target, key, receiver) {
      if (key === 'publishReport') {
        return (document: { id: string }, ...rest: unknown[]) => {
          if (document.id === id) return Promise.reject(new Error('disk full'));
          return (target.publishReport as (...args: unknown[]) => Promise<unknown>).call(target, document, ...rest);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe.each(DATABASES)('bulk import from the app on $kind', ({ create }) => {
  it('reads every report file of the zip with progress, and writes nothing without publish=1', async () => {
    const { app, storage } = await apiSetup(await database(create));
    const all = await events(await upload(app, await login(app, 'admin'), 'agency=town-a'));
    expect(all.flatMap((e) => (e.type === 'progress' ? [[e.done, e.total, e.file]] : []))).toEqual([
      [0, 4, '2020/倾多镇.txt'],
      [1, 4, 'b-2021.txt'],
      [2, 4, 'minutes.txt'],
      [3, 4, 'undated.txt'],
    ]);
    const { rows, counts, published } = summary(all);
    expect(published).toBe(false);
    expect(rows.map((r) => [r.file, r.year, r.status])).toEqual([
      ['2020/倾多镇.txt', '2020', 'imported'],
      ['b-2021.txt', '2021', 'imported'],
      ['minutes.txt', '', 'refused'],
      ['undated.txt', '', 'refused'],
    ]);
    // Codes and figures, which the app words in zh and bo: no English from the server.
    expect(rows[0]).toEqual({ file: '2020/倾多镇.txt', year: '2020', status: 'imported', reportId: 'town-a-2020', notes: [] });
    expect(rows[2]?.notes).toEqual([{ code: 'refused', reason: 'not_a_report' }]);
    expect(rows[3]?.notes[0]).toEqual({ code: 'needs_year' });
    expect(rows[3]?.notes).toContainEqual({ code: 'sections_missing', count: 4 });
    expect(rows[3]?.reportId).toBeUndefined();
    expect(counts).toMatchObject({ imported: 2, refused: 2, published: 0 });
    expect(await storage.listReports()).toEqual([]);
  });

  it('publish=1 publishes each complete report as <agency>-<year>; a second upload finds them there', async () => {
    const { app, storage } = await apiSetup(await database(create));
    const token = await login(app, 'admin');
    const { rows } = summary(await events(await upload(app, token, 'agency=town-a&publish=1')));
    expect(rows.filter((r) => r.status === 'published').map((r) => r.reportId)).toEqual(['town-a-2020', 'town-a-2021']);
    const report = await storage.getReport('town-a-2020');
    expect(report?.document.meta).toMatchObject({ agency: { zh: '波密县倾多镇人民政府' }, year: 2020, level: 'township' });
    const again = summary(await events(await upload(app, token, 'agency=town-a&publish=1')));
    expect(again.rows.slice(0, 2).map((r) => r.status)).toEqual(['exists', 'exists']);
    expect((await storage.listReportVersions('town-a-2020')).length).toBe(1);
  });

  it('a report that fails to publish leaves nothing of itself, and the others are published', async () => {
    const db = await database(create);
    const { storage } = await apiSetup(db);
    const { app } = testApp(failingOn(storage, 'town-a-2021'), {});
    const { rows, counts } = summary(await events(await upload(app, await login(app, 'admin'), 'agency=town-a&publish=1')));
    expect(rows.slice(0, 2).map((r) => [r.status, r.reportId])).toEqual([
      ['published', 'town-a-2020'],
      ['failed', 'town-a-2021'],
    ]);
    expect(counts).toMatchObject({ published: 1, failed: 1 });
    expect(await storage.listReportVersions('town-a-2021')).toEqual([]);
    expect(await storage.getReport('town-a-2020')).toBeDefined();
  });

  it('stops inflating an entry past the importer\'s limit whatever size the zip claims, and reads the others', async () => {
    const { app } = await apiSetup(await database(create));
    // 24 MiB of zeros (over the 20 MB an import reads) claimed as 100 bytes: a zip of about 24 KB.
    const bomb = lyingZip(24, { 'b-2021.txt': new Uint8Array(readFileSync(join(FIXTURES, 'b-pipe-rows-2021.txt'))) });
    const { rows } = summary(await events(await upload(app, await login(app, 'admin'), 'agency=town-a', bomb)));
    expect(rows.map((r) => [r.file, r.status, r.notes])).toEqual([
      ['b-2021.txt', 'imported', []],
      ['bomb.txt', 'refused', [{ code: 'refused', reason: 'too_large' }]],
    ]);
  });

  it('flags a report whose 上年结转 looks one row off by last year\'s 结转下年度, its sums all holding', async () => {
    const { app } = await apiSetup(await database(create));
    // 2021 prints row 一's and row 二's figures the other way round: each row's 总计 and the
    // 勾稽关系 (一 + 二 = 办理结果 + 结转) hold either way; 2020 carried 1 request forward.
    const swapped = readFileSync(join(FIXTURES, 'b-pipe-rows-2021.txt'), 'utf8')
      .replace('| 一、本年新收政府信息公开申请数量 |  |  | 4 | 0 | 0 | 0 | 0 | 0 | 4 |', '| 一、本年新收政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |')
      .replace('| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| 二、上年结转政府信息公开申请数量 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |');
    expect(swapped).toContain('上年结转政府信息公开申请数量 |  |  | 3 |');
    const zip = zipSync({
      '2020.txt': new Uint8Array(readFileSync(join(FIXTURES, 'a-seed-layout-2019.txt'))),
      '2021.txt': strToU8(swapped),
    });
    const { rows } = summary(await events(await upload(app, await login(app, 'admin'), 'agency=town-a&publish=1', zip)));
    expect(rows.map((r) => [r.file, r.status, r.notes])).toEqual([
      ['2020.txt', 'published', []],
      ['2021.txt', 'flagged', [{ code: 'previous_year', count: 14, year: 2020 }]],
    ]);
  });

  it('only an admin, only for an agency of their subtree, only a zip', async () => {
    const { app } = await apiSetup(await database(create));
    expect((await upload(app, await login(app, 'publisher-a'), 'agency=town-a')).status).toBe(403);
    const token = await login(app, 'admin');
    expect((await upload(app, token, 'agency=elsewhere')).status).toBe(404);
    expect((await upload(app, token, 'agency=town-a', strToU8('not a zip'))).status).toBe(400);
    const json = await app.request('/api/imports?agency=town-a', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' }, body: 'x' });
    expect(json.status).toBe(415);
  });
});
