// @vitest-environment happy-dom
/**
 * Done-when of issue 10, on the reader's screen: a hypothetical third template (data and labels
 * only, tests/support/third-template.ts) is drawn by the reader's tables with no code of its own.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blankReport } from '../../src/report/factory.ts';
import { I18N_LOCALE } from '../../src/modules/i18n.ts';
import { THIRD_ID, THIRD_LABELS, useThirdTemplate } from '../support/third-template.ts';
import { clearDb, mountApp, serveReports, settle, type Mounted } from './helpers.ts';

useThirdTemplate();
let app: Mounted | undefined;

beforeEach(async () => {
  await clearDb();
});

afterEach(() => {
  app?.wrapper.unmount();
  app = undefined;
  vi.unstubAllGlobals();
});

describe('the reader, for a third template', () => {
  it('draws its tables, merged headers and cells from the model', async () => {
    const report = blankReport({ id: 'third-2099', template: THIRD_ID, year: 2099, agencyZh: '测试县人民政府', level: 'county', fill: 0 });
    report.cells['requests.automated_2.platform'] = 6;
    serveReports([report]);
    // The labels are merged before the first render (see mountApp): merged later they would not show.
    const mounted = await mountApp(`/zh/reports/${report.id}`, (i18n) => {
      i18n.global.mergeLocaleMessage(I18N_LOCALE.zh, { template: { t2099: THIRD_LABELS } });
    });
    app = mounted;
    await vi.waitFor(() => {
      expect(mounted.wrapper.find('table.rt-requests').exists()).toBe(true);
    }, { timeout: 10_000 });
    await settle();
    const { wrapper } = mounted;
    expect(wrapper.findAll('table.rt-table')).toHaveLength(4);
    expect(wrapper.text()).toContain('第二十条第（十）项');
    const requests = wrapper.get('table.rt-requests');
    const legal = requests.findAll('th').find((th) => th.text() === '法人或其他组织');
    expect(legal?.attributes('colspan')).toBe('2');
    expect(requests.findAll('th').map((th) => th.text())).toEqual(expect.arrayContaining(['网络平台', '（八）自动化处理', '2.自动转办']));
    expect(requests.findAll('tbody td.num')).toHaveLength(8 * 4);
    expect(requests.findAll('tbody td.num').map((td) => td.text())).toContain('6');
    const appeals = wrapper.get('table.rt-appeals');
    expect(appeals.findAll('th').find((th) => th.text() === '在线复议')?.attributes('colspan')).toBe('3');
    expect(appeals.findAll('td.num')).toHaveLength(3 * 3);
  });
});
