// @vitest-environment happy-dom
/**
 * The accounts page (issue 13) over a fake `/api/accounts`: an admin sees the accounts of the
 * subtree with their last sign-in and the audit history worded in both languages, adds an account
 * and is shown its one-time code once, confirms before disabling, and reads why a change was
 * refused. And the sign-in page after a one-time code: a new password before anything else.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { AccountAuditWire, AccountWire } from '../../src/contract/accounts.ts';
import type { BulkImportEvent } from '../../src/contract/imports.ts';
import { db } from '../../src/db/index.ts';
import { clearDb, json, mountApp, settle, TIBETAN } from './helpers.ts';

const ADMIN = { id: 1, username: 'admin', role: 'admin', agency: { id: 'bomi', zh: '波密县人民政府', level: 'county' } } as const;
const AGENCIES = [
  { id: 'bomi', zh: '波密县人民政府', level: 'county', parentId: null },
  { id: 'town-a', zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་ཆུ་མདོ་གྲོང་རྡལ།', level: 'township', parentId: 'bomi' },
] as const;

interface Request {
  method: string;
  url: string;
  body: unknown;
}

/** `/api/accounts` and `/api/auth/*` as the server answers them, over a list the test changes. */
class FakeAccounts {
  accounts: AccountWire[] = [
    { id: 1, username: 'admin', role: 'admin', agency: { id: 'bomi', zh: '波密县人民政府', level: 'county' }, createdAt: '2025-01-01T00:00:00.000Z', lastSignInAt: '2025-01-10T08:00:00.000Z', disabled: false, mustChangePassword: false },
    { id: 2, username: 'dawa', role: 'editor', agency: { id: 'town-a', zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་ཆུ་མདོ་གྲོང་རྡལ།', level: 'township' }, createdAt: '2025-01-01T00:00:00.000Z', lastSignInAt: null, disabled: false, mustChangePassword: false },
  ];
  audit: AccountAuditWire[] = [{ id: 1, at: '2025-01-09T02:00:00.000Z', actor: 'admin', action: 'change_role', username: 'dawa', agencyId: 'town-a', role: 'editor', roleBefore: 'publisher' }];
  requests: Request[] = [];
  /** The status and code of the next change, when it is to be refused. */
  refuseNext: { status: number; code: string } | null = null;
  /** 403 forbidden to the list: not an admin. */
  notAdmin = false;
  /** The answer of `POST /api/imports`: a stream the test writes lines to. */
  imports: ReadableStreamDefaultController<Uint8Array> | null = null;

  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, url, body });
    return Promise.resolve(this.answer(method, url, body));
  };

  private answer(method: string, url: string, body: unknown): Response {
    if (url === '/api/auth/me') return json({ user: ADMIN, expiresAt: '2099-01-01T00:00:00.000Z' });
    if (url === '/api/accounts' && method === 'GET') {
      if (this.notAdmin) return json({ error: { code: 'forbidden', message: 'needs admin' } }, { status: 403 });
      return json({ agencies: AGENCIES, accounts: this.accounts, audit: this.audit });
    }
    if (this.refuseNext !== null) {
      const { status, code } = this.refuseNext;
      this.refuseNext = null;
      return json({ error: { code, message: code } }, { status });
    }
    if (url.startsWith('/api/imports?') && method === 'POST') {
      const stream = new ReadableStream<Uint8Array>({ start: (controller) => { this.imports = controller; } });
      return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' } });
    }
    if (url === '/api/accounts' && method === 'POST') {
      const request = body as { username: string; agencyId: string; role: AccountWire['role'] };
      const agency = AGENCIES.find((a) => a.id === request.agencyId) ?? AGENCIES[0];
      const account: AccountWire = {
        id: this.accounts.length + 1, username: request.username, role: request.role, agency: { id: agency.id, zh: agency.zh, level: agency.level },
        createdAt: '2025-01-10T08:00:00.000Z', lastSignInAt: null, disabled: false, mustChangePassword: true,
      };
      this.accounts.push(account);
      this.audit.unshift({ id: this.audit.length + 1, at: '2025-01-10T08:00:00.000Z', actor: 'admin', action: 'create', username: account.username, agencyId: agency.id, role: account.role });
      return json({ account, code: 'abcd-efgh-jkmn' }, { status: 201 });
    }
    const patch = /^\/api\/accounts\/(\d+)$/u.exec(url);
    const account = this.accounts.find((a) => a.id === Number(patch?.[1]));
    if (method === 'PATCH' && account !== undefined) {
      const change = body as { disabled?: boolean; role?: AccountWire['role'] };
      if (change.disabled !== undefined) account.disabled = change.disabled;
      if (change.role !== undefined) account.role = change.role;
      this.audit.unshift({ id: this.audit.length + 1, at: '2025-01-10T08:00:00.000Z', actor: 'admin', action: change.disabled === true ? 'disable' : 'enable', username: account.username, agencyId: account.agency.id });
      return json({ account });
    }
    return json({ error: { code: 'not_found', message: url } }, { status: 404 });
  }
}

let wrapper: VueWrapper | undefined;
let api: FakeAccounts;

beforeEach(async () => {
  await clearDb();
  api = new FakeAccounts();
  vi.stubGlobal('fetch', api.fetch);
});

afterEach(async () => {
  wrapper?.unmount();
  wrapper = undefined;
  await settle();
  vi.unstubAllGlobals();
});

async function signedInAdmin(): Promise<void> {
  await db.session.put({ key: 'current', user: ADMIN, expiresAt: '2099-01-01T00:00:00.000Z', expired: false });
}

async function open(path: string): Promise<VueWrapper> {
  const mounted = await mountApp(path);
  wrapper = mounted.wrapper;
  const w = mounted.wrapper;
  await vi.waitFor(() => {
    expect(w.find('.accounts, .sign-in').exists()).toBe(true);
    expect(w.find('[role="status"]').exists() && w.text().includes('正在加载账号')).toBe(false);
  });
  return w;
}

const cardOf = (w: VueWrapper, username: string) => {
  const card = w.findAll('li.account').find((c) => c.find('.username').text() === username);
  if (card === undefined) throw new Error(`no card of ${username}`);
  return card;
};

describe('the accounts page', () => {
  it('lists the subtree’s accounts with their last sign-in and the audit history; the admin’s own account has no actions', async () => {
    await signedInAdmin();
    const w = await open('/zh/accounts');
    await vi.waitFor(() => { expect(w.findAll('li.account')).toHaveLength(2); });
    expect(w.find('#account-list-title').text()).toBe('共 2 个账号');
    const dawa = cardOf(w, 'dawa');
    expect(dawa.text()).toContain('波密县倾多镇人民政府');
    expect(dawa.text()).toContain('从未登录');
    expect(dawa.findAll('button').map((b) => b.text())).toEqual(['重置密码', '停用']);
    const own = cardOf(w, 'admin');
    expect(own.text()).toContain('你的账号');
    expect(own.text()).toMatch(/上次登录：/u);
    expect(own.findAll('button')).toHaveLength(0);
    expect(own.find('select').attributes('disabled')).toBeDefined();
    expect(w.find('.audit').text()).toContain('把 dawa 的角色从发布人改为起草人');
    expect(w.find('.audit').text()).toContain('admin');
  });

  it('adds an account and shows its one-time code once, until closed', async () => {
    await signedInAdmin();
    const w = await open('/zh/accounts');
    await w.find('#account-username').setValue('Tashi');
    await w.find('#account-agency').setValue('town-a');
    await w.find('#account-role').setValue('publisher');
    await w.find('form.add').trigger('submit');
    await vi.waitFor(() => { expect(w.find('.code').exists()).toBe(true); });
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ username: 'tashi', agencyId: 'town-a', role: 'publisher' });
    expect(w.find('.code .value').text()).toBe('abcd-efgh-jkmn');
    expect(w.find('.code h2').text()).toBe('tashi 的一次性密码');
    await vi.waitFor(() => { expect(w.findAll('li.account')).toHaveLength(3); });
    expect(cardOf(w, 'tashi').text()).toContain('待设置新密码');
    expect((w.find('#account-username').element as HTMLInputElement).value).toBe('');
    await w.find('.code button').trigger('click');
    expect(w.find('.code').exists()).toBe(false);
  });

  it('asks before disabling, sends nothing on cancel, and says why a change was refused', async () => {
    await signedInAdmin();
    const w = await open('/zh/accounts');
    await vi.waitFor(() => { expect(w.findAll('li.account')).toHaveLength(2); });
    await cardOf(w, 'dawa').findAll('button')[1]?.trigger('click');
    expect(cardOf(w, 'dawa').find('.ask').text()).toContain('停用 dawa？');
    await cardOf(w, 'dawa').find('.ask button:not(.primary)').trigger('click');
    expect(api.requests.filter((r) => r.method === 'PATCH')).toEqual([]);

    await cardOf(w, 'dawa').findAll('button')[1]?.trigger('click');
    await cardOf(w, 'dawa').find('.ask .primary').trigger('click');
    await vi.waitFor(() => { expect(cardOf(w, 'dawa').text()).toContain('已停用'); });
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => [r.url, r.body])).toEqual([['/api/accounts/2', { disabled: true }]]);
    expect(cardOf(w, 'dawa').findAll('button').map((b) => b.text())).toEqual(['重置密码', '启用']);

    api.refuseNext = { status: 409, code: 'exists' };
    await w.find('#account-username').setValue('dawa');
    await w.find('form.add').trigger('submit');
    await vi.waitFor(() => { expect(w.find('p.problem[role="alert"]').text()).toBe('这个用户名已被使用。'); });
  });

  it('changes a role from its card, and sends nothing when the role chosen is the one it has', async () => {
    await signedInAdmin();
    const w = await open('/zh/accounts');
    await vi.waitFor(() => { expect(w.findAll('li.account')).toHaveLength(2); });
    const select = cardOf(w, 'dawa').find('select');
    expect(cardOf(w, 'dawa').find(`label[for="${select.attributes('id') ?? ''}"]`).text()).toBe('角色');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['起草人', '发布人', '管理员']);
    await select.setValue('publisher');
    await vi.waitFor(() => { expect(api.accounts.find((a) => a.username === 'dawa')?.role).toBe('publisher'); });
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => [r.url, r.body])).toEqual([['/api/accounts/2', { role: 'publisher' }]]);
    // Once the change is done (busy ends), the card shows the new role and can be changed again.
    await vi.waitFor(() => { expect(cardOf(w, 'dawa').find('select').attributes('disabled')).toBeUndefined(); });
    expect((cardOf(w, 'dawa').find('select').element as HTMLSelectElement).value).toBe('publisher');
    await cardOf(w, 'dawa').find('select').setValue('publisher');
    await settle();
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('speaks Tibetan in bo, agencies by their Tibetan names', async () => {
    await signedInAdmin();
    const w = await open('/bo/accounts');
    await vi.waitFor(() => { expect(w.findAll('li.account')).toHaveLength(2); });
    expect(w.find('h1').text()).toBe('ཐོ་ཁོངས་དོ་དམ།');
    const dawa = cardOf(w, 'dawa');
    expect(dawa.find('.agency').text()).toBe('སྤོ་མེས་རྫོང་ཆུ་མདོ་གྲོང་རྡལ།');
    expect(dawa.find('.agency').attributes('lang')).toBe('bo');
    expect(dawa.find('.last').text()).toBe('ནམ་ཡང་ནང་འཛུལ་བྱས་མེད།');
    // The agency without a Tibetan name is shown in Chinese, marked as such.
    expect(cardOf(w, 'admin').find('.agency').attributes('lang')).toBe('zh-Hans');
    expect(w.find('.audit li .what').text()).toMatch(TIBETAN);
    expect(w.find('.audit li .what').text()).not.toMatch(/[\u4e00-\u9fff]/u);
  });

  it('tells an official who is not an admin that only admins manage accounts', async () => {
    await signedInAdmin();
    api.notAdmin = true;
    const w = await open('/zh/accounts');
    await vi.waitFor(() => { expect(w.find('[role="alert"]').text()).toBe('只有管理员可以管理账号。'); });
    expect(w.find('li.account').exists()).toBe(false);
  });
});

describe('importing past reports from a zip', () => {
  const line = (event: BulkImportEvent) => new TextEncoder().encode(`${JSON.stringify(event)}\n`);

  it('sends the zip for the chosen agency, shows each file as the server reads it, then what became of each', async () => {
    await signedInAdmin();
    const w = await open('/zh/accounts');
    await vi.waitFor(() => { expect(w.find('.bulk-import').exists()).toBe(true); });
    expect(w.find('.bulk button[type="submit"]').attributes('disabled')).toBeDefined();
    await w.find('#bulk-agency').setValue('town-a');
    const input = w.find('#bulk-zip');
    Object.defineProperty(input.element, 'files', { value: [new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'county.zip', { type: 'application/zip' })] });
    await input.trigger('change');
    await w.find('.bulk input[name="publish"]').setValue(true);
    await w.find('form.bulk').trigger('submit');

    await vi.waitFor(() => { expect(api.imports).not.toBeNull(); });
    const sent = api.requests.find((r) => r.url.startsWith('/api/imports'));
    expect(sent?.method).toBe('POST');
    expect(new URL(sent?.url ?? '', 'http://x').searchParams.toString()).toBe('agency=town-a&publish=1');
    api.imports?.enqueue(line({ type: 'progress', done: 1, total: 3, file: '2021/倾多镇.pdf' }));
    await vi.waitFor(() => { expect(w.find('.progress').text()).toBe('正在读取第 2/3 个文件：2021/倾多镇.pdf'); });
    expect(w.find('.progress progress').attributes('value')).toBe('1');

    api.imports?.enqueue(line({
      type: 'summary',
      published: true,
      rows: [
        { file: '2020/倾多镇.txt', year: '2020', status: 'published', reportId: 'town-a-2020', notes: [] },
        { file: '2021/倾多镇.pdf', year: '2021', status: 'flagged', reportId: 'town-a-2021', notes: [{ code: 'uncertain', count: 3 }, { code: 'rows_missing', count: 1 }, { code: 'previous_year', count: 14, year: 2020 }] },
        { file: 'minutes.txt', year: '', status: 'refused', notes: [{ code: 'refused', reason: 'not_a_report' }] },
        { file: 'undated.txt', year: '', status: 'refused', notes: [{ code: 'needs_year' }, { code: 'sections_missing', count: 4 }] },
        { file: 'huge.txt', year: '', status: 'refused', notes: [{ code: 'refused', reason: 'too_large' }] },
      ],
      counts: { imported: 0, flagged: 1, refused: 3, exists: 0, published: 1, failed: 0 },
    }));
    api.imports?.close();
    await vi.waitFor(() => { expect(w.findAll('.results tbody tr')).toHaveLength(5); });
    expect(w.find('.progress').exists()).toBe(false);
    expect(w.find('.summary').text()).toBe('共 5 个文件：已发布 1，可导入 0，需核对 1，无法导入 3，已存在 0，发布失败 0。');
    const detail = (tr: ReturnType<typeof w.find>) => [tr.find('.report-id').exists() ? tr.find('.report-id').text() : '', ...tr.findAll('.notes li').map((li) => li.text())];
    expect(w.findAll('.results tbody tr').map((r) => [...r.findAll('td').slice(0, 3).map((td) => td.text()), ...detail(r)])).toEqual([
      ['2020/倾多镇.txt', '2020', '已发布', 'town-a-2020'],
      ['2021/倾多镇.pdf', '2021', '需核对', 'town-a-2021', '需要核对的数值：3', '未找到的表格行：1', '上年结转与上一年报告的结转下年度不符、可能错行的数值：14（对照 2020 年报告）'],
      ['minutes.txt', '', '无法导入', '', '不是政府信息公开工作年度报告'],
      ['undated.txt', '', '无法导入', '', '文件中没有写明报告年度', '未找到的部分：4'],
      ['huge.txt', '', '无法导入', '', '文件太大，无法读取（上限 20 MB）'],
    ]);
  });

  it('words each file\'s notes from the server\'s codes in Tibetan in bo', async () => {
    await signedInAdmin();
    const w = await open('/bo/accounts');
    await vi.waitFor(() => { expect(w.find('.bulk-import').exists()).toBe(true); });
    await w.find('#bulk-agency').setValue('town-a');
    const input = w.find('#bulk-zip');
    Object.defineProperty(input.element, 'files', { value: [new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'county.zip', { type: 'application/zip' })] });
    await input.trigger('change');
    await w.find('form.bulk').trigger('submit');
    await vi.waitFor(() => { expect(api.imports).not.toBeNull(); });
    api.imports?.enqueue(line({
      type: 'summary',
      published: false,
      rows: [
        { file: 'a.pdf', year: '2021', status: 'flagged', reportId: 'town-a-2021', notes: [{ code: 'uncertain', count: 3 }, { code: 'unplaced', count: 2 }] },
        { file: 'b.txt', year: '', status: 'refused', notes: [{ code: 'needs_year' }] },
        { file: 'c.pdf', year: '', status: 'refused', notes: [{ code: 'refused', reason: 'scanned' }] },
      ],
      counts: { imported: 0, flagged: 1, refused: 2, exists: 0, published: 0, failed: 0 },
    }));
    api.imports?.close();
    await vi.waitFor(() => { expect(w.findAll('.results tbody tr')).toHaveLength(3); });
    expect(w.findAll('.results .notes li').map((li) => li.text())).toEqual([
      'ཞིབ་བཤེར་དགོས་པའི་གྲངས་ཀ། 3',
      'རེའུ་མིག་ཏུ་བཀོད་མ་ཐུབ་པའི་གྲངས་ཀ། 2',
      'ཡིག་ཆའི་ནང་སྙན་ཞུའི་ལོ་གསལ་པོ་མི་འདུག',
      'པར་སློག་ཡིག་ཆ་ཡིན་པས་ཀློག་རུང་བའི་ཡི་གེ་མེད།',
    ]);
  });

  it('words a refusal, and speaks Tibetan in bo', async () => {
    await signedInAdmin();
    const w = await open('/bo/accounts');
    await vi.waitFor(() => { expect(w.find('.bulk-import').exists()).toBe(true); });
    expect(w.find('#bulk-import-title').text()).toMatch(TIBETAN);
    api.refuseNext = { status: 400, code: 'invalid_body' };
    const input = w.find('#bulk-zip');
    Object.defineProperty(input.element, 'files', { value: [new File(['not a zip'], 'notes.zip', { type: 'application/zip' })] });
    await input.trigger('change');
    await w.find('form.bulk').trigger('submit');
    await vi.waitFor(() => { expect(w.find('.bulk-import .problem').exists()).toBe(true); });
    expect(w.find('.bulk-import .problem').text()).toBe('འདི་zip ཡིག་ཆ་མ་རེད། ཡང་ན་དེའི་ནང་སྙན་ཞུའི་ཡིག་ཆ་མེད།');
  });

  it('says a zip that inflates past the server\'s limit is too large once unpacked, not that the file is', async () => {
    await signedInAdmin();
    const w = await open('/zh/accounts');
    await vi.waitFor(() => { expect(w.find('.bulk-import').exists()).toBe(true); });
    await w.find('#bulk-agency').setValue('town-a');
    api.refuseNext = { status: 413, code: 'zip_inflates_too_large' };
    const input = w.find('#bulk-zip');
    Object.defineProperty(input.element, 'files', { value: [new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'county.zip', { type: 'application/zip' })] });
    await input.trigger('change');
    await w.find('form.bulk').trigger('submit');
    await vi.waitFor(() => { expect(w.find('.bulk-import .problem').exists()).toBe(true); });
    expect(w.find('.bulk-import .problem').text()).toBe('压缩包解压后超过 256 MB，请分批导入。');
  });
});

describe('signing in with a one-time code', () => {
  it('asks for a new password before anything else, and keeps nothing on the device until it is set', async () => {
    let passwordChanged = false;
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url === '/api/auth/login') return Promise.resolve(json({ user: { ...ADMIN, username: 'dawa' }, token: 't'.repeat(43), expiresAt: '2099-01-01T00:00:00.000Z', mustChangePassword: true }));
      if (url === '/api/auth/password') {
        expect(JSON.parse(typeof init?.body === 'string' ? init.body : '')).toEqual({ current: 'ABCD efgh jkmn', next: 'my own passphrase' });
        passwordChanged = true;
        return Promise.resolve(new Response(null, { status: 204 }));
      }
      return api.fetch(input, init);
    });
    const w = await open('/zh/sign-in?back=/zh/accounts');
    // What password managers and phone keyboards are told about each field.
    expect(w.find('label[for="sign-in-username"]').text()).toBe('用户名');
    expect(w.find('#sign-in-username').attributes()).toMatchObject({ type: 'text', name: 'username', autocomplete: 'username', autocapitalize: 'off', spellcheck: 'false' });
    expect(w.find('#sign-in-password').attributes()).toMatchObject({ type: 'password', name: 'password', autocomplete: 'current-password' });
    await w.find('#sign-in-username').setValue('dawa');
    await w.find('#sign-in-password').setValue('ABCD efgh jkmn');
    await w.find('form').trigger('submit');
    await vi.waitFor(() => { expect(w.find('#new-password').exists()).toBe(true); });
    expect(w.text()).toContain('设置新密码');
    for (const id of ['new-password', 'new-password-repeat']) {
      expect(w.find(`#${id}`).attributes()).toMatchObject({ type: 'password', autocomplete: 'new-password', minlength: '10' });
      expect(w.find(`label[for="${id}"]`).exists()).toBe(true);
    }
    expect(await db.session.get('current')).toBeUndefined();

    await w.find('#new-password').setValue('my own passphrase');
    await w.find('#new-password-repeat').setValue('my own passphrasf');
    await w.find('form').trigger('submit');
    await vi.waitFor(() => { expect(w.find('[role="alert"]').text()).toBe('两次输入的密码不一致。'); });
    expect(passwordChanged).toBe(false);

    await w.find('#new-password-repeat').setValue('my own passphrase');
    await w.find('form').trigger('submit');
    await vi.waitFor(() => { expect(w.find('.accounts').exists()).toBe(true); });
    expect(passwordChanged).toBe(true);
    expect((await db.session.get('current'))?.user).toMatchObject({ username: 'dawa' });
  });
});
