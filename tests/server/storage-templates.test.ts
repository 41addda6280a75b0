/**
 * Migration 009: a draft's template is checked against the template registry in code, no longer
 * by a CHECK naming '2019' and '2021'. On SQLite (whose table is rebuilt) and PostgreSQL: drafts
 * made before it keep their fields and references, a registered third template is stored, an
 * unknown one is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/server/storage/migrations/postgres/index.ts';
import { SQLITE_MIGRATIONS } from '../../src/server/storage/migrations/sqlite/index.ts';
import { THIRD_ID, useThirdTemplate } from '../support/third-template.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);
useThirdTemplate();

describe.each(DATABASES)('draft templates on $kind', ({ kind, create }) => {
  it('keeps the drafts made before 009, then stores any registered template and refuses others', async () => {
    const db = await database(create);
    const all = kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
    const before = await db.open({ migrate: false, migrations: all.filter((m) => m.version < 9) });
    await before.migrate();
    await before.createAgency({ id: 'ta', nameZh: '甲镇人民政府', level: 'township' });
    const user = await before.createUser({ username: 'ua', agencyId: 'ta', role: 'editor', passwordHash: 'x' });
    await before.createDraft({
      id: 'd1', agencyId: 'ta', reportId: 'ta-2024', year: 2024, template: '2021', source: 'blank', createdBy: user.id,
      fields: [['cell:x', 3]],
    });

    const after = await db.open({ migrate: false, migrations: all.filter((m) => m.version <= 9) });
    expect((await after.migrate()).applied).toEqual([{ version: 9, name: 'registered-templates' }]);
    const kept = await after.draftSnapshot('d1');
    expect(kept?.draft).toMatchObject({ id: 'd1', agencyId: 'ta', template: '2021' });
    expect(Object.fromEntries(kept?.fields ?? [])).toEqual({ 'cell:x': { value: 3, rev: 1 } });

    const third = await after.createDraft({ id: 'd2', agencyId: 'ta', reportId: 'ta-2099', year: 2099, template: THIRD_ID, source: 'blank', createdBy: user.id, fields: [] });
    expect(third.template).toBe(THIRD_ID);
    await expect(
      after.createDraft({ id: 'd3', agencyId: 'ta', reportId: 'ta-1999', year: 1999, template: '1999' as typeof THIRD_ID, source: 'blank', createdBy: user.id, fields: [] }),
    ).rejects.toMatchObject({ code: 'invalid_document' });
    // Foreign keys are on again after the rebuild: a draft of an agency that does not exist is refused.
    await expect(
      after.createDraft({ id: 'd4', agencyId: 'nowhere', reportId: 'x-2024', year: 2024, template: '2021', source: 'blank', createdBy: user.id, fields: [] }),
    ).rejects.toThrow();
    expect((await after.listDrafts('ta')).map((d) => d.id).sort()).toEqual(['d1', 'd2']);
  });
});
