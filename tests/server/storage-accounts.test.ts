/** Accounts and published reports in the storage, on SQLite and PostgreSQL alike. */
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES, useDatabases } from './databases.ts';
import { report } from './helpers.ts';

const database = useDatabases(afterEach);

describe.each(DATABASES)('accounts and reports storage on $kind', ({ create }) => {
  it('keeps agencies and users unique, and their agency real', async () => {
    const storage = await (await database(create)).open();
    const county = await storage.createAgency({ id: 'bomi', nameZh: '波密县人民政府', level: 'county' });
    expect(county).toEqual({ id: 'bomi', nameZh: '波密县人民政府', level: 'county', createdAt: expect.any(String) });
    expect(await storage.createAgency({ id: 'qd', nameZh: '倾多镇人民政府', nameBo: 'ཆུ་མདོ།', level: 'township', parentId: 'bomi' }))
      .toMatchObject({ nameBo: 'ཆུ་མདོ།', parentId: 'bomi' });
    await expect(storage.createAgency({ id: 'qd', nameZh: 'x', level: 'township' })).rejects.toMatchObject({ code: 'exists' });
    await expect(storage.createAgency({ id: 'yp', nameZh: 'x', level: 'township', parentId: 'nowhere' })).rejects.toMatchObject({ code: 'unknown_agency' });
    expect((await storage.listAgencies()).map((a) => a.id)).toEqual(['bomi', 'qd']);
    expect(await storage.getAgency('nowhere')).toBeUndefined();

    expect(await storage.hasAdmin()).toBe(false);
    const admin = await storage.createUser({ username: 'root', agencyId: 'bomi', role: 'admin', passwordHash: 'scrypt$h' });
    expect(admin).toEqual({ id: expect.any(Number), username: 'root', agencyId: 'bomi', role: 'admin', createdAt: expect.any(String) });
    expect(await storage.hasAdmin()).toBe(true);
    await expect(storage.createUser({ username: 'root', agencyId: 'qd', role: 'editor', passwordHash: 'h' })).rejects.toMatchObject({ code: 'exists' });
    await expect(storage.createUser({ username: 'x', agencyId: 'nowhere', role: 'editor', passwordHash: 'h' })).rejects.toMatchObject({ code: 'unknown_agency' });
    expect(await storage.getCredentials('root')).toEqual({ user: admin, passwordHash: 'scrypt$h', disabled: false, mustChangePassword: false });
    expect(await storage.getCredentials('nobody')).toBeUndefined();
    expect((await storage.listUsers()).map((u) => u.username)).toEqual(['root']);
  });

  it('keeps sessions until they expire, and login failures by username and address', async () => {
    const storage = await (await database(create)).open();
    await storage.createAgency({ id: 'bomi', nameZh: '波密县人民政府', level: 'county' });
    const user = await storage.createUser({ username: 'u', agencyId: 'bomi', role: 'editor', passwordHash: 'h' });
    await storage.createSession({ tokenHash: 'h1', userId: user.id, createdAt: '2025-01-01T00:00:00.000Z', expiresAt: '2025-01-31T00:00:00.000Z' });
    expect(await storage.getSession('h1', '2025-01-30T23:59:59.000Z')).toEqual({
      user,
      agency: expect.objectContaining({ id: 'bomi' }),
      expiresAt: '2025-01-31T00:00:00.000Z',
      mustChangePassword: false,
    });
    expect(await storage.getSession('h1', '2025-01-31T00:00:00.000Z')).toBeUndefined();
    await storage.extendSession('h1', '2025-03-01T00:00:00.000Z');
    expect((await storage.getSession('h1', '2025-02-01T00:00:00.000Z'))?.expiresAt).toBe('2025-03-01T00:00:00.000Z');
    await storage.pruneAuth('2025-03-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
    expect(await storage.getSession('h1', '2025-02-01T00:00:00.000Z')).toBeUndefined();

    for (const [username, ip, at] of [['u', '1.1.1.1', '10:00'], ['u', '2.2.2.2', '10:01'], ['v', '1.1.1.1', '10:02'], ['u', '1.1.1.1', '09:00']]) {
      await storage.recordLoginFailure({ username: username ?? '', ip: ip ?? '', at: `2025-01-01T${at ?? ''}:00.000Z` });
    }
    expect(await storage.loginFailures({ username: 'u', ip: '1.1.1.1', since: '2025-01-01T09:30:00.000Z' })).toEqual({
      byUsername: ['2025-01-01T10:00:00.000Z', '2025-01-01T10:01:00.000Z'],
      byIp: ['2025-01-01T10:00:00.000Z', '2025-01-01T10:02:00.000Z'],
    });
    await storage.clearLoginFailures('u');
    expect((await storage.loginFailures({ username: 'u', ip: '9.9.9.9', since: '2025-01-01T00:00:00.000Z' })).byUsername).toEqual([]);
  });

  it('changes accounts with their audit entry, ends the sessions of a disabled or reset one, keeps the last sign-in', async () => {
    const storage = await (await database(create)).open({ now: () => new Date('2025-02-01T10:00:00.000Z') });
    await storage.createAgency({ id: 'bomi', nameZh: '波密县人民政府', level: 'county' });
    await storage.createAgency({ id: 'qd', nameZh: '倾多镇人民政府', level: 'township', parentId: 'bomi' });
    await storage.createAgency({ id: 'zy', nameZh: '察隅县人民政府', level: 'county' });
    const added = await storage.addAccount({ username: 'dawa', agencyId: 'qd', role: 'editor', passwordHash: 'code' }, 'root');
    expect(added).toMatchObject({ username: 'dawa', disabled: false, mustChangePassword: true });
    expect(added.lastSignInAt).toBeUndefined();
    await storage.addAccount({ username: 'tashi', agencyId: 'zy', role: 'editor', passwordHash: 'code' }, 'cli:root');
    await expect(storage.addAccount({ username: 'dawa', agencyId: 'qd', role: 'editor', passwordHash: 'h' }, 'root')).rejects.toMatchObject({ code: 'exists' });

    await storage.createSession({ tokenHash: 's1', userId: added.id, createdAt: '2025-02-01T09:00:00.000Z', expiresAt: '2025-03-01T00:00:00.000Z' });
    expect((await storage.getAccount(added.id))?.lastSignInAt).toBe('2025-02-01T09:00:00.000Z');
    expect((await storage.getSession('s1', '2025-02-01T10:00:00.000Z'))?.mustChangePassword).toBe(true);
    await storage.changeAccount(added.id, { kind: 'password', passwordHash: 'mine' }, 'dawa');
    expect((await storage.getSession('s1', '2025-02-01T10:00:00.000Z'))?.mustChangePassword).toBe(false);
    expect(await storage.getCredentials('dawa')).toMatchObject({ passwordHash: 'mine', mustChangePassword: false });

    expect(await storage.changeAccount(added.id, { kind: 'disabled', disabled: true }, 'root')).toMatchObject({ disabled: true });
    expect(await storage.getSession('s1', '2025-02-01T10:00:00.000Z')).toBeUndefined();
    // A session made anyhow for a disabled account is no session.
    await storage.createSession({ tokenHash: 's2', userId: added.id, createdAt: '2025-02-01T09:00:00.000Z', expiresAt: '2025-03-01T00:00:00.000Z' });
    expect(await storage.getSession('s2', '2025-02-01T10:00:00.000Z')).toBeUndefined();
    await storage.changeAccount(added.id, { kind: 'disabled', disabled: false }, 'root');
    expect(await storage.getSession('s2', '2025-02-01T10:00:00.000Z')).toBeDefined();
    await storage.changeAccount(added.id, { kind: 'reset', passwordHash: 'code2' }, 'root');
    expect(await storage.getSession('s2', '2025-02-01T10:00:00.000Z')).toBeUndefined();
    expect(await storage.changeAccount(added.id, { kind: 'role', role: 'admin' }, 'root')).toMatchObject({ role: 'admin', mustChangePassword: true });
    await expect(storage.changeAccount(99999, { kind: 'role', role: 'admin' }, 'root')).rejects.toMatchObject({ code: 'unknown_user' });

    expect((await storage.subtreeAccounts('bomi')).map((a) => a.username)).toEqual(['dawa']);
    expect((await storage.subtreeAccounts('qd')).map((a) => a.username)).toEqual(['dawa']);
    expect(await storage.subtreeAccounts('nowhere')).toEqual([]);
    const audit = await storage.subtreeAccountAudit('bomi', 10);
    expect(audit.map((e) => [e.action, e.actor, e.role ?? null, e.roleBefore ?? null])).toEqual([
      ['change_role', 'root', 'admin', 'editor'],
      ['reset_password', 'root', null, null],
      ['enable', 'root', null, null],
      ['disable', 'root', null, null],
      ['set_password', 'dawa', null, null],
      ['create', 'root', 'editor', null],
    ]);
    expect(audit[0]).toMatchObject({ username: 'dawa', agencyId: 'qd', userId: added.id, at: '2025-02-01T10:00:00.000Z' });
    expect((await storage.subtreeAccountAudit('bomi', 2)).map((e) => e.action)).toEqual(['change_role', 'reset_password']);
    expect((await storage.subtreeAccountAudit('zy', 10)).map((e) => [e.action, e.actor])).toEqual([['create', 'cli:root']]);
  });

  it('publishes numbered immutable versions with a note, readable one by one', async () => {
    const db = await database(create);
    const storage = await db.open();
    expect(await storage.isEmpty()).toBe(true);
    const one = await storage.publishReport(report('a-2020', '甲县人民政府', 2020));
    const changed = report('a-2020', '甲县人民政府', 2020);
    changed.cells['active.rules.made'] = 3;
    const two = await storage.publishReport(changed, { note: '更正', publishedBy: 7 });
    expect([one.version, two.version, two.note]).toEqual([1, 2, '更正']);
    expect(await storage.isEmpty()).toBe(false);
    expect((await storage.getReport('a-2020'))?.document.cells['active.rules.made']).toBe(3);
    expect((await storage.getReportVersion('a-2020', 1))?.document.cells['active.rules.made']).toBe(0);
    expect((await storage.listReportVersions('a-2020')).map((r) => [r.version, r.note])).toEqual([[1, undefined], [2, '更正']]);
    expect((await storage.listReports()).map((r) => [r.id, r.version, r.note])).toEqual([['a-2020', 2, '更正']]);
    await expect(storage.publishReport(report('Not An Id', '甲', 2020))).rejects.toThrow(/invalid_document/u);
    // Two publishers at once get two numbers.
    const both = await Promise.all([storage.publishReport(report('b-2020', '乙县人民政府', 2020)), (await db.open()).publishReport(report('b-2020', '乙县人民政府', 2020))]);
    expect(both.map((r) => r.version).sort()).toEqual([1, 2]);
    await expect(db.rows("UPDATE reports SET agency_zh = 'x' RETURNING id")).rejects.toThrow(/immutable/u);
  });
});
