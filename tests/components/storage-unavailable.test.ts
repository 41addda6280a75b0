// @vitest-environment happy-dom
/**
 * No usable IndexedDB (a private window, a full disk): every database call fails. Reading online
 * still works, never a blank page; the reader is told that nothing is kept for offline reading,
 * and "keep on this device" says so instead of offering a button that cannot work.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import zhCN from '../../locales/zh-CN.json';
import { mountApp, seedReport, serveReports, settle, type Mounted } from './helpers.ts';

vi.mock('../../src/db/reports.ts', () => {
  const fail = (): Promise<never> => Promise.reject(new DOMException('IndexedDB is not available', 'InvalidStateError'));
  return {
    getCachedReport: fail,
    listCachedReports: fail,
    putCachedReport: fail,
    touchCachedReport: fail,
    deleteCachedReport: fail,
    getCachedIndex: fail,
    putCachedIndex: fail,
  };
});

let app: Mounted | undefined;

beforeEach(() => {
  localStorage.clear();
  serveReports([seedReport()]);
});

afterEach(() => {
  app?.wrapper.unmount();
  app = undefined;
  vi.unstubAllGlobals();
});

describe('without IndexedDB', () => {
  it('shows the report from the network, with the notice', async () => {
    app = await mountApp('/zh/reports/qingduo-2020');
    await settle();
    expect(app.wrapper.get('.report-header .agency').text()).toBe('波密县倾多镇人民政府');
    expect(app.wrapper.get('article.report').text()).toContain('893');
    expect(app.wrapper.get('.report-status').text()).toContain(zhCN.reader.notices.storage_unavailable);
  });

  it('says the reports cannot be kept, instead of offering to keep them', async () => {
    app = await mountApp('/zh/reports/qingduo-2020');
    await settle();
    const keep = app.wrapper.get('.keep');
    expect(keep.text()).toContain(zhCN.reader.keep.unavailable);
    expect(keep.find('button').exists()).toBe(false);
  });

  it('lists the server’s reports on the home page', async () => {
    const home = await mountApp('/zh');
    app = home;
    await settle();
    expect(home.wrapper.get('.agencies a').attributes('href')).toBe('/zh/reports/qingduo-2020');
    // Whether IndexedDB opens is learnt asynchronously: wait for the answer, not a number of ticks.
    await vi.waitFor(() => { expect(home.wrapper.get('.keep').text()).toContain(zhCN.reader.keep.unavailable); }, { timeout: 10_000 });
  });
});
