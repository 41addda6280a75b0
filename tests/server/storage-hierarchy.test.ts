/**
 * The agency tree in the storage, on SQLite and PostgreSQL alike: subtrees at any depth and
 * nothing beside or above them (a property over random trees), the reports and drafts of a
 * subtree with their digests, a subtree's oversight stamp moving with changes in it and only
 * then, the seed published once by processes starting together, and migrations 006 and 011
 * bringing older rows along.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/server/storage/migrations/postgres/index.ts';
import { SQLITE_MIGRATIONS } from '../../src/server/storage/migrations/sqlite/index.ts';
import type { NewAgency, ReportDigest, ServerStorage } from '../../src/server/storage/types.ts';
import { DATABASES, useDatabases } from './databases.ts';
import { forest, parentsOf, subtreeOf } from './random-forest.ts';
import { report } from './helpers.ts';

const database = useDatabases(afterEach);

const FIGURES = { received: 3, results: 3, review: 0, lawsuits: 1, disclosed: null };
const DIGEST: ReportDigest = { errors: 0, warnings: 2, figures: FIGURES };

/** 波密县 with two townships, a department, and a village office under a township; 察隅县 beside it. */
async function counties(storage: ServerStorage): Promise<void> {
  await storage.createAgency({ id: 'bomi', nameZh: '波密县人民政府', level: 'county' });
  await storage.createAgency({ id: 'qd', nameZh: '倾多镇人民政府', level: 'township', parentId: 'bomi' });
  await storage.createAgency({ id: 'yp', nameZh: '玉普乡人民政府', level: 'township', parentId: 'bomi' });
  await storage.createAgency({ id: 'edu', nameZh: '波密县教育局', level: 'department', parentId: 'bomi' });
  await storage.createAgency({ id: 'qd-office', nameZh: '倾多镇政务服务中心', level: 'department', parentId: 'qd' });
  await storage.createAgency({ id: 'chayu', nameZh: '察隅县人民政府', level: 'county' });
}

const ids = (list: { id: string }[]): string[] => list.map((x) => x.id).sort();

describe.each(DATABASES)('the agency hierarchy on $kind', ({ kind, create }) => {
  it('walks a subtree at any depth, a path up to the root, and children', async () => {
    const storage = await (await database(create)).open();
    await counties(storage);
    expect(ids(await storage.subtreeAgencies('bomi'))).toEqual(['bomi', 'edu', 'qd', 'qd-office', 'yp']);
    expect(ids(await storage.subtreeAgencies('qd'))).toEqual(['qd', 'qd-office']);
    expect(await storage.subtreeAgencies('nowhere')).toEqual([]);
    expect((await storage.agencyPath('qd-office')).map((a) => a.id)).toEqual(['qd-office', 'qd', 'bomi']);
    expect(await storage.agencyPath('nowhere')).toEqual([]);
    expect(ids(await storage.childAgencies('bomi'))).toEqual(['edu', 'qd', 'yp']);
    expect(ids(await storage.childAgencies(undefined))).toEqual(['bomi', 'chayu']);
  });

  it('returns the latest version of each report of a subtree and years, with its digest', async () => {
    const storage = await (await database(create)).open();
    await counties(storage);
    await storage.publishReport(report('qd-2023', '倾多镇人民政府', 2023), { digest: DIGEST });
    await storage.publishReport(report('qd-2024', '倾多镇人民政府', 2024));
    await storage.publishReport(report('qd-2024', '倾多镇人民政府', 2024), { note: '更正', digest: { ...DIGEST, warnings: 0 } });
    await storage.publishReport(report('chayu-2024', '察隅县人民政府', 2024), { digest: DIGEST });
    await storage.publishReport(report('qd-office-2024', '倾多镇政务服务中心', 2024));
    await storage.publishReport(report('loose', '无名', 2024));

    const rows = await storage.subtreeReports('bomi', { from: 2024, to: 2024 });
    expect(rows.map((r) => [r.id, r.version, r.agencyId, r.digest?.warnings]).sort()).toEqual([
      ['qd-2024', 2, 'qd', 0],
      ['qd-office-2024', 1, 'qd-office', undefined],
    ]);
    expect((await storage.subtreeReports('bomi', { from: 2023, to: 2024 })).find((r) => r.id === 'qd-2023')?.digest).toEqual(DIGEST);
    expect((await storage.listReports()).find((r) => r.id === 'loose')?.agencyId).toBeUndefined();

    await storage.saveDigest('qd-office-2024', 1, DIGEST);
    await storage.saveDigest('qd-office-2024', 1, { ...DIGEST, errors: 9 });
    const office = (await storage.subtreeReports('qd', { from: 2024, to: 2024 })).find((r) => r.id === 'qd-office-2024');
    expect(office?.digest).toEqual(DIGEST);
    expect(ids(await storage.agenciesReports(['qd', 'chayu']))).toEqual(['chayu-2024', 'qd-2023', 'qd-2024']);
    expect(await storage.agenciesReports([])).toEqual([]);
  });

  it('returns the drafts of a subtree and year with the cursor of their last write', async () => {
    const storage = await (await database(create)).open();
    await counties(storage);
    const user = await storage.createUser({ username: 'u', agencyId: 'qd', role: 'editor', passwordHash: 'x' });
    const draft = { agencyId: 'qd', template: '2021' as const, source: 'blank' as const, createdBy: user.id };
    await storage.createDraft({ ...draft, id: 'd1', reportId: 'qd-2024', year: 2024, fields: [['cell:x', null]] });
    await storage.createDraft({ ...draft, id: 'd2', reportId: 'qd-2025', year: 2025, fields: [['cell:x', null]] });
    await storage.pushMutations({ userId: user.id, agencyId: 'qd' }, [{ clientId: 'c', seq: 1, draftId: 'd1', field: 'cell:x', value: 4, baseRev: 1 }]);
    const drafts = await storage.subtreeDrafts('bomi', 2024);
    expect(drafts.map((d) => [d.id, d.head, d.basis, d.digest])).toEqual([['d1', 3, '', undefined]]);
    expect(await storage.subtreeDrafts('chayu', 2024)).toEqual([]);

    // A draft's digest: the one of the latest head stays, whichever is stored last.
    await storage.saveDraftDigests([{ draftId: 'd1', digest: { head: 3, basis: '', errors: 1, warnings: 2 } }]);
    await storage.saveDraftDigests([{ draftId: 'd1', digest: { head: 2, basis: '', errors: 9, warnings: 9 } }]);
    await storage.saveDraftDigests([]);
    expect((await storage.subtreeDrafts('bomi', 2024))[0]?.digest).toEqual({ head: 3, basis: '', errors: 1, warnings: 2 });
    await storage.saveDraftDigests([{ draftId: 'd2', digest: { head: 5, basis: '', errors: 2, warnings: 0 } }, { draftId: 'd1', digest: { head: 4, basis: '', errors: 0, warnings: 1 } }]);
    expect((await storage.subtreeDrafts('qd', 2024))[0]?.digest).toEqual({ head: 4, basis: '', errors: 0, warnings: 1 });
    expect((await storage.subtreeDrafts('qd', 2025))[0]?.digest).toEqual({ head: 5, basis: '', errors: 2, warnings: 0 });
  });

  it('gives a draft the previous-year report its findings are checked against, and keeps a digest per head and basis', async () => {
    const storage = await (await database(create)).open();
    await counties(storage);
    const user = await storage.createUser({ username: 'u', agencyId: 'qd', role: 'editor', passwordHash: 'x' });
    const draft = { template: '2021' as const, createdBy: user.id, year: 2024 };
    await storage.createDraft({ ...draft, id: 'd1', agencyId: 'qd', reportId: 'qd-2024', source: 'blank', fields: [['cell:x', null]] });
    await storage.createDraft({ ...draft, id: 'd2', agencyId: 'edu', reportId: 'edu-2024', source: 'previous', previousReportId: 'old-2023', fields: [['cell:x', null]] });
    const bases = async () => Object.fromEntries((await storage.subtreeDrafts('bomi', 2024)).map((d) => [d.id, d.basis]));
    expect(await bases()).toEqual({ d1: '', d2: '' });

    // `<agency>-<year-1>` once published, its latest version; the report a draft started from before it.
    await storage.publishReport(report('qd-2023', '倾多镇人民政府', 2023));
    await storage.publishReport(report('edu-2023', '波密县教育局', 2023));
    expect(await bases()).toEqual({ d1: 'qd-2023@1', d2: 'edu-2023@1' });
    await storage.publishReport(report('qd-2023', '倾多镇人民政府', 2023), { note: '更正' });
    await storage.publishReport(report('old-2023', '波密县教育局', 2023));
    expect(await bases()).toEqual({ d1: 'qd-2023@2', d2: 'old-2023@1' });
    // A report of another year under the id is no previous-year report.
    await storage.publishReport(report('qd-2022', '倾多镇人民政府', 2022));
    expect((await bases()).d1).toBe('qd-2023@2');

    // At the same head, a digest of another basis replaces the stored one.
    const [d1] = await storage.subtreeDrafts('qd', 2024);
    const head = d1?.head ?? 0;
    await storage.saveDraftDigests([{ draftId: 'd1', digest: { head, basis: 'qd-2023@1', errors: 1, warnings: 0 } }]);
    await storage.saveDraftDigests([{ draftId: 'd1', digest: { head, basis: 'qd-2023@2', errors: 0, warnings: 0 } }]);
    expect((await storage.subtreeDrafts('qd', 2024))[0]?.digest).toEqual({ head, basis: 'qd-2023@2', errors: 0, warnings: 0 });
    await storage.saveDraftDigests([{ draftId: 'd1', digest: { head: head - 1, basis: 'qd-2023@9', errors: 5, warnings: 5 } }]);
    expect((await storage.subtreeDrafts('qd', 2024))[0]?.digest?.basis).toBe('qd-2023@2');
  });

  it('changes a subtree\'s oversight stamp with what happens in it, and only then', async () => {
    const storage = await (await database(create)).open();
    await counties(storage);
    const user = await storage.createUser({ username: 'u', agencyId: 'qd-office', role: 'editor', passwordHash: 'x' });
    const roots = ['bomi', 'qd', 'qd-office', 'yp', 'edu', 'chayu'] as const;
    const stamps = async () => Object.fromEntries(await Promise.all(roots.map(async (id) => [id, await storage.oversightStamp(id)] as const)));
    /** The agencies whose stamp moved since `before`. */
    const moved = async (before: Record<string, string>) => {
      const after = await stamps();
      return roots.filter((id) => after[id] !== before[id]);
    };
    let before = await stamps();
    expect(new Set(Object.values(before)).size).toBeGreaterThan(1);

    await storage.publishReport(report('qd-office-2024', '倾多镇政务服务中心', 2024));
    expect(await moved(before)).toEqual(['bomi', 'qd', 'qd-office']);
    before = await stamps();
    const draft = { agencyId: 'qd-office', template: '2021' as const, source: 'blank' as const, createdBy: user.id, year: 2025 };
    await storage.createDraft({ ...draft, id: 'd1', reportId: 'qd-office-2025', fields: [['cell:x', null]] });
    expect(await moved(before)).toEqual(['bomi', 'qd', 'qd-office']);
    before = await stamps();
    await storage.pushMutations({ userId: user.id, agencyId: 'qd-office' }, [{ clientId: 'c', seq: 1, draftId: 'd1', field: 'cell:x', value: 4, baseRev: 1 }]);
    expect(await moved(before)).toEqual(['bomi', 'qd', 'qd-office']);
    before = await stamps();
    await storage.createAgency({ id: 'yp-office', nameZh: '玉普乡政务服务中心', level: 'department', parentId: 'yp' });
    expect(await moved(before)).toEqual(['bomi', 'yp']);
    before = await stamps();
    await storage.ensureAgencies([{ id: 'chayu-edu', nameZh: '察隅县教育局', level: 'department', parentId: 'chayu' }]);
    expect(await moved(before)).toEqual(['chayu']);
    // A report of no agency moves nothing; asking about an unknown agency is not an error.
    before = await stamps();
    await storage.publishReport(report('loose', '无名', 2024));
    expect(await moved(before)).toEqual([]);
    expect(typeof (await storage.oversightStamp('nowhere'))).toBe('string');
  });

  it('migration 011 gives agencies made before it their path', async () => {
    const db = await database(create);
    const all = kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
    const older = await db.open({ migrations: all.slice(0, 10) });
    await counties(older);
    const current = await db.open();
    const paths = await db.rows('SELECT agency_id, path FROM agency_changes ORDER BY path');
    expect(paths.map((r) => [r.agency_id, r.path])).toEqual([
      ['bomi', 'bomi/'], ['edu', 'bomi/edu/'], ['qd', 'bomi/qd/'], ['qd-office', 'bomi/qd/qd-office/'], ['yp', 'bomi/yp/'], ['chayu', 'chayu/'],
    ]);
    const before = await current.oversightStamp('bomi');
    const chayu = await current.oversightStamp('chayu');
    await current.publishReport(report('yp-2024', '玉普乡人民政府', 2024));
    expect(await current.oversightStamp('bomi')).not.toBe(before);
    expect(await current.oversightStamp('chayu')).toBe(chayu);
  });

  it('creates missing agencies only, also when processes do it at once', async () => {
    const db = await database(create);
    const storages = await Promise.all([1, 2, 3].map(() => db.open()));
    await storages[0]?.createAgency({ id: 'bomi', nameZh: '波密县（自建）', level: 'county' });
    const list: NewAgency[] = [
      { id: 'bomi', nameZh: '波密县人民政府', level: 'county' },
      { id: 'qd', nameZh: '倾多镇人民政府', nameBo: 'ཆིང་ཏོ', level: 'township', parentId: 'bomi' },
    ];
    await Promise.all(storages.map((s) => s.ensureAgencies(list)));
    const agencies = await storages[1]?.listAgencies();
    expect(agencies?.map((a) => [a.id, a.nameZh, a.parentId])).toEqual([['bomi', '波密县（自建）', undefined], ['qd', '倾多镇人民政府', 'bomi']]);
  });

  it('publishes a first report once when processes try at once, and never into a table with reports', async () => {
    const db = await database(create);
    const storages = await Promise.all([1, 2, 3, 4].map(() => db.open()));
    const outcomes = await Promise.all(storages.map((s) => s.publishFirst(report('seed-2020', '倾多镇人民政府', 2020), { digest: DIGEST })));
    expect(outcomes.filter((o) => o !== undefined).map((o) => o.version)).toEqual([1]);
    expect(await db.rows('SELECT id, version FROM reports')).toHaveLength(1);
    expect(await storages[0]?.publishFirst(report('other-2020', '其他', 2020))).toBeUndefined();
    expect((await storages[0]?.subtreeReports('seed', { from: 2020, to: 2020 }))?.length).toBe(0);
  });

  it('migration 006 names the agency of reports published before it', async () => {
    const db = await database(create);
    const all = kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
    await db.open({ migrations: all.slice(0, 5) });
    // Rows as the server before migration 006 wrote them (its code is gone: plain SQL).
    for (const id of ['qingduo-2020', 'odd']) {
      const document = JSON.stringify(report(id, '倾多镇人民政府', 2020)).replaceAll("'", "''");
      await db.rows(`INSERT INTO reports (id, version, agency_zh, level, year, template, document, etag, published_at)
        VALUES ('${id}', 1, '倾多镇人民政府', 'township', 2020, '2019', '${document}', 'e', '2021-01-20T00:00:00.000Z') RETURNING id`);
    }
    const current = await db.open();
    const listed = await current.listReports();
    expect(listed.map((r) => [r.id, r.agencyId]).sort()).toEqual([['odd', undefined], ['qingduo-2020', 'qingduo']]);
    await expect(db.rows("UPDATE reports SET note = 'x' RETURNING id")).rejects.toThrow(/immutable/);
  });

  it('never shows an agency outside the subtree, nor its reports (random trees)', async () => {
    const storage = await (await database(create)).open();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(forest, fc.nat(), async (parents, pick) => {
        run += 1;
        const name = (i: number) => `r${run}-n${i}`;
        const parentOf = parentsOf(parents);
        for (const [i, p] of parentOf.entries()) {
          await storage.createAgency({ id: name(i), nameZh: `机构${i}`, level: 'township', ...(p === undefined ? {} : { parentId: name(p) }) });
          await storage.publishReport(report(`${name(i)}-2024`, `机构${i}`, 2024));
        }
        const root = pick % parentOf.length;
        const expected = subtreeOf(parentOf, root);
        const want = [...expected].map(name).sort();
        expect(ids(await storage.subtreeAgencies(name(root)))).toEqual(want);
        expect((await storage.subtreeReports(name(root), { from: 2024, to: 2024 })).map((r) => r.agencyId).sort()).toEqual(want);
      }),
      { numRuns: kind === 'sqlite' ? 60 : 25 },
    );
  });
});
