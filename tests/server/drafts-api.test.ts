/**
 * Drafts over HTTP on both databases: new drafts from a blank template, the agency's previous
 * report or a document; agency scoping; the audit history.
 */
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftListSchema, DraftResponseSchema, HistoryResponseSchema, type DraftResponse } from '../../src/contract/drafts.ts';
import { seedIfEmpty } from '../../src/server/seed.ts';
import { blankReport } from '../../src/report/factory.ts';
import { bearer, jsonRequest, login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { captureLogger } from './helpers.ts';

const database = useDatabases(afterEach);

async function created(response: Response): Promise<DraftResponse['draft']> {
  expect(response.status, await response.clone().text()).toBe(201);
  return v.parse(DraftResponseSchema, await response.json()).draft;
}

describe.each(DATABASES)('drafts API on $kind', ({ create }) => {
  it('creates a blank draft of a template for a year, as <agency>-<year>, one per year', async () => {
    const { app } = await apiSetup(await database(create));
    const token = await login(app, 'editor-a');
    const draft = await created(await app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2021', year: 2024 }, token)));
    expect(draft).toMatchObject({ agencyId: 'town-a', reportId: 'town-a-2024', year: 2024, template: '2021', source: 'blank', publishedVersion: null, conflicts: [] });
    expect(draft.fields['cell:requests.new_received.total']).toEqual({ value: null, rev: 1 });
    expect(draft.fields['meta:agency.zh']).toEqual({ value: '波密县倾多镇人民政府', rev: 1 });
    expect(draft.fields['meta:agency.bo']).toEqual({ value: 'སྤོ་མེས་རྫོང་ཆུ་མདོ་གྲོང་རྡལ།', rev: 1 });
    expect(draft.cursor).toBe(Object.keys(draft.fields).length);

    const again = await app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2019', year: 2024 }, token));
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'draft_exists' } });

    const list = v.parse(DraftListSchema, await (await app.request('/api/drafts', bearer(token))).json());
    expect(list.drafts.map((d) => d.id)).toEqual([draft.id]);
    const fetched = v.parse(DraftResponseSchema, await (await app.request(`/api/drafts/${draft.id}`, bearer(token))).json());
    expect(fetched.draft.fields).toEqual(draft.fields);
  });

  it('keeps agencies apart: another township\'s editor neither sees nor reads the draft', async () => {
    const { app } = await apiSetup(await database(create));
    const a = await login(app, 'editor-a');
    const b = await login(app, 'editor-b');
    const draft = await created(await app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2021', year: 2024 }, a)));
    expect(v.parse(DraftListSchema, await (await app.request('/api/drafts', bearer(b))).json()).drafts).toEqual([]);
    for (const path of [`/api/drafts/${draft.id}`, `/api/drafts/${draft.id}/history`]) {
      const response = await app.request(path, bearer(b));
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'draft_not_found' } });
    }
    // The same answer as for a draft that does not exist at all.
    expect((await app.request('/api/drafts/dnothing', bearer(b))).status).toBe(404);
    // The county's admin is not town-a either.
    expect((await app.request(`/api/drafts/${draft.id}`, bearer(await login(app, 'admin')))).status).toBe(404);
    for (const path of ['/api/drafts', `/api/drafts/${draft.id}`, `/api/drafts/${draft.id}/history`]) {
      expect((await app.request(path)).status, path).toBe(401);
    }
  });

  it('starts next year from the agency\'s published report: carry-over, metadata and prose', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await seedIfEmpty(storage, captureLogger()); // qingduo-2020, 波密县倾多镇人民政府 = town-a
    const seed = await storage.getReport('qingduo-2020');
    const token = await login(app, 'editor-a');
    const draft = await created(await app.request('/api/drafts', jsonRequest('POST', { from: 'previous' }, token)));
    expect(draft).toMatchObject({ reportId: 'town-a-2021', year: 2021, template: '2021', source: 'previous', previousReportId: 'qingduo-2020' });
    expect(draft.fields['cell:requests.carried_over.total']?.value).toBe(seed?.document.cells['requests.carry_forward.total']);
    expect(draft.fields['text:overview:zh']?.value).toBe(seed?.document.sections.overview?.zh);
    expect(draft.fields['meta:agency.zh']?.value).toBe('波密县倾多镇人民政府');

    // The same by id; and never from another agency's report.
    const b = await login(app, 'editor-b');
    const foreign = await app.request('/api/drafts', jsonRequest('POST', { from: 'previous', reportId: 'qingduo-2020' }, b));
    expect(foreign.status).toBe(422);
    expect(await foreign.json()).toMatchObject({ error: { code: 'agency_mismatch' } });
    const none = await app.request('/api/drafts', jsonRequest('POST', { from: 'previous' }, b));
    expect(none.status).toBe(404);
    expect((await app.request('/api/drafts', jsonRequest('POST', { from: 'previous', reportId: 'nothing-2020' }, token))).status).toBe(404);
  });

  it('creates a draft from an imported document of the agency, and refuses another agency\'s or a broken one', async () => {
    const { app } = await apiSetup(await database(create));
    const token = await login(app, 'editor-a');
    const document = blankReport({ id: 'anything', template: '2019', year: 2020, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
    document.cells['requests.new_received.total'] = 0;
    document.sections.other = { zh: '无', original: 'zh', translationReviewed: false };
    const draft = await created(await app.request('/api/drafts', jsonRequest('POST', { from: 'document', document }, token)));
    expect(draft).toMatchObject({ reportId: 'town-a-2020', year: 2020, template: '2019', source: 'document' });
    expect(draft.fields['text:other:zh']?.value).toBe('无');

    const other = { ...document, meta: { ...document.meta, year: 2021, agency: { zh: '林芝市人民政府' } } };
    const mismatch = await app.request('/api/drafts', jsonRequest('POST', { from: 'document', document: other }, token));
    expect(mismatch.status).toBe(422);
    const broken = { ...document, meta: { ...document.meta, year: 2022 }, cells: { 'no.such.cell': 1 } };
    const refused = await app.request('/api/drafts', jsonRequest('POST', { from: 'document', document: broken }, token));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_document', message: expect.stringMatching(/no\.such\.cell/u) } });
    for (const body of [{ from: 'document' }, { from: 'blank', template: '2020', year: 2024 }, { from: 'blank', template: '2021', year: 2024, extra: 1 }, { from: 'copy' }]) {
      expect((await app.request('/api/drafts', jsonRequest('POST', body, token))).status, JSON.stringify(body)).toBe(400);
    }
    const list = v.parse(DraftListSchema, await (await app.request('/api/drafts', bearer(token))).json());
    expect(list.drafts.map((d) => d.year)).toEqual([2020]);
  });

  it('takes a device\'s id for a draft made offline: the same creation again is the same draft, never a twin', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await seedIfEmpty(storage, captureLogger());
    const token = await login(app, 'editor-a');
    const seed = await storage.getReport('qingduo-2020');
    if (seed === undefined) throw new Error('no seed');
    // Made on a phone from last year's report, offline: it says so, and which report it carried over.
    const document = { ...structuredClone(seed.document), id: 'town-a-2021', meta: { ...seed.document.meta, year: 2021 } };
    const body = { from: 'document', document, source: 'previous', previousReportId: 'qingduo-2020', id: 'l0123456789abcdef' };
    const draft = await created(await app.request('/api/drafts', jsonRequest('POST', body, token)));
    expect(draft).toMatchObject({ id: 'l0123456789abcdef', reportId: 'town-a-2021', source: 'previous', previousReportId: 'qingduo-2020' });
    // The answer was lost; the phone sends the same request again (also with another user of the agency).
    const again = await app.request('/api/drafts', jsonRequest('POST', body, await login(app, 'publisher-a')));
    expect(again.status).toBe(200);
    expect(v.parse(DraftResponseSchema, await again.json()).draft).toMatchObject({ id: 'l0123456789abcdef', reportId: 'town-a-2021' });
    const list = v.parse(DraftListSchema, await (await app.request('/api/drafts', bearer(token))).json());
    expect(list.drafts.map((d) => d.id)).toEqual(['l0123456789abcdef']);
    // Another agency can neither take that id nor name a report not its own as where it came from.
    const b = await login(app, 'editor-b');
    const taken = await app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2021', year: 2021, id: 'l0123456789abcdef' }, b));
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ error: { code: 'draft_id_taken' } });
    const foreign = { ...body, id: 'lother', document: { ...document, meta: { ...document.meta, year: 2022 } } };
    const mismatch = await app.request('/api/drafts', jsonRequest('POST', { ...foreign, previousReportId: 'nothing-2020' }, token));
    expect(mismatch.status).toBe(404);
    expect((await app.request('/api/drafts', jsonRequest('POST', { ...body, id: 'bad id!' }, token))).status).toBe(400);
  });

  it('keeps every change in a history the agency can read: who, when, which field, old → new', async () => {
    const { app, advance } = await apiSetup(await database(create));
    const token = await login(app, 'editor-a');
    const draft = await created(await app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2021', year: 2024 }, token)));
    advance(60_000);
    const pushed = await app.request('/api/sync/push', jsonRequest('POST', {
      mutations: [{ clientId: 'phone1', seq: 1, draftId: draft.id, field: 'cell:requests.new_received.total', value: 4, baseRev: 1 }],
    }, token));
    expect(pushed.status).toBe(200);
    const history = v.parse(HistoryResponseSchema, await (await app.request(`/api/drafts/${draft.id}/history?after=${draft.cursor}`, bearer(token))).json());
    expect(history).toEqual({
      entries: [{
        cursor: draft.cursor + 1,
        field: 'cell:requests.new_received.total',
        old: null,
        value: 4,
        rev: 2,
        at: new Date(Date.UTC(2025, 0, 10, 8) + 60_000).toISOString(),
        clientId: 'phone1',
        seq: 1,
        user: { id: expect.any(Number), username: 'editor-a' },
      }],
      next: null,
    });
    const first = v.parse(HistoryResponseSchema, await (await app.request(`/api/drafts/${draft.id}/history?limit=2`, bearer(token))).json());
    expect(first.entries.map((e) => e.clientId)).toEqual(['~server', '~server']);
    expect(first.next).toBe(first.entries[1]?.cursor);
    expect((await app.request(`/api/drafts/${draft.id}/history?after=-1`, bearer(token))).status).toBe(400);
  });
});
