/**
 * The Tibetan review over HTTP on both databases: only a granted reviewer sees the items and
 * decides; every decision is in the audit log with who and when; the reviewed text is in the
 * public overlay at once (compiled for the app's runtime, with an ETag); exports are XLIFF 2.0 and
 * CSV, and a file sent back shows its diff first, applies on demand, and changes nothing twice.
 */
import type { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../src/contract/errors.ts';
import type { ReviewImportResponse, ReviewItem } from '../../src/contract/review.ts';
import type { ServedOverlay } from '../../src/report/review/overlay.ts';
import { loadSeedReport } from '../../src/server/seed.ts';
import type { ReviewLogRow } from '../../src/server/storage/types.ts';
import { bearer, jsonRequest, login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

async function items(app: Hono, token: string): Promise<ReviewItem[]> {
  return (await json<{ items: ReviewItem[] }>(await app.request('/api/review/items', bearer(token)))).items;
}

const decide = (app: Hono, token: string, decisions: unknown[]) => app.request('/api/review/decisions', jsonRequest('POST', { decisions }, token));

async function setup(create: Parameters<typeof database>[0]) {
  const api = await apiSetup(await database(create));
  await api.storage.publishReport(await loadSeedReport());
  expect(await api.storage.grantReviewer('editor-a', 'test')).toBe(true);
  return { ...api, reviewer: await login(api.app, 'editor-a') };
}

describe.each(DATABASES)('the Tibetan review on $kind', ({ create }) => {
  it('is for granted reviewers only, and lists UI strings, terms and report paragraphs with their sources', async () => {
    const { app, storage, reviewer } = await setup(create);
    expect((await app.request('/api/review/items')).status).toBe(401);
    const other = await app.request('/api/review/items', bearer(await login(app, 'admin')));
    expect(other.status).toBe(403);
    expect(((await other.json()) as ApiErrorBody).error.code).toBe('not_reviewer');
    expect(await storage.grantReviewer('nobody', 'test')).toBe(false);

    const list = await items(app, reviewer);
    const byId = new Map(list.map((item) => [item.id, item]));
    expect(byId.get('ui:app.offline')).toMatchObject({ kind: 'ui', zh: '离线', bo: 'དྲ་རྒྱ་མེད།', status: 'unreviewed' });
    const term = byId.get('term:template.requests.columns.natural_person');
    expect(term).toMatchObject({ kind: 'term', zh: '自然人', glossary: { confidence: 'medium' } });
    expect(term?.terms.map((t) => t.zh)).toContain('自然人');
    // The seed's 15 paragraphs of Tibetan prose, each beside its Chinese.
    const paragraphs = list.filter((item) => item.kind === 'paragraph');
    expect(paragraphs).toHaveLength(15);
    expect(byId.get('para:qingduo-2020:preamble:0')?.zh).toMatch(/^根据《中华人民共和国政府信息公开条例》/u);
    // What term-review.md only suggests is shown beside the strings it concerns.
    expect(byId.get('ui:auth.signIn')?.pending.map((p) => p.id)).toContain('sign-in');
    expect(list.filter((item) => item.kind === 'paragraph' && item.pending.some((p) => p.id === 'seed-town-name')).length).toBeGreaterThan(0);
  });

  it('records accept, edit and comment with who and when, and serves the reviewed text at once', async () => {
    const { app, storage, reviewer, advance } = await setup(create);
    const before = await app.request('/api/translations/bo');
    const etag = before.headers.get('ETag');
    expect((await json<ServedOverlay>(before)).reviewedKeys).toEqual([]);

    advance(60_000);
    const paragraph = (await items(app, reviewer)).find((i) => i.id === 'para:qingduo-2020:other:0');
    const response = await decide(app, reviewer, [
      { itemId: 'ui:app.offline', action: 'accept' },
      { itemId: 'ui:sync.age.minutes', action: 'edit', bo: 'སྐར་མ་{count}སྔོན།', comment: 'PRC print writes no space' },
      { itemId: 'term:template.requests.columns.total', action: 'comment', comment: 'ཁྱོན་བསྡོམས is fine' },
      { itemId: 'para:qingduo-2020:other:0', action: 'edit', bo: 'མེད།' },
    ]);
    const changed = (await json<{ items: ReviewItem[] }>(response)).items;
    expect(Object.fromEntries(changed.map((i) => [i.id, i.status]))).toEqual({
      'ui:app.offline': 'accepted',
      'ui:sync.age.minutes': 'edited',
      'term:template.requests.columns.total': 'unreviewed',
      'para:qingduo-2020:other:0': 'edited',
    });
    expect(changed.find((i) => i.id === 'ui:app.offline')).toMatchObject({ reviewedBy: 'editor-a', reviewedAt: '2025-01-10T08:01:00.000Z' });

    const log = (await json<{ entries: ReviewLogRow[] }>(await app.request('/api/review/log', bearer(reviewer)))).entries;
    expect(log.map((e) => [e.itemId, e.action, e.username, e.via, e.at])).toEqual([
      ['ui:app.offline', 'accept', 'editor-a', 'app', '2025-01-10T08:01:00.000Z'],
      ['ui:sync.age.minutes', 'edit', 'editor-a', 'app', '2025-01-10T08:01:00.000Z'],
      ['term:template.requests.columns.total', 'comment', 'editor-a', 'app', '2025-01-10T08:01:00.000Z'],
      ['para:qingduo-2020:other:0', 'edit', 'editor-a', 'app', '2025-01-10T08:01:00.000Z'],
    ]);
    expect(log[1]).toMatchObject({ boBefore: 'སྐར་མ་{count} སྔོན།', boAfter: 'སྐར་མ་{count}སྔོན།', comment: 'PRC print writes no space', zh: '{count} 分钟前' });
    expect(log[3]?.boBefore).toBe(paragraph?.bo);

    const after = await app.request('/api/translations/bo');
    expect(after.headers.get('ETag')).not.toBe(etag);
    const overlay = await json<ServedOverlay>(after);
    expect(overlay.messages).toEqual({ 'sync.age.minutes': 'སྐར་མ་{count}སྔོན།' });
    expect(overlay.reviewedKeys.sort()).toEqual(['app.offline', 'sync.age.minutes']);
    expect(overlay.compiled['sync.age.minutes']).toEqual({
      type: 0,
      body: { type: 2, items: [{ type: 3, value: 'སྐར་མ་' }, { type: 4, key: 'count' }, { type: 3, value: 'སྔོན།' }] },
    });
    expect(overlay.paragraphs['qingduo-2020']?.['other:0']).toEqual({ zh: '无', bo: 'མེད།' });
    const again = await app.request('/api/translations/bo', { headers: { 'If-None-Match': after.headers.get('ETag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await storage.listReviews()).map((r) => r.itemId).sort()).toEqual(['para:qingduo-2020:other:0', 'ui:app.offline', 'ui:sync.age.minutes']);
  });

  it('refuses an edit that drops a placeholder, an unknown item and an empty comment, storing nothing', async () => {
    const { app, storage, reviewer } = await setup(create);
    for (const [decision, code] of [
      [{ itemId: 'ui:sync.age.minutes', action: 'edit', bo: 'སྐར་མ་སྔོན།' }, 'placeholders'],
      [{ itemId: 'ui:no.such.key', action: 'accept' }, 'unknown_item'],
      [{ itemId: 'ui:app.offline', action: 'comment', comment: '  ' }, 'empty_comment'],
      [{ itemId: 'ui:app.offline', action: 'edit', bo: ' ' }, 'empty_text'],
    ] as const) {
      const response = await decide(app, reviewer, [{ itemId: 'ui:app.name', action: 'accept' }, decision]);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ApiErrorBody).error.code).toBe(code);
    }
    expect(await storage.reviewLog()).toEqual([]);
  });

  it('exports XLIFF 2.0 and CSV, and an import shows its diff, applies on demand and changes nothing twice', async () => {
    const { app, storage, reviewer } = await setup(create);
    const xliff = await (await app.request('/api/review/export.xlf', bearer(reviewer))).text();
    expect(xliff).toMatch(/<xliff xmlns="urn:oasis:names:tc:xliff:document:2\.0" version="2\.0" srcLang="zh-Hans" trgLang="bo">/u);
    expect(xliff).toContain('<unit id="ui:app.offline">');
    expect(xliff).toMatch(/<segment state="translated">\s*<source>离线<\/source>\s*<target>དྲ་རྒྱ་མེད།<\/target>/u);
    const all = (await items(app, reviewer)).length;
    expect(xliff.match(/<unit /gu)?.length).toBe(all);

    // The bureau marks one unit reviewed and corrects another.
    const returned = xliff
      .replace(/(<unit id="ui:app\.offline">[\s\S]*?<segment) state="translated"/u, '$1 state="reviewed"')
      .replace('<target>ཅུང་ཙམ་སྒུག་རྗེས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།</target>', '<target>ཅུང་ཙམ་སྒུག་ནས་ཡང་བསྐྱར་ཚོད་ལྟ་གནང་རོགས།</target>');
    const importFile = (text: string, apply: boolean) => app.request('/api/review/import', jsonRequest('POST', { text, apply }, reviewer));
    const preview = await json<ReviewImportResponse>(await importFile(returned, false));
    expect(preview.format).toBe('xliff');
    expect(preview.applied).toBe(false);
    expect(Object.fromEntries(preview.changes.map((c) => [c.itemId, c.action]))).toEqual({ 'ui:reader.errors.server.body': 'edit', 'ui:app.offline': 'accept' });
    expect(await storage.reviewLog()).toEqual([]);

    const applied = await json<ReviewImportResponse>(await importFile(returned, true));
    expect(applied.applied).toBe(true);
    expect((await storage.reviewLog()).map((e) => [e.itemId, e.action, e.via])).toEqual(applied.changes.map((c) => [c.itemId, c.action, 'xliff']));
    const twice = await json<ReviewImportResponse>(await importFile(returned, true));
    expect(twice).toMatchObject({ changes: [], applied: false, unknown: [] });
    expect(twice.unchanged).toBe(all);

    // CSV the same way: reviewed = yes accepts, a comment is recorded once.
    const bytes = new Uint8Array(await (await app.request('/api/review/export.csv', bearer(reviewer))).arrayBuffer());
    // UTF-8 with a byte-order mark, or Excel shows the Chinese and Tibetan as mojibake.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith('id,kind,key,zh,bo,reviewed,comment,status,glossary,suggestions\r\n')).toBe(true);
    const lines = csv.split('\r\n');
    const row = lines.findIndex((l) => l.startsWith('ui:app.name,'));
    lines[row] = (lines[row] ?? '').replace(',no,,unreviewed,', ',yes,ལོ་ཐོ is the almanac,unreviewed,');
    const fromCsv = await json<ReviewImportResponse>(await importFile(lines.join('\r\n'), true));
    expect(fromCsv.changes).toEqual([expect.objectContaining({ itemId: 'ui:app.name', action: 'accept', comment: 'ལོ་ཐོ is the almanac' })]);
    expect((await json<ReviewImportResponse>(await importFile(lines.join('\r\n'), true))).changes).toEqual([]);

    const bad = await importFile('not a review file at all', false);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ApiErrorBody).error.code).toBe('unreadable');
  });
});
