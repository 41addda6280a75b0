// @vitest-environment happy-dom
/**
 * "Keep on this device": the home page keeps every report listed, a report page every year of its
 * agency; the store downloads them into IndexedDB and asks navigator.storage.persist(), and the
 * page says what happened — kept, failed, and whether the browser may still evict them.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listCachedReports } from '../../src/db/reports.ts';
import { ANSWER_WAIT_MS, useKeepStore } from '../../src/stores/keep.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import zhCN from '../../locales/zh-CN.json';
import { clearDb, json, mountApp, seedReport, serveReports, settle, type Mounted } from './helpers.ts';

const keep = zhCN.reader.keep;
const fill = (message: string, count: number): string => message.replace('{count}', String(count));

let app: Mounted | undefined;
let reports: ReportDocument[];

/** Three reports: the seed, the same town's 2019 report, and another town's. */
function corpus(): ReportDocument[] {
  const seed = seedReport();
  return [
    seed,
    { ...seed, id: 'qingduo-2019', meta: { ...seed.meta, year: 2019 } },
    { ...seed, id: 'zhamu-2020', meta: { ...seed.meta, agency: { zh: '波密县扎木镇人民政府' } } },
  ];
}

/** navigator.storage as a browser has it; `granted` is what persist() answers. */
function storageManager(granted: boolean, already = false) {
  const manager = { persist: vi.fn(() => Promise.resolve(granted)), persisted: vi.fn(() => Promise.resolve(already)) };
  Object.defineProperty(navigator, 'storage', { value: manager, configurable: true });
  return manager;
}

/**
 * The home page once its list has loaded (the keep button comes with it): a fixed number of
 * ticks was not always enough for the first mount of the file on a loaded machine.
 */
async function mountHome(): Promise<Mounted> {
  const mounted = await mountApp('/zh');
  await vi.waitFor(() => {
    expect(mounted.wrapper.find('.keep button').exists()).toBe(true);
  }, { timeout: 10_000 });
  return mounted;
}

/**
 * Waits for what keeping says once done. The first keep of the file loads the device's storage
 * module (the home page no longer does at mount): more than a few ticks on a loaded machine.
 */
async function kept(): Promise<void> {
  const pinia = app?.pinia;
  await vi.waitFor(() => {
    expect(useKeepStore(pinia).summary).not.toBeNull();
  }, { timeout: 10_000 });
  await settle();
}

async function stored(): Promise<string[]> {
  return (await listCachedReports()).map((r) => r.id).sort();
}

beforeEach(async () => {
  localStorage.clear();
  await clearDb();
  reports = corpus();
  serveReports(reports);
});

afterEach(() => {
  app?.wrapper.unmount();
  app = undefined;
  Reflect.deleteProperty(navigator, 'storage');
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('keep every report listed (home page)', () => {
  it('downloads them all, asks to persist, and says they are kept for good', async () => {
    const manager = storageManager(true);
    app = await mountHome();
    const button = app.wrapper.get('.keep button');
    expect(button.text()).toBe(keep.listed.replace('{count}', '3'));
    await button.trigger('click');
    await kept();
    expect(manager.persist).toHaveBeenCalledTimes(1);
    expect(await stored()).toEqual(['qingduo-2019', 'qingduo-2020', 'zhamu-2020']);
    const result = app.wrapper.get('.keep .result').text();
    expect(result).toContain(fill(keep.kept, 3));
    expect(result).toContain(keep.persisted);
    // Each entry now says it is on this device, and there is nothing left to keep.
    expect(app.wrapper.findAll('.on-device')).toHaveLength(3);
    expect(app.wrapper.get('.keep button').attributes('disabled')).toBeDefined();
  });

  it('keeps only what the search lists', async () => {
    storageManager(true);
    app = await mountHome();
    await app.wrapper.get('input[type="search"]').setValue('倾多');
    await app.wrapper.get('form[role="search"]').trigger('submit');
    await settle();
    expect(app.wrapper.get('.keep button').text()).toBe(keep.listed.replace('{count}', '2'));
    await app.wrapper.get('.keep button').trigger('click');
    await kept();
    expect(await stored()).toEqual(['qingduo-2019', 'qingduo-2020']);
  });

  it('says the browser may evict them when persistence is refused', async () => {
    storageManager(false);
    app = await mountHome();
    await app.wrapper.get('.keep button').trigger('click');
    await kept();
    expect(await stored()).toHaveLength(3);
    const result = app.wrapper.get('.keep .result').text();
    expect(result).toContain(keep.bestEffort);
    expect(result).not.toContain(keep.persisted);
  });

  it('does not ask again when the browser already keeps the data', async () => {
    const manager = storageManager(true, true);
    app = await mountHome();
    await app.wrapper.get('.keep button').trigger('click');
    await kept();
    expect(manager.persist).not.toHaveBeenCalled();
    expect(app.wrapper.get('.keep .result').text()).toContain(keep.persisted);
  });

  it('without a StorageManager (old WebView): kept, with the eviction warning', async () => {
    app = await mountHome();
    await app.wrapper.get('.keep button').trigger('click');
    await kept();
    expect(await stored()).toHaveLength(3);
    expect(app.wrapper.get('.keep .result').text()).toContain(keep.bestEffort);
  });

  it('counts what the server would not give, to try again online', async () => {
    storageManager(true);
    const fetch = serveReports(reports);
    const answer = fetch.getMockImplementation();
    fetch.mockImplementation((input, init) =>
      (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).endsWith('/zhamu-2020') ? Promise.resolve(json({ error: { code: 'internal_error', message: 'x' } }, { status: 500 })) : (answer?.(input, init) ?? Promise.reject(new Error('no stub'))),
    );
    app = await mountHome();
    await app.wrapper.get('.keep button').trigger('click');
    await settle();
    expect(await stored()).toEqual(['qingduo-2019', 'qingduo-2020']);
    const result = app.wrapper.get('.keep .result').text();
    expect(result).toContain(fill(keep.kept, 2));
    expect(result).toContain(fill(keep.failed, 1));
  });
});

describe('a browser that asks the person (Firefox’s prompt)', () => {
  it('keeps the reports without waiting for the answer, says it is asking, then shows the answer', async () => {
    let answer: (granted: boolean) => void = () => undefined;
    const manager = { persisted: vi.fn(() => Promise.resolve(false)), persist: vi.fn(() => new Promise<boolean>((resolve) => { answer = resolve; })) };
    Object.defineProperty(navigator, 'storage', { value: manager, configurable: true });
    app = await mountHome();
    await app.wrapper.get('.keep button').trigger('click');
    await settle();
    await new Promise((resolve) => setTimeout(resolve, ANSWER_WAIT_MS + 50));
    await settle();
    expect(await stored()).toHaveLength(3);
    let result = app.wrapper.get('.keep .result').text();
    expect(result).toContain(fill(keep.kept, 3));
    expect(result).toContain(keep.asking);
    answer(true);
    await settle();
    result = app.wrapper.get('.keep .result').text();
    expect(result).toContain(keep.persisted);
    expect(result).not.toContain(keep.asking);
  });
});

describe('WebKit’s 7-day rule on iPhone and iPad', () => {
  const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';

  function userAgent(value: string, standalone?: boolean): void {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(value);
    if (standalone !== undefined) Object.defineProperty(navigator, 'standalone', { value: standalone, configurable: true });
  }

  afterEach(() => {
    Reflect.deleteProperty(navigator, 'standalone');
  });

  it('is explained before keeping, in Safari on an iPhone', async () => {
    userAgent(IPHONE, false);
    app = await mountHome();
    await settle();
    expect(app.wrapper.get('.keep').text()).toContain(keep.sevenDays);
  });

  it('in Tibetan too', async () => {
    userAgent(IPHONE, false);
    app = await mountApp('/bo/reports/qingduo-2020');
    await settle();
    expect(app.wrapper.get('.keep .seven-days').text()).toMatch(/[\u0F00-\u0FFF].*7/u);
  });

  it('is not shown once the app is opened from the Home Screen, nor on other phones', async () => {
    userAgent(IPHONE, true);
    app = await mountHome();
    await settle();
    expect(app.wrapper.find('.keep .seven-days').exists()).toBe(false);
    app.wrapper.unmount();
    userAgent('Mozilla/5.0 (Linux; Android 12; HUAWEI) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36');
    app = await mountHome();
    await settle();
    expect(app.wrapper.find('.keep .seven-days').exists()).toBe(false);
  });
});

describe('keep every year of this agency (report page)', () => {
  it('keeps the agency’s other years, not other agencies', async () => {
    const manager = storageManager(true);
    app = await mountApp('/zh/reports/qingduo-2020');
    await settle();
    const button = app.wrapper.get('.keep button');
    expect(button.text()).toBe(keep.agency.replace('{count}', '2'));
    await button.trigger('click');
    await settle();
    expect(manager.persist).toHaveBeenCalledTimes(1);
    expect(await stored()).toEqual(['qingduo-2019', 'qingduo-2020']);
    expect(app.wrapper.get('.keep .result').text()).toContain(fill(keep.kept, 2));
  });

  it('in Tibetan', async () => {
    storageManager(false);
    app = await mountApp('/bo/reports/qingduo-2020');
    await settle();
    const section = app.wrapper.get('.keep');
    expect(section.get('h2').text()).toMatch(/[\u0F00-\u0FFF]/u);
    await section.get('button').trigger('click');
    await settle();
    expect(app.wrapper.get('.keep .result').text()).toMatch(/[\u0F00-\u0FFF]/u);
    expect(await stored()).toEqual(['qingduo-2019', 'qingduo-2020']);
  });
});
