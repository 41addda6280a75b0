// @vitest-environment happy-dom
/**
 * The sync client against the protocol's reference server (tests/unit/sync/memory-server.ts)
 * behind a fake fetch: acks empty the outbox, a lost answer keeps it and the retry gets the same
 * ack again (written once), conflicts keep both values and their resolution is pushed with
 * `resolves`, failures back off up to 5 minutes, a 401 keeps everything and asks to sign in.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toFields, type FieldKey } from '../../../src/report/fields.ts';
import { staffApi } from '../../../src/sync/api.ts';
import { SyncClient } from '../../../src/sync/client.ts';
import type { ReplicaStore } from '../../../src/sync/outbox.ts';
import { FakeApi } from './fake-api.ts';
import { RECEIVED, RECEIVED_NP, blankDraft, freshDb, replicaOn } from './helpers.ts';

let api: FakeApi;
let replica: ReplicaStore;
let client: SyncClient;

beforeEach(async () => {
  api = new FakeApi();
  replica = await replicaOn(freshDb());
  client = new SyncClient({ replica, api: staffApi(api.fetch), random: () => 1, editDelayMs: 10 });
});

afterEach(async () => {
  await client.stop();
});

/** A draft the server has (a colleague created it), and this device after its first sync. */
async function serverDraft(): Promise<string> {
  const draft = api.createDraft(blankDraft());
  expect((await client.request('start')).ok).toBe(true);
  return draft.id;
}

describe('push and pull', () => {
  it('downloads the agency drafts on the first sync', async () => {
    const id = await serverDraft();
    expect((await replica.drafts()).map((d) => [d.id, d.serverId, d.year])).toEqual([[id, id, 2024]]);
    expect((await replica.draftFields(id)).get(RECEIVED)).toEqual({ value: null, rev: 1 });
  });

  it('sends the outbox; acks remove the entries and the server has the values', async () => {
    const id = await serverDraft();
    await replica.edit(id, RECEIVED, 12);
    await replica.edit(id, RECEIVED_NP, 12);
    const run = await client.request('manual');
    expect(run).toMatchObject({ ok: true, pushed: 2 });
    expect(await replica.pending()).toEqual([]);
    expect(api.value(id, RECEIVED)).toBe(12);
    expect((await replica.draftFields(id)).get(RECEIVED)).toEqual({ value: 12, rev: 2 });
    expect((await replica.meta()).lastSuccessAt).not.toBeNull();
  });

  it('keeps the entries when the answer is lost; the retry gets the same ack and nothing is written twice', async () => {
    const id = await serverDraft();
    await replica.edit(id, RECEIVED, 12);
    api.fail('/api/sync/push', 'drop-answer');

    const lost = await client.request('manual');
    expect(lost.ok).toBe(false);
    expect(lost.error?.kind).toBe('network');
    expect(api.value(id, RECEIVED)).toBe(12); // the server applied it…
    expect((await replica.pending()).map((p) => [p.mutation.seq, p.sent])).toEqual([[1, true]]); // …the device does not know

    const retry = await client.request('manual');
    expect(retry.ok).toBe(true);
    expect(api.pushes.map((p) => p.map((m) => m.seq))).toEqual([[1], [1]]);
    expect(await replica.pending()).toEqual([]);
    expect(api.writesOf(id, RECEIVED)).toBe(2); // the creation and one edit
    expect((await replica.meta()).lastError).toBeNull();
  });

  it('never loses a keystroke typed while the push carrying the field is in flight', async () => {
    const id = await serverDraft();
    await replica.edit(id, 'text:overview:zh', '本', { coalesce: true });
    const release = api.holdNextPush();
    const run = client.request('manual');
    await vi.waitFor(() => { expect(api.requests).toContain('POST /api/sync/push'); });
    await replica.edit(id, 'text:overview:zh', '本年', { coalesce: true });
    release();
    await run;
    await client.request('manual');
    expect(api.pushes.map((p) => p.map((m) => m.value))).toEqual([['本'], ['本年']]);
    expect(api.value(id, 'text:overview:zh')).toBe('本年');
    expect(await replica.pending()).toEqual([]);
  });

  it('keeps one entry per field when a failed push comes between two keystrokes: the typed value is sent, the one in between never', async () => {
    const id = await serverDraft();
    await replica.edit(id, RECEIVED_NP, 1, { coalesce: true });
    api.fail('/api/sync/push', 'network');
    expect((await client.request('retry')).ok).toBe(false);
    await replica.edit(id, RECEIVED_NP, 12, { coalesce: true });
    await replica.edit(id, RECEIVED, 5, { coalesce: true });

    // What the status counts: two edits, as the official made them.
    expect((await replica.pending()).map((p) => [p.mutation.field, p.mutation.value])).toEqual([[RECEIVED_NP, 12], [RECEIVED, 5]]);
    expect((await client.request('manual')).ok).toBe(true);
    expect(api.pushes.at(-1)?.map((m) => m.value)).toEqual([12, 5]);
    expect(api.value(id, RECEIVED_NP)).toBe(12);
    expect(api.writesOf(id, RECEIVED_NP)).toBe(2); // the creation and 12
    expect(await replica.pending()).toEqual([]);
  });

  it('replaces an entry the server applied but whose answer was lost, and converges on the value typed after it', async () => {
    const id = await serverDraft();
    await replica.edit(id, RECEIVED_NP, 1, { coalesce: true });
    api.fail('/api/sync/push', 'drop-answer');
    expect((await client.request('retry')).ok).toBe(false);
    expect(api.value(id, RECEIVED_NP)).toBe(1);
    await replica.edit(id, RECEIVED_NP, 12, { coalesce: true });

    expect((await replica.pending()).map((p) => [p.mutation.seq, p.mutation.value, p.sent])).toEqual([[2, 12, false]]);
    expect((await client.request('manual')).ok).toBe(true);
    expect(api.value(id, RECEIVED_NP)).toBe(12);
    expect(await replica.conflicts()).toEqual([]);
    expect(await replica.pending()).toEqual([]);
    expect((await replica.draftFields(id)).get(RECEIVED_NP)?.value).toBe(12);
  });

  it('merges edits of different fields from two officials', async () => {
    const id = await serverDraft();
    api.server.push([{ clientId: 'office', seq: 1, draftId: id, field: RECEIVED_NP, value: 5, baseRev: 1 }]);
    await replica.edit(id, RECEIVED, 12);
    await client.request('manual');
    const fields = await replica.draftFields(id);
    expect(fields.get(RECEIVED)?.value).toBe(12);
    expect(fields.get(RECEIVED_NP)?.value).toBe(5);
    expect(await replica.conflicts()).toEqual([]);
  });

  it('keeps both values of a field changed on both sides, and pushes the resolution with `resolves`', async () => {
    const id = await serverDraft();
    api.server.push([{ clientId: 'office', seq: 1, draftId: id, field: RECEIVED, value: 30, baseRev: 1 }]);
    await replica.edit(id, RECEIVED, 12);
    await client.request('manual');

    const [conflict] = await replica.conflicts();
    expect(conflict).toMatchObject({ draftId: id, field: RECEIVED, mine: 12, theirs: 30 });
    expect(api.value(id, RECEIVED)).toBe(30); // nothing overwritten silently
    expect((await replica.draftFields(id)).get(RECEIVED)?.value).toBe(12); // the official still sees theirs and mine

    await replica.resolve(conflict?.id ?? '', 'mine');
    await client.request('manual');
    expect(api.pushes.at(-1)).toEqual([expect.objectContaining({ field: RECEIVED, value: 12, resolves: conflict?.id })]);
    expect(api.value(id, RECEIVED)).toBe(12);
    expect(await replica.conflicts()).toEqual([]);
    expect(await replica.pending()).toEqual([]);
  });

  it('shows every device the draft\'s conflicts, with who and when; resolved on one, closed on the other at its next sync', async () => {
    const id = await serverDraft();
    api.server.push([{ clientId: 'office', seq: 1, draftId: id, field: RECEIVED, value: 30, baseRev: 1 }]);
    await replica.edit(id, RECEIVED, 12);
    await client.request('manual');
    const [made] = await replica.conflicts();
    const { clientId } = await replica.meta();
    expect(made).toMatchObject({ mine: 12, theirs: 30, mineClientId: clientId, mineBy: `by-${clientId}`, theirsBy: 'dolma', theirsAt: '2025-01-02T03:00:00.000Z' });

    // A new device of the agency: it learns the conflict from the server's list, not from an ack.
    const other = await replicaOn(freshDb(), '2');
    const second = new SyncClient({ replica: other, api: staffApi(api.fetch), random: () => 1, editDelayMs: 10 });
    expect((await second.request('start')).ok).toBe(true);
    const [seen] = await other.conflicts();
    expect(seen).toMatchObject({ id: made?.id, draftId: id, field: RECEIVED, mine: 12, theirs: 30, mineBy: `by-${clientId}`, theirsBy: 'dolma' });
    expect((await other.draftFields(id)).get(RECEIVED)?.value).toBe(30);

    // It keeps the value pushed from the first device; that device shows it once it syncs.
    await other.resolve(seen?.id ?? '', 'theirs');
    await second.request('manual');
    await second.stop();
    expect(api.value(id, RECEIVED)).toBe(30);
    expect(await other.conflicts()).toEqual([]);
    await client.request('manual');
    expect(await replica.conflicts()).toEqual([]);
    expect((await replica.draftFields(id)).get(RECEIVED)).toEqual({ value: 30, rev: 2 });
    expect(await replica.pending()).toEqual([]);
  });

  it('holds back a value the server would refuse (a negative count) and sends the rest', async () => {
    const id = await serverDraft();
    await replica.edit(id, RECEIVED, -3);
    await replica.edit(id, RECEIVED_NP, 3);
    expect((await client.request('manual')).ok).toBe(true);
    expect(api.pushes.flat().map((m) => m.field)).toEqual([RECEIVED_NP]);
    expect((await replica.pending()).map((p) => p.mutation.value)).toEqual([-3]);
  });
});

describe('drafts created on the device', () => {
  async function localDraft(edits: [FieldKey, number][]): Promise<string> {
    const doc = blankDraft(2025);
    const fields = toFields(doc);
    const base = Object.fromEntries(fields);
    await replica.addDraft(
      { id: 'llocal', serverId: null, template: '2021', year: 2025, source: 'blank', previousReportId: null, publishedVersion: null, createdAt: 1, updatedAt: 1, base, importReport: null },
      [...fields].map(([f, value]) => [f, { value, rev: 0 }]),
    );
    for (const [field, value] of edits) await replica.edit('llocal', field, value);
    return 'llocal';
  }

  it('creates the draft on the server first, then pushes the edits made offline without conflicts', async () => {
    const id = await localDraft([[RECEIVED, 7]]);
    expect((await client.request('manual')).ok).toBe(true);
    const row = await replica.draft(id);
    // Under the device's own id, saying how it was made: the same id everywhere, no twin possible.
    expect(row?.serverId).toBe(id);
    expect(api.creationRequests).toEqual([expect.objectContaining({ from: 'document', id, source: 'blank' })]);
    expect(row?.base).toBeNull();
    expect(api.value(row?.serverId ?? '', RECEIVED)).toBe(7);
    expect(api.pushes.flat()).toEqual([expect.objectContaining({ draftId: row?.serverId, baseRev: 1 })]);
    expect(await replica.conflicts()).toEqual([]);
  });

  it('sends a draft started from last year\'s report with that report\'s id; a lost answer makes no twin', async () => {
    const id = await localDraft([[RECEIVED, 7]]);
    await replica.updateDraft(id, { source: 'previous', previousReportId: 'qingduo-2024' });
    api.fail('/api/drafts', 'drop-answer');
    expect((await client.request('manual')).ok).toBe(false);
    expect((await client.request('manual')).ok).toBe(true);
    expect(api.creationRequests).toHaveLength(2);
    expect(api.creationRequests[1]).toMatchObject({ id, source: 'previous', previousReportId: 'qingduo-2024' });
    expect(api.drafts.map((d) => [d.id, d.source])).toEqual([[id, 'previous']]);
    expect(api.value(id, RECEIVED)).toBe(7);
    expect(await replica.conflicts()).toEqual([]);
  });

  it('joins the draft a colleague created for the same year meanwhile: merged, and a conflict where both wrote', async () => {
    const theirs = api.createDraft(blankDraft(2025));
    api.server.push([{ clientId: 'office', seq: 1, draftId: theirs.id, field: RECEIVED, value: 30, baseRev: 1 }]);
    const id = await localDraft([[RECEIVED, 7], [RECEIVED_NP, 7]]);

    expect((await client.request('manual')).ok).toBe(true);

    expect((await replica.draft(id))?.serverId).toBe(theirs.id);
    expect(api.value(theirs.id, RECEIVED_NP)).toBe(7);
    expect(api.value(theirs.id, RECEIVED)).toBe(30);
    expect(await replica.conflicts()).toEqual([expect.objectContaining({ field: RECEIVED, mine: 7, theirs: 30 })]);
  });
});

describe('failures', () => {
  it('backs off exponentially, capped at 5 minutes', async () => {
    const offline = new SyncClient({ replica, api: staffApi(() => Promise.reject(new TypeError('offline'))), random: () => 1, now: () => 0 });
    const delays: (number | null)[] = [];
    for (let i = 0; i < 10; i += 1) {
      const run = await offline.request('retry');
      expect(run.error?.kind).toBe('network');
      delays.push(offline.nextRetryAt);
    }
    await offline.stop();
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
  });

  it('on 401 keeps the outbox, asks to sign in and stops retrying until then', async () => {
    const id = await serverDraft();
    await replica.edit(id, RECEIVED, 12);
    api.sessionValid = false;

    const run = await client.request('manual');
    expect(run.error).toMatchObject({ kind: 'auth', code: 'unauthenticated' });
    expect(client.needsSignIn).toBe(true);
    expect(client.nextRetryAt).toBeNull();
    expect(await replica.pending()).toHaveLength(1);
    expect((await client.request('online')).skipped).toBe(true);

    api.sessionValid = true;
    client.signedIn();
    await client.request('manual');
    expect(await replica.pending()).toEqual([]);
    expect(api.value(id, RECEIVED)).toBe(12);
  });

  it('registers Background Sync after a network failure, but not again when the failed run answered it', async () => {
    // The browser fires a tag registered while online at once: answering it by registering again
    // would loop while the server is out of reach.
    const register = vi.fn<(tag: string) => Promise<void>>(() => Promise.resolve());
    vi.stubGlobal('navigator', { onLine: true, serviceWorker: { ready: Promise.resolve({ sync: { register } }) } });
    try {
      api.fail('/api/sync/pull', 'network');
      expect((await client.request('background')).error?.kind).toBe('network');
      api.fail('/api/sync/pull', 'network');
      expect((await client.request('retry')).error?.kind).toBe('network');
      await vi.waitFor(() => { expect(register).toHaveBeenCalledWith('lotho-sync'); });
      expect(register).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('classifies a server failure and keeps the outbox', async () => {
    const id = await serverDraft();
    await replica.edit(id, RECEIVED, 12);
    api.fail('/api/sync/push', 500);
    const run = await client.request('manual');
    expect(run.error).toMatchObject({ kind: 'server', code: 'internal_error' });
    expect(await replica.pending()).toHaveLength(1);
    expect((await replica.meta()).lastError).toMatchObject({ kind: 'server' });
  });
});
