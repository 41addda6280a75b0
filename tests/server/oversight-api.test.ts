/**
 * The county office's API on both databases: a user reads its own agency and every agency below
 * it, never another subtree (also over random trees) nor anything above; status, deadlines, late
 * and at-risk on the server's Beijing date; findings of drafts and published reports; key figures
 * with last year's; and the CSV read back by a real CSV parser.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import type { Hono } from 'hono';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { blankReport } from '../../src/report/factory.ts';
import { OversightFiguresSchema, OversightFindingsSchema, OversightResponseSchema } from '../../src/contract/oversight.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { bearer, jsonRequest, login, PASSWORD } from './accounts.ts';
import { apiSetup, DAY } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);

async function get(app: Hono, path: string, token: string): Promise<Response> {
  return app.request(path, bearer(token));
}

async function oversight(app: Hono, token: string, query = '') {
  const response = await get(app, `/api/oversight${query}`, token);
  expect(response.status, await response.clone().text()).toBe(200);
  return v.parse(OversightResponseSchema, await response.json());
}

/** A published township report with every cell 0 but the given ones. */
function township(id: string, zh: string, year: number, cells: Record<string, number> = {}) {
  const document = blankReport({ id, template: year >= 2021 ? '2021' : '2019', year, agencyZh: zh, level: 'township', fill: 0 });
  Object.assign(document.cells, cells);
  return document;
}

describe.each(DATABASES)('oversight on $kind', ({ create }) => {
  it('lists the subtree for the year being reported, with deadlines; 401 without a session', async () => {
    const { app } = await apiSetup(await database(create));
    expect((await app.request('/api/oversight')).status).toBe(401);
    const body = await oversight(app, await login(app, 'admin'));
    // The clock is 2025-01-10: the 2024 reports are due.
    expect(body).toMatchObject({ agency: { id: 'bomi', level: 'county' }, year: 2024, today: '2025-01-10' });
    expect(body.rows.map((r) => [r.agency.id, r.depth, r.status, r.deadline, r.late, r.atRisk])).toEqual([
      ['bomi', 0, 'none', '2025-03-31', false, false],
      ['town-a', 1, 'none', '2025-01-31', false, false],
      ['town-b', 1, 'none', '2025-01-31', false, false],
    ]);
    expect(body.rows[1]?.agency).toEqual({ id: 'town-a', zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་ཆུ་མདོ་གྲོང་རྡལ།', level: 'township', parentId: 'bomi' });
    expect((await get(app, '/api/oversight', await login(app, 'admin'))).headers.get('Cache-Control')).toBe('no-store');
  });

  it('never shows a township another township, nor the county above it', async () => {
    const { app } = await apiSetup(await database(create));
    const token = await login(app, 'editor-a');
    expect((await oversight(app, token)).rows.map((r) => r.agency.id)).toEqual(['town-a']);
    for (const agency of ['town-b', 'bomi', 'nowhere']) {
      const response = await get(app, `/api/oversight?agency=${agency}`, token);
      expect(response.status, agency).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'agency_not_found' } });
      expect((await get(app, `/api/oversight/findings?agency=${agency}`, token)).status).toBe(404);
      expect((await get(app, `/api/oversight.csv?agency=${agency}`, token)).status).toBe(404);
    }
    const admin = await login(app, 'admin');
    expect((await oversight(app, admin, '?agency=town-b')).rows.map((r) => r.agency.id)).toEqual(['town-b']);
    expect((await get(app, '/api/oversight?agency=Bad!', admin)).status).toBe(400);
    expect((await get(app, '/api/oversight?year=1999', admin)).status).toBe(400);
  });

  it('tells drafting from published, counts findings of each, and judges late and at risk', async () => {
    const { app, storage, advance } = await apiSetup(await database(create));
    const editor = await login(app, 'editor-a');
    const draft = await app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2021', year: 2024 }, editor));
    expect(draft.status).toBe(201);
    // Published through the storage, without a digest: oversight makes and stores it.
    await storage.publishReport(township('town-b-2024', '波密县玉普乡人民政府', 2024, { 'requests.new_received.total': 4 }));

    let admin = await login(app, 'admin');
    let rows = (await oversight(app, admin)).rows;
    const [, a, b] = rows;
    expect(a).toMatchObject({ status: 'drafting', reportId: null, draftId: expect.any(String) });
    expect((a?.findings.warning ?? 0) + (a?.findings.error ?? 0)).toBeGreaterThan(0);
    expect(b).toMatchObject({ status: 'published', reportId: 'town-b-2024', version: 1, late: false, findings: { error: 2, warning: 0 } });

    advance(15 * DAY); // 2025-01-25: a week left for the townships
    rows = (await oversight(app, admin)).rows;
    expect(rows.map((r) => [r.agency.id, r.late, r.atRisk])).toEqual([['bomi', false, false], ['town-a', false, true], ['town-b', false, false]]);
    advance(7 * DAY); // 2025-02-01
    rows = (await oversight(app, admin)).rows;
    expect(rows.map((r) => [r.agency.id, r.late, r.atRisk])).toEqual([['bomi', false, false], ['town-a', true, false], ['town-b', false, false]]);
    advance(52 * DAY); // 2025-03-25: a week left for the county's own report (sessions last 30 days: sign in again)
    admin = await login(app, 'admin');
    expect((await oversight(app, admin)).rows[0]).toMatchObject({ late: false, atRisk: true });

    const findings = v.parse(OversightFindingsSchema, await (await get(app, '/api/oversight/findings?agency=town-b&year=2024', admin)).json());
    expect(findings).toMatchObject({ source: 'report', reportId: 'town-b-2024', template: '2021' });
    expect(findings.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['R1', 'R3']);
    const drafting = v.parse(OversightFindingsSchema, await (await get(app, '/api/oversight/findings?agency=town-a&year=2024', admin)).json());
    expect(drafting).toMatchObject({ source: 'draft', reportId: null, draftId: a?.draftId });
  });

  it('recounts a draft’s findings once it changes', async () => {
    const { app } = await apiSetup(await database(create));
    const editor = await login(app, 'editor-a');
    const document = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
    const created = await app.request('/api/drafts', jsonRequest('POST', { from: 'document', document }, editor));
    const { draft } = (await created.json()) as { draft: { id: string } };
    const admin = await login(app, 'admin');
    expect((await oversight(app, admin)).rows[1]?.findings.error).toBe(0);
    const push = await app.request('/api/sync/push', jsonRequest('POST', {
      mutations: [{ clientId: 'desk', seq: 1, draftId: draft.id, field: 'cell:requests.new_received.total', value: 5, baseRev: 1 }],
    }, editor));
    expect(push.status).toBe(200);
    expect((await oversight(app, admin)).rows[1]?.findings.error).toBe(2);
  });

  it('puts key figures beside last year’s and sums them', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await storage.publishReport(township('town-a-2023', '波密县倾多镇人民政府', 2023, { 'requests.new_received.total': 3, 'requests.results_total.total': 3, 'requests.granted.total': 3 }));
    await storage.publishReport(township('town-a-2024', '波密县倾多镇人民政府', 2024, { 'requests.new_received.total': 5, 'requests.results_total.total': 5, 'requests.granted.total': 5 }));
    await storage.publishReport(township('town-b-2024', '波密县玉普乡人民政府', 2024, { 'requests.new_received.total': 2, 'requests.results_total.total': 2, 'requests.granted.total': 2 }));
    const admin = await login(app, 'admin');
    const body = v.parse(OversightFiguresSchema, await (await get(app, '/api/oversight/figures?year=2024', admin)).json());
    expect(body.rows.map((r) => [r.agencyId, r.figures?.received ?? null, r.previous?.received ?? null])).toEqual([
      ['bomi', null, null],
      ['town-a', 5, 3],
      ['town-b', 2, null],
    ]);
    expect(body.sums).toMatchObject({ reports: 2, previousReports: 1, figures: { received: 7, results: 7 }, previous: { received: 3 } });
  });

  it('exports every figure as CSV with a BOM, a column per cell key, read back by a CSV parser', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await storage.createAgency({ id: 'odd', nameZh: '=HYPERLINK("x"),"镇"', level: 'township', parentId: 'bomi' });
    await storage.publishReport(township('town-a-2024', '波密县倾多镇人民政府', 2024, { 'requests.new_received.total': 5, 'requests.results_total.total': 5, 'requests.granted.total': 5 }));
    const response = await get(app, '/api/oversight.csv?year=2024', await login(app, 'admin'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="lotho-bomi-2024.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv<Record<string, string>>(new TextDecoder().decode(bytes), { bom: true, columns: true });
    expect(records.map((r) => r.agency_id)).toEqual(['bomi', 'odd', 'town-a', 'town-b']);
    const townA = records.find((r) => r.agency_id === 'town-a');
    expect(townA).toMatchObject({ agency_zh: '波密县倾多镇人民政府', status: 'published', report_id: 'town-a-2024', 'requests.new_received.total': '5', 'appeals.review.total': '0' });
    expect(Object.keys(townA ?? {})).toContain('active.fees.amount');
    expect(records.find((r) => r.agency_id === 'odd')?.agency_zh).toBe('\'=HYPERLINK("x"),"镇"');
    expect(records.find((r) => r.agency_id === 'town-b')).toMatchObject({ status: 'none', 'requests.new_received.total': '' });
  });

  it('never lets a user see an agency outside its subtree (random trees)', async () => {
    const { app, storage } = await apiSetup(await database(create));
    const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 10 }), fc.nat(), fc.nat(), async (parents, pick, probe) => {
        run += 1;
        const name = (i: number) => `p${run}-a${i}`;
        const parentOf = parents.map((p, i) => (i === 0 ? undefined : p % i));
        for (const [i, p] of parentOf.entries()) {
          await storage.createAgency({ id: name(i), nameZh: `机构${run}-${i}`, level: i === 0 ? 'county' : 'township', ...(p === undefined ? {} : { parentId: name(p) }) });
        }
        const home = pick % parentOf.length;
        await storage.createUser({ username: `u${run}`, agencyId: name(home), role: 'editor', passwordHash: hash });
        const token = await login(app, `u${run}`);
        const below = (i: number): boolean => i === home || (parentOf[i] !== undefined && below(parentOf[i] ?? 0));
        const seen = (await oversight(app, token)).rows.map((r) => r.agency.id).sort();
        expect(seen).toEqual(parentOf.map((_, i) => i).filter(below).map(name).sort());
        const other = probe % parentOf.length;
        const status = (await get(app, `/api/oversight?agency=${name(other)}`, token)).status;
        expect(status).toBe(below(other) ? 200 : 404);
      }),
      { numRuns: 12 },
    );
    // The random trees hang under no agency of the fixture: its county still sees only its own.
    expect((await oversight(app, await login(app, 'admin'))).rows.map((r) => r.agency.id)).toEqual(['bomi', 'town-a', 'town-b']);
  });
});
