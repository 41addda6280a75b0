/**
 * `lotho backup`, `restore` and `migrate` round trips, through the command as an operator runs it:
 * on SQLite and on PostgreSQL a backup taken, more written, the backup restored, and every table
 * back as it was (rows and content digests); SQLite moved into PostgreSQL with every table equal,
 * and the server working on it afterwards.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { silentLogger } from '../../src/server/logger.ts';
import { seedIfEmpty } from '../../src/server/seed.ts';
import { capture } from '../cli/run.ts';
import { bearer, jsonRequest, login } from './accounts.ts';
import { apiSetup, type ApiSetup } from './api-setup.ts';
import { testApp } from './helpers.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { contentOf } from './table-content.ts';

const database = useDatabases(afterEach);

/** A bit of everything: a published report, a draft with edits and a conflict, a kiosk, sessions, a failed login. */
async function fill(setup: ApiSetup): Promise<string> {
  const { app } = setup;
  await seedIfEmpty(setup.storage, silentLogger);
  const token = await login(app, 'editor-a');
  const created = await app.request('/api/drafts', jsonRequest('POST', { from: 'blank', template: '2021', year: 2024 }, token));
  const { draft } = (await created.json()) as { draft: { id: string } };
  await edit(setup, token, draft.id, 'office', 1, 3);
  await edit(setup, await login(app, 'publisher-a'), draft.id, 'village', 1, 7);
  await app.request('/api/kiosks/heartbeat', jsonRequest('POST', { kioskId: `k-${'a'.repeat(32)}`, appVersion: '0.1.0', contentVersions: { 'qingduo-2020': 1 }, lastRefresh: '2025-01-10T08:00:00.000Z' }));
  await app.request('/api/auth/login', jsonRequest('POST', { username: 'editor-b', password: 'not the password' }));
  return draft.id;
}

async function edit(setup: ApiSetup, token: string, draftId: string, clientId: string, seq: number, value: number): Promise<void> {
  const mutations = [
    { clientId, seq, draftId, field: 'cell:requests.new_received.total', value, baseRev: 1 },
    { clientId, seq: seq + 1, draftId, field: 'text:overview:zh', value: `概述 ${clientId} ${String(seq)}`, baseRev: 1 },
  ];
  const response = await setup.app.request('/api/sync/push', jsonRequest('POST', { mutations }, token));
  expect(response.status).toBe(200);
}

async function lotho(args: string[], env: Record<string, string>) {
  const io = capture();
  const code = await run(args, io, { env });
  return { code, out: io.out, err: io.err };
}

const scratch = (name: string) => join(mkdtempSync(join(tmpdir(), 'lotho-transfer-')), name);

describe.each(DATABASES)('backup and restore on $kind', ({ create }) => {
  it('restores every table as it was at the backup, and keeps or refuses to lose what it replaces', { timeout: 60_000 }, async () => {
    const db = await database(create);
    const setup = await apiSetup(db);
    const draftId = await fill(setup);
    const before = await contentOf(db);
    expect(before.field_writes?.rows).toBeGreaterThan(100);
    expect(before.reports?.rows).toBe(1);

    const file = scratch('lotho-backup.sqlite');
    const backup = await lotho(['backup', file], db.env);
    expect(backup, backup.err).toMatchObject({ code: 0 });
    expect(backup.out).toMatch(/field_writes\s+\d+/u);
    expect((await lotho(['backup', file], db.env)).err).toMatch(/exists already/u);

    const problems = { clientId: 'office', seq: 3, draftId, field: 'text:problems:zh', value: '备份之后写的', baseRev: 0 };
    const token = await login(setup.app, 'editor-a');
    expect((await setup.app.request('/api/sync/push', jsonRequest('POST', { mutations: [problems] }, token))).status).toBe(200);
    const later = await contentOf(db);
    expect(later.field_writes?.rows).toBe((before.field_writes?.rows ?? 0) + 1);

    if (db.kind === 'postgres') {
      const refused = await lotho(['restore', file], db.env);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/\(not_empty\).*--replace/u);
      expect(await contentOf(db)).toEqual(later);
    }
    const restored = await lotho(['restore', file, ...(db.kind === 'postgres' ? ['--replace'] : [])], db.env);
    expect(restored, restored.err).toMatchObject({ code: 0 });
    expect(await contentOf(db)).toEqual(before);
    if (db.kind === 'sqlite') {
      // What the restore replaced is kept beside it, as it was.
      const saved = /kept as\) (\S+):/u.exec(restored.out)?.[1] ?? '';
      const raw = new Database(saved, { readonly: true });
      expect(raw.prepare('SELECT COUNT(*) FROM field_writes').pluck().get()).toBe(later.field_writes?.rows);
      raw.close();
    }
    // The server goes on from the restored state: the edit made after the backup is not there.
    const fresh = await db.open();
    const fields = (await fresh.draftSnapshot(draftId))?.fields;
    expect(fields?.get('cell:requests.new_received.total')?.value).toBe(3);
    expect(fields?.has('text:problems:zh')).toBe(false);
  });
});

describe('lotho backup on a SQLite database being written', () => {
  it('copies one consistent moment: every applied edit with its ack, none half', { timeout: 60_000 }, async () => {
    const db = await database(DATABASES[0].create);
    const setup = await apiSetup(db);
    const draftId = await fill(setup);
    const token = await login(setup.app, 'editor-a');
    const fields = ['preamble', 'active', 'requests', 'appeals', 'problems', 'other'].flatMap((block) => [`text:${block}:zh`, `text:${block}:bo`]);
    const pushes = fields.map((field, i) =>
      setup.app.request('/api/sync/push', jsonRequest('POST', { mutations: [{ clientId: 'busy', seq: i + 1, draftId, field, value: `第${String(i)}次`, baseRev: 0 }] }, token)),
    );
    const file = scratch('during-writes.sqlite');
    const [backup] = await Promise.all([lotho(['backup', file], db.env), ...pushes]);
    expect(backup.code, backup.err).toBe(0);
    const copy = new Database(file, { readonly: true });
    const count = (sql: string) => Number(copy.prepare(sql).pluck().get());
    const writes = count("SELECT COUNT(*) FROM field_writes WHERE client_id = 'busy'");
    expect(count("SELECT COUNT(*) FROM sync_acks WHERE client_id = 'busy'")).toBe(writes);
    expect(count(`SELECT COUNT(*) FROM draft_fields WHERE value LIKE '"第%'`)).toBe(writes);
    copy.close();
  });

  it('refuses to restore what is not a Lotho backup, and changes nothing', async () => {
    const db = await database(DATABASES[0].create);
    await fill(await apiSetup(db));
    const before = await contentOf(db);
    const text = scratch('notes.txt');
    writeFileSync(text, 'not a database at all, just some notes\n'.repeat(200));
    const refused = await lotho(['restore', text], db.env);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/\(transfer\).*not a Lotho database/u);
    expect(await contentOf(db)).toEqual(before);
  });
});

describe('lotho migrate --to postgres://…', () => {
  it('moves every table of a SQLite deployment into PostgreSQL, verified, and the server works on it', { timeout: 60_000 }, async () => {
    const sqlite = await database(DATABASES[0].create);
    const postgres = await database(DATABASES[1].create);
    const setup = await apiSetup(sqlite);
    const draftId = await fill(setup);
    const url = postgres.env.DATABASE_URL ?? '';

    const moved = await lotho(['migrate', '--to', url], sqlite.env);
    expect(moved, moved.err).toMatchObject({ code: 0 });
    expect(moved.out).toMatch(/users\s+4\n/u);
    expect(await contentOf(postgres)).toEqual(await contentOf(sqlite, postgres));
    // Each agency's path, made again by the target's triggers as the agencies were copied.
    const paths = async (db: typeof sqlite) => (await db.rows('SELECT agency_id, path FROM agency_changes')).map((r) => `${String(r.agency_id)} ${String(r.path)}`).sort();
    expect(await paths(postgres)).toEqual(await paths(sqlite));
    expect(await paths(postgres)).toContain('town-a bomi/town-a/');

    // Same sign-in, same drafts, and new writes continue the cursor where SQLite left it.
    const { app } = testApp(await postgres.open());
    const token = await login(app, 'editor-a');
    const pulled = (await (await app.request('/api/sync/pull?cursor=0&limit=1000', bearer(token))).json()) as { cursor: number; conflicts: unknown[] };
    expect(pulled.conflicts).toHaveLength(1);
    const push = await app.request('/api/sync/push', jsonRequest('POST', { mutations: [{ clientId: 'office', seq: 9, draftId, field: 'text:overview:bo', value: 'ཆུ་མདོ།', baseRev: 0 }] }, token));
    expect(push.status).toBe(200);
    const next = (await (await app.request(`/api/sync/pull?cursor=${String(pulled.cursor)}`, bearer(token))).json()) as { changes: { cursor: number }[] };
    expect(next.changes.map((c) => c.cursor)).toEqual([pulled.cursor + 1]);

    // A second move finds PostgreSQL in use and changes nothing.
    const again = await lotho(['migrate', '--to', url], sqlite.env);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/\(not_empty\)/u);
  });
});
