// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import zhCN from '../../locales/zh-CN.json';
import { lookupMessage } from '../../src/report/labels.ts';
import { toCellsJson } from '../../src/report/export/index.ts';
import { cellsCsv, useReportDownloads } from '../../src/composables/useReportDownloads.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { captureBlobs, clearDb, mountApp, seedReport, serveReports, type Mounted } from './helpers.ts';

const zh = (key: string): string => lookupMessage(zhCN, key) ?? key;
const HEADER = ['key', 'row', 'column', 'value', 'unit'];

let seed: ReportDocument;
beforeEach(() => {
  seed = seedReport();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('cellsCsv', () => {
  it('writes one line per cell with its row and column labels; blank is empty, not 0', () => {
    const report: ReportDocument = {
      ...seed,
      cells: { ...seed.cells, 'requests.denied_1.commercial': null, 'active.procurement.amount': 8040 },
      units: { 'active.procurement.amount': '元' },
    };
    const lines = cellsCsv(report, zh, HEADER).replace(/^\uFEFF/u, '').split('\r\n');
    expect(lines[0]).toBe('key,row,column,value,unit');
    expect(lines.length).toBe(Object.keys(report.cells).length + 2); // header, cells, final CRLF
    expect(lines).toContain('requests.denied_1.commercial,三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密,法人或其他组织 · 商业企业,,');
    expect(lines).toContain('requests.denied_1.natural_person,三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密,自然人,0,');
    expect(lines).toContain('active.procurement.amount,第二十条第（九）项 · 政府集中采购,采购总金额,8040,元');
    expect(lines).toContain('appeals.litigation_direct.total,行政诉讼 · 未经复议直接起诉,总计,0,');
  });

  it('quotes commas and quotes, and defuses text that a spreadsheet would run as a formula', () => {
    const label = (key: string): string => (key === 'template.appeals.groups.review' ? '=HYPERLINK("x")' : zh(key));
    const csv = cellsCsv(seed, label, HEADER);
    expect(csv).toContain(`appeals.review.total,"'=HYPERLINK(""x"")",总计,0,`);
    const comma = cellsCsv(seed, (key) => (key === 'template.requests.columns.total' ? 'a,b' : zh(key)), HEADER);
    expect(comma).toContain('requests.granted.total,三、本年度办理结果 · （一）予以公开,"a,b",0,');
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });
});

describe('useReportDownloads', () => {
  it('offers the cells JSON byte-for-byte as the CLI writes it, and revokes URLs it replaces', async () => {
    const { blobs, revoke } = captureBlobs();
    const report = ref<ReportDocument | null>(seed);
    const scope = effectScope();
    const { links } = scope.run(() => useReportDownloads(report, { label: zh, header: () => HEADER, lang: ref('zh') })) ?? {};
    // The CSV is made in tasks of their own; the links come with it.
    expect(links?.value).toBeNull();
    await vi.waitFor(() => {
      expect(links?.value).not.toBeNull();
    });
    const first = links?.value;
    expect(first?.cells.filename).toBe('qingduo-2020-cells.json');
    expect(first?.csv.filename).toBe('qingduo-2020-cells-zh.csv');
    expect(await blobs.get(first?.cells.href ?? '')?.text()).toBe(toCellsJson(seed));
    expect(await blobs.get(first?.csv.href ?? '')?.text()).toContain('requests.new_received.total,');

    report.value = null;
    await nextTick();
    expect(links?.value).toBeNull();
    expect(revoke).toHaveBeenCalledWith(first?.cells.href);
    scope.stop();
  });
  it('makes the CSV a few lines a task, the same file as made at once', async () => {
    const { blobs } = captureBlobs();
    const scope = effectScope();
    // A slice of 0 ms: one line a task.
    const { links } = scope.run(() => useReportDownloads(ref(seed), { label: zh, header: () => HEADER, lang: ref('zh'), sliceMs: 0 })) ?? {};
    const lines = cellsCsv(seed, zh, HEADER).split('\r\n').length - 1;
    expect(lines).toBeGreaterThan(10);
    for (let task = 0; task < 5; task++) await new Promise((resolve) => setTimeout(resolve, 0));
    // Five tasks made five lines: no link yet.
    expect(links?.value).toBeNull();
    await vi.waitFor(() => {
      expect(links?.value).not.toBeNull();
    });
    expect(await blobs.get(links?.value?.csv.href ?? '')?.text()).toBe(cellsCsv(seed, zh, HEADER));
    scope.stop();
  });
});

describe('download links on the report page', () => {
  let app: Mounted | undefined;
  afterEach(() => app?.wrapper.unmount());

  it('are plain links with a file name', async () => {
    await clearDb();
    serveReports([seed]);
    const { wrapper } = (app = await mountApp('/zh/reports/qingduo-2020'));
    // The files are made when the browser is idle (not while a pre-rendered page hydrates).
    await vi.waitFor(() => {
      expect(wrapper.findAll('.downloads a[download]')).toHaveLength(2);
    });
    // The toolbar's link to them shows once they exist (it was held unseen, see prerender.test).
    expect(wrapper.get('.report-tools a[href="#downloads-title"]').classes()).not.toContain('waiting');
    const links = wrapper.findAll('.downloads a[download]');
    expect(links.map((a) => a.attributes('download'))).toEqual(['qingduo-2020-cells-zh.csv', 'qingduo-2020-cells.json']);
    for (const a of links) expect(a.attributes('href')).toMatch(/^blob:/u);
  });
});
