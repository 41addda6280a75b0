/**
 * Publishing over HTTP on both databases: errors block, warnings need an acknowledgement, versions
 * are numbered and immutable, a correction carries a note, and readers see it in the index.
 */
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftResponseSchema, PublishResponseSchema } from '../../src/contract/drafts.ts';
import { ReportIndexSchema, ReportResponseSchema, ReportVersionsSchema } from '../../src/contract/reports.ts';
import type { ApiErrorBody } from '../../src/contract/errors.ts';
import { seedIfEmpty } from '../../src/server/seed.ts';
import { blankReport } from '../../src/report/factory.ts';
import type { FieldRecord, FieldValue } from '../../src/report/fields.ts';
import { jsonRequest, login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { captureLogger } from './helpers.ts';
import type { Hono } from 'hono';

const database = useDatabases(afterEach);

async function draftFrom(app: Hono, token: string, body: unknown): Promise<{ id: string; fields: FieldRecord<{ value: FieldValue; rev: number }> }> {
  const response = await app.request('/api/drafts', jsonRequest('POST', body, token));
  expect(response.status, await response.clone().text()).toBe(201);
  return v.parse(DraftResponseSchema, await response.json()).draft;
}

let seq = 0;
async function set(app: Hono, token: string, draftId: string, field: string, value: FieldValue, baseRev: number): Promise<void> {
  seq += 1;
  const response = await app.request('/api/sync/push', jsonRequest('POST', { mutations: [{ clientId: 'desk', seq, draftId, field, value, baseRev }] }, token));
  expect(response.status, await response.clone().text()).toBe(200);
}

const publish = (app: Hono, token: string, id: string, body: unknown) => app.request(`/api/drafts/${id}/publish`, jsonRequest('POST', body, token));

describe.each(DATABASES)('publishing on $kind', ({ create }) => {
  it('blocks on errors, then publishes version 1, then a correction with a note as version 2', async () => {
    const { app } = await apiSetup(await database(create));
    const token = await login(app, 'publisher-a');
    // All zeros but 新收申请 总计 = 5: R1 and R3 fail.
    const document = blankReport({ id: 'x', template: '2021', year: 2024, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
    document.cells['requests.new_received.total'] = 5;
    const draft = await draftFrom(app, token, { from: 'document', document });

    const blocked = await publish(app, token, draft.id, { acknowledgeWarnings: true });
    expect(blocked.status).toBe(409);
    const body = (await blocked.json()) as ApiErrorBody;
    expect(body.error.code).toBe('publish_blocked');
    expect(body.error.findings?.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['R1', 'R3']);
    expect((await app.request('/api/reports/town-a-2024')).status).toBe(404);

    await set(app, token, draft.id, 'cell:requests.new_received.total', 0, 1);
    const first = await publish(app, token, draft.id, { acknowledgeWarnings: false });
    expect(first.status, await first.clone().text()).toBe(201);
    expect(v.parse(PublishResponseSchema, await first.json()).report).toMatchObject({ id: 'town-a-2024', version: 1 });

    // Published versions are immutable: a change after publishing is a correction, with a note.
    await set(app, token, draft.id, 'cell:appeals.review.total', 0, 1);
    const noNote = await publish(app, token, draft.id, { acknowledgeWarnings: false });
    expect(noNote.status).toBe(409);
    expect(await noNote.json()).toMatchObject({ error: { code: 'note_required' } });
    const corrected = await publish(app, token, draft.id, { acknowledgeWarnings: false, note: '  更正：行政复议数字 ' });
    expect(corrected.status).toBe(201);
    expect(v.parse(PublishResponseSchema, await corrected.json()).report).toMatchObject({ version: 2, note: '更正：行政复议数字' });

    const index = v.parse(ReportIndexSchema, await (await app.request('/api/reports')).json());
    expect(index.reports.find((r) => r.id === 'town-a-2024')).toMatchObject({ version: 2, note: '更正：行政复议数字', agency: { zh: '波密县倾多镇人民政府' } });
    const latest = v.parse(ReportResponseSchema, await (await app.request('/api/reports/town-a-2024')).json());
    expect(latest).toMatchObject({ version: 2, note: '更正：行政复议数字' });
    expect(latest.report.meta.agency.bo).toBe('སྤོ་མེས་རྫོང་ཆུ་མདོ་གྲོང་རྡལ།');
    const versions = v.parse(ReportVersionsSchema, await (await app.request('/api/reports/town-a-2024/versions')).json());
    expect(versions.versions.map((x) => [x.version, x.note])).toEqual([[1, undefined], [2, '更正：行政复议数字']]);
    const one = v.parse(ReportResponseSchema, await (await app.request('/api/reports/town-a-2024/versions/1')).json());
    expect(one.version).toBe(1);
    expect((await app.request('/api/reports/town-a-2024/versions/3')).status).toBe(404);
    const drafts = (await (await app.request('/api/drafts', { headers: { Authorization: `Bearer ${token}` } })).json()) as { drafts: { publishedVersion: number }[] };
    expect(drafts.drafts[0]?.publishedVersion).toBe(2);
  });

  it('needs warnings acknowledged, the publisher role, the draft\'s agency and no open conflict', async () => {
    const { app } = await apiSetup(await database(create));
    const editor = await login(app, 'editor-a');
    const publisher = await login(app, 'publisher-a');
    const draft = await draftFrom(app, editor, { from: 'blank', template: '2021', year: 2024 });

    const byEditor = await publish(app, editor, draft.id, { acknowledgeWarnings: true });
    expect(byEditor.status).toBe(403);
    expect(await byEditor.json()).toMatchObject({ error: { code: 'forbidden' } });
    expect((await publish(app, await login(app, 'admin'), draft.id, { acknowledgeWarnings: true })).status).toBe(404);

    // A blank draft: M1 warnings (blank cells) only.
    const unacknowledged = await publish(app, publisher, draft.id, { acknowledgeWarnings: false });
    expect(unacknowledged.status).toBe(409);
    const body = (await unacknowledged.json()) as ApiErrorBody;
    expect(body.error.code).toBe('warnings_unacknowledged');
    expect(new Set(body.error.findings?.map((f) => f.severity))).toEqual(new Set(['warning']));
    for (const bad of [{}, { acknowledgeWarnings: 'yes' }, { acknowledgeWarnings: true, note: '' }, { acknowledgeWarnings: true, note: 'x'.repeat(2_001) }, { acknowledgeWarnings: true, version: 3 }]) {
      expect((await publish(app, publisher, draft.id, bad)).status, JSON.stringify(bad)).toBe(400);
    }

    // Two officials changed one cell: nothing is published until an official decides.
    const total = 'cell:requests.new_received.total';
    const push = (token: string, clientId: string, value: number, extra: Record<string, unknown> = {}) =>
      app.request('/api/sync/push', jsonRequest('POST', { mutations: [{ clientId, seq: 1, draftId: draft.id, field: total, value, baseRev: 1, ...extra }] }, token));
    await push(editor, 'phone', 1);
    const conflicted = (await (await push(publisher, 'desk', 2)).json()) as { acks: { conflictId: string }[] };
    const open = await publish(app, publisher, draft.id, { acknowledgeWarnings: true });
    expect(open.status).toBe(409);
    expect(await open.json()).toMatchObject({ error: { code: 'unresolved_conflicts' } });
    const conflictId = conflicted.acks[0]?.conflictId ?? '';
    const resolve = await app.request('/api/sync/push', jsonRequest('POST', {
      mutations: [{ clientId: 'desk', seq: 2, draftId: draft.id, field: total, value: 2, baseRev: 2, resolves: conflictId }],
    }, publisher));
    expect(await resolve.json()).toMatchObject({ acks: [{ status: 'applied', rev: 3 }] });
    const published = await publish(app, publisher, draft.id, { acknowledgeWarnings: true });
    expect(published.status).toBe(201);
    const result = v.parse(PublishResponseSchema, await published.json());
    expect(result.warnings.length).toBeGreaterThan(0);
    const report = v.parse(ReportResponseSchema, await (await app.request('/api/reports/town-a-2024')).json());
    expect(report.report.cells['requests.new_received.total']).toBe(2);
  });

  it('checks the cross-year rules against the report the draft started from', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await seedIfEmpty(storage, captureLogger());
    const token = await login(app, 'publisher-a');
    const draft = await draftFrom(app, token, { from: 'previous', reportId: 'qingduo-2020' });
    const carried = draft.fields['cell:requests.carried_over.total'];
    await set(app, token, draft.id, 'cell:requests.carried_over.total', Number(carried?.value ?? 0) + 3, carried?.rev ?? 1);
    const blocked = await publish(app, token, draft.id, { acknowledgeWarnings: true });
    expect(blocked.status).toBe(409);
    const body = (await blocked.json()) as ApiErrorBody;
    expect(body.error.findings?.filter((f) => f.severity === 'error').map((f) => f.rule)).toContain('C1');
  });
});
