/**
 * Oversight answers kept per state of the database (src/server/stamped-answers.ts), on
 * both databases: asked again, the subtree is not read again; a publication, a new draft, a draft
 * edit or an agency in the subtree is seen by the next request, while changes in another subtree
 * keep the answer; a draft is validated once per head and previous-year report, its counts stored
 * for every process; gzip
 * and If-None-Match answer the same body.
 */
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { blankReport } from '../../src/report/factory.ts';
import { cellKey, getTemplate } from '../../src/report/templates/index.ts';
import type { ServerStorage } from '../../src/server/storage/types.ts';
import { bearer, jsonRequest, login, seedAccounts } from './accounts.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { testApp } from './helpers.ts';

const database = useDatabases(afterEach);

describe.each(DATABASES)('oversight answers on $kind', ({ create }) => {
  it('reads the subtree once per state of the database, and sees every change', async () => {
    const now = () => new Date(Date.UTC(2025, 0, 10, 8));
    const storage = await (await database(create)).open({ now });
    await seedAccounts(storage);
    let reads = 0;
    const counted: ServerStorage = {
      ...storage,
      subtreeReports: (root, years) => {
        reads += 1;
        return storage.subtreeReports(root, years);
      },
    };
    const { app } = testApp(counted, { now });
    const admin = await login(app, 'admin');
    const ask = async () => {
      const response = await app.request('/api/oversight?year=2024', bearer(admin));
      expect(response.status).toBe(200);
      return (await response.json()) as { rows: { agency: { id: string }; status: string }[] };
    };
    const statusOf = (body: Awaited<ReturnType<typeof ask>>, id: string) => body.rows.find((r) => r.agency.id === id)?.status;

    const first = await ask();
    await Promise.all([ask(), ask(), ask()]);
    expect(reads).toBe(1);
    expect(statusOf(first, 'town-b')).toBe('none');

    await storage.publishReport(blankReport({ id: 'town-b-2024', template: '2021', year: 2024, agencyZh: '波密县玉普乡人民政府', level: 'township', fill: 0 }));
    expect(statusOf(await ask(), 'town-b')).toBe('published');
    expect(reads).toBe(2);

    const editor = await login(app, 'editor-a');
    const document = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
    expect((await app.request('/api/drafts', jsonRequest('POST', { from: 'document', document }, editor))).status).toBe(201);
    expect(statusOf(await ask(), 'town-a')).toBe('drafting');

    await storage.createAgency({ id: 'town-c', nameZh: '波密县松宗镇人民政府', level: 'township', parentId: 'bomi' });
    expect(statusOf(await ask(), 'town-c')).toBe('none');
    expect(reads).toBe(4);

    // Another county's agencies and publications keep the answer; an edit of a draft of the subtree drops it.
    await storage.createAgency({ id: 'chayu', nameZh: '察隅县人民政府', level: 'county' });
    await storage.publishReport(blankReport({ id: 'chayu-2024', template: '2021', year: 2024, agencyZh: '察隅县人民政府', level: 'county', fill: 0 }));
    await ask();
    expect(reads).toBe(4);
    const drafts = await storage.subtreeDrafts('town-a', 2024);
    const draftId = drafts[0]?.id ?? '';
    const [field, state] = [...((await storage.draftSnapshot(draftId))?.fields ?? [])].find(([key]) => key.startsWith('cell:')) ?? [];
    const mutation = { clientId: 'c', seq: 1, draftId, field, value: 7, baseRev: state?.rev };
    const pushed = await app.request('/api/sync/push', jsonRequest('POST', { mutations: [mutation] }, editor));
    expect(pushed.status).toBe(200);
    await ask();
    expect(reads).toBe(5);
  });

  it('validates a draft once per head, stored for every process, and one after another', async () => {
    const now = () => new Date(Date.UTC(2025, 0, 10, 8));
    const db = await database(create);
    const storage = await db.open({ now });
    await seedAccounts(storage);
    let snapshots = 0;
    const counting = (s: ServerStorage): ServerStorage => ({
      ...s,
      draftSnapshot: (id) => {
        snapshots += 1;
        return s.draftSnapshot(id);
      },
    });
    const first = testApp(counting(storage), { now }).app;
    const editor = await login(first, 'editor-a');
    const document = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
    expect((await first.request('/api/drafts', jsonRequest('POST', { from: 'document', document }, editor))).status).toBe(201);
    const findingsOf = async (app: typeof first) => {
      const response = await app.request('/api/oversight?year=2024', bearer(await login(app, 'admin')));
      const body = (await response.json()) as { rows: { agency: { id: string }; findings: { error: number; warning: number } }[] };
      return body.rows.find((r) => r.agency.id === 'town-a')?.findings;
    };
    snapshots = 0;
    const findings = await findingsOf(first);
    expect(snapshots).toBe(1);
    const [draft] = await storage.subtreeDrafts('town-a', 2024);
    expect(draft?.digest).toEqual({ head: draft?.head, basis: draft?.basis, errors: findings?.error, warnings: findings?.warning });

    // Another process (or this one after a restart) reads the stored digest.
    const second = testApp(counting(await db.open({ now })), { now }).app;
    expect(await findingsOf(second)).toEqual(findings);
    expect(snapshots).toBe(1);

    // Written again: validated again, once, by whichever process asks first.
    const [field, state] = [...((await storage.draftSnapshot(draft?.id ?? ''))?.fields ?? [])].find(([key]) => key.startsWith('cell:')) ?? [];
    snapshots = 0;
    const pushed = await second.request('/api/sync/push', jsonRequest('POST', { mutations: [{ clientId: 'c', seq: 1, draftId: draft?.id, field, value: 7, baseRev: state?.rev }] }, await login(second, 'editor-a')));
    expect(pushed.status).toBe(200);
    await findingsOf(second);
    await findingsOf(first);
    expect(snapshots).toBe(1);
    const [after] = await storage.subtreeDrafts('town-a', 2024);
    expect(after?.digest?.head).toBe(after?.head);
    expect(after?.head).toBeGreaterThan(draft?.head ?? Infinity);
  });

  it('counts a draft again when its previous-year report is published or corrected, its head unmoved', async () => {
    const now = () => new Date(Date.UTC(2025, 0, 10, 8));
    const db = await database(create);
    const storage = await db.open({ now });
    await seedAccounts(storage);
    const { app } = testApp(storage, { now });
    const editor = await login(app, 'editor-a');
    const document = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
    expect((await app.request('/api/drafts', jsonRequest('POST', { from: 'document', document }, editor))).status).toBe(201);
    const admin = await login(app, 'admin');
    const errorsOf = async (asked: typeof app) => {
      const response = await asked.request('/api/oversight?year=2024', bearer(admin));
      const body = (await response.json()) as { rows: { agency: { id: string }; findings: { error: number } }[] };
      return body.rows.find((r) => r.agency.id === 'town-a')?.findings.error;
    };
    const alone = await errorsOf(app);
    if (alone === undefined) throw new Error('town-a has no row');
    const [before] = await storage.subtreeDrafts('town-a', 2024);

    // 2023 published with 结转下年度 of 5 in every column: C1 wants the draft's 上年结转 (0) to be 5.
    const columns = getTemplate('2021').requests.columns;
    const previous = blankReport({ id: 'town-a-2023', template: '2021', year: 2023, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
    for (const column of columns) previous.cells[cellKey('requests', 'carry_forward', column.key)] = 5;
    await storage.publishReport(previous);
    expect(await errorsOf(app)).toBe(alone + columns.length);
    const [after] = await storage.subtreeDrafts('town-a', 2024);
    expect(after?.head).toBe(before?.head);
    expect(after?.digest).toMatchObject({ basis: 'town-a-2023@1', errors: alone + columns.length });

    // Corrected back to 0: counted again, by another process too.
    for (const column of columns) previous.cells[cellKey('requests', 'carry_forward', column.key)] = 0;
    await storage.publishReport(previous, { note: '更正' });
    expect(await errorsOf(testApp(await db.open({ now }), { now }).app)).toBe(alone);
    expect(await errorsOf(app)).toBe(alone);
  });

  it('sends the same body gzipped when asked, and 304 for the ETag it has', async () => {
    const now = () => new Date(Date.UTC(2025, 0, 10, 8));
    const storage = await (await database(create)).open({ now });
    await seedAccounts(storage);
    const { app } = testApp(storage, { now });
    const admin = await login(app, 'admin');
    const plain = await app.request('/api/oversight?year=2024', bearer(admin));
    const text = await plain.text();
    const etag = plain.headers.get('ETag') ?? '';
    expect(etag).not.toBe('');
    const zipped = await app.request('/api/oversight?year=2024', { headers: { Authorization: `Bearer ${admin}`, 'Accept-Encoding': 'gzip, br' } });
    expect(zipped.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(text);
    const again = await app.request('/api/oversight?year=2024', { headers: { Authorization: `Bearer ${admin}`, 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const figures = await app.request('/api/oversight/figures?year=2024', { headers: { Authorization: `Bearer ${admin}`, 'If-None-Match': etag } });
    expect(figures.status).toBe(200);
  });
});
