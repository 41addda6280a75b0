// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { DOMWrapper } from '@vue/test-utils';
import zhCN from '../../locales/zh-CN.json';
import { lookupMessage } from '../../src/report/labels.ts';
import { blankReport } from '../../src/report/factory.ts';
import { getTemplate, requestRows } from '../../src/report/templates/index.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { readerTestSetup, serveReports, type Mounted } from './helpers.ts';

const zh = (key: string): string => lookupMessage(zhCN, key) ?? `missing zh ${key}`;

const reader = readerTestSetup();

async function open(report: ReportDocument, others: ReportDocument[] = []): Promise<Mounted> {
  serveReports([report, ...others]);
  const mounted = await reader.mount(`/zh/reports/${report.id}`);
  // The tables are a chunk of their own (components/report/lazy-tables.ts): wait for 三. The
  // first test of a run loads the chunk for seconds on a busy machine (1 s, the default, failed).
  await vi.waitFor(() => {
    expect(mounted.wrapper.find('table.rt-requests').exists()).toBe(true);
  }, { timeout: 10_000 });
  return mounted;
}

/** What `wrapper.get()` returns. */
type Found = Omit<DOMWrapper<Element>, 'exists'>;

/** The cell with these header ids among its `headers`. */
function cellWith(table: Found, ...ids: string[]): DOMWrapper<Element> | undefined {
  return table.findAll('td[headers]').find((td) => {
    const headers = (td.attributes('headers') ?? '').split(' ');
    return ids.every((id) => headers.includes(id));
  });
}

function idOf(table: Found, text: string): string {
  const th = table.findAll('th').find((h) => h.text() === text);
  if (th === undefined) throw new Error(`no header ${text}`);
  return th.attributes('id') ?? '';
}

describe('tables are accessible tables', () => {
  it('every table has a caption and every header a scope', async () => {
    const { wrapper } = await open(reader.seed);
    const tables = wrapper.findAll('table');
    // 二 has one table per 第二十条 item (five in 2019), then 三 and 四.
    const items = new Set(getTemplate('2019').active.map((r) => r.item));
    expect(tables.length).toBe(items.size + 2);
    for (const table of tables) {
      expect(table.get('caption').text()).not.toBe('');
      for (const th of table.findAll('th')) expect(['col', 'colgroup', 'row', 'rowgroup']).toContain(th.attributes('scope'));
    }
  });

  it('三 has the merged header 申请人情况 / 自然人 / 法人或其他组织 (5) / 总计', async () => {
    const { wrapper } = await open(reader.seed);
    const table = wrapper.get('table.rt-requests');
    const header = (text: string) => table.findAll('thead th').find((th) => th.text() === text);
    expect(header(zh('template.requests.columnsCaption'))?.attributes()).toMatchObject({ colspan: '7', scope: 'colgroup' });
    expect(header(zh('template.requests.groups.legal_person'))?.attributes()).toMatchObject({ colspan: '5', scope: 'colgroup' });
    expect(header(zh('template.requests.columns.natural_person'))?.attributes()).toMatchObject({ rowspan: '2', scope: 'col' });
    expect(header(zh('template.requests.columns.total'))?.attributes()).toMatchObject({ rowspan: '2', scope: 'col' });
    expect(table.get('thead td.rt-corner').text()).toBe(zh('template.requests.cornerNote'));
  });

  it('三 has one row per template row, under its merged row groups, and each cell names all its headers', async () => {
    const { wrapper } = await open(reader.seed);
    const table = wrapper.get('table.rt-requests');
    const rows = requestRows(getTemplate('2019'));
    expect(table.findAll('tbody th[scope="row"]').map((th) => th.text())).toEqual(rows.map((r) => zh(r.label)));
    const groups = table.findAll('tbody th[scope="rowgroup"]').map((th) => th.text());
    expect(groups).toEqual(
      ['results', 'denied', 'unable', 'not_processed'].map((g) => zh(`template.requests.groups.${g}`)),
    );
    const cell = cellWith(
      table,
      idOf(table, zh('template.requests.groups.results')),
      idOf(table, zh('template.requests.groups.denied')),
      idOf(table, zh('template.requests.rows.denied_1')),
      idOf(table, zh('template.requests.columnsCaption')),
      idOf(table, zh('template.requests.groups.legal_person')),
      idOf(table, zh('template.requests.columns.commercial')),
    );
    expect(cell?.text()).toBe('0');
    // Every id a cell names exists in the table.
    const ids = new Set(table.findAll('[id]').map((e) => e.attributes('id')));
    for (const td of table.findAll('td[headers]')) {
      for (const id of (td.attributes('headers') ?? '').split(' ')) expect(ids.has(id)).toBe(true);
    }
  });

  it('三 of a 2021 report prints the （六） sub-rows, or the single collapsed row when that is what it holds', async () => {
    const full = blankReport({ id: 'r2021', template: '2021', year: 2021, agencyZh: '某镇人民政府', level: 'township', fill: 0 });
    const { wrapper } = await open(full);
    const labels = wrapper.findAll('table.rt-requests tbody th').map((th) => th.text());
    expect(labels).toContain(zh('template.requests.rows.other_handling_1'));
    expect(labels).toContain(zh('template.requests.groups.other_handling'));

    const cells = Object.fromEntries(
      Object.entries(full.cells)
        .filter(([key]) => !key.startsWith('requests.other_handling_'))
        .concat(getTemplate('2021').requests.columns.map((c) => [`requests.other_handling.${c.key}`, 0])),
    );
    const { wrapper: collapsed } = await open({ ...full, id: 'r2021c', cells });
    const rows = collapsed.findAll('table.rt-requests tbody th[scope="row"]').map((th) => th.text());
    expect(rows).toContain(zh('template.requests.rows.other_handling'));
    expect(rows).not.toContain(zh('template.requests.rows.other_handling_1'));
    expect(rows.length).toBe(requestRows(getTemplate('2021'), true).length);
  });

  it('四 has the two-level header and 15 figures', async () => {
    const { wrapper } = await open(reader.seed);
    const table = wrapper.get('table.rt-appeals');
    const header = (text: string) => table.findAll('thead th').find((th) => th.text() === text);
    expect(header(zh('template.appeals.groups.review'))?.attributes('colspan')).toBe('5');
    expect(header(zh('template.appeals.groups.litigation'))?.attributes('colspan')).toBe('10');
    expect(header(zh('template.appeals.groups.litigation_direct'))?.attributes('colspan')).toBe('5');
    expect(table.findAll('thead th').filter((th) => th.text() === zh('template.appeals.columns.upheld')).length).toBe(3);
    expect(table.findAll('tbody td').length).toBe(15);
    const after = cellWith(
      table,
      idOf(table, zh('template.appeals.groups.litigation')),
      idOf(table, zh('template.appeals.groups.litigation_after_review')),
    );
    expect(after).toBeDefined();
  });

  it('the card view is hidden from assistive technology (the table is what they read)', async () => {
    const { wrapper } = await open(reader.seed);
    const cards = wrapper.findAll('.rt-cards');
    expect(cards.length).toBe(wrapper.findAll('table').length);
    for (const c of cards) expect(c.attributes('aria-hidden')).toBe('true');
  });
});

describe('cards (narrow screens) say what the tables say', () => {
  /** The card view drawn with the table that matches `selector`. */
  function cardsOf(wrapper: Mounted['wrapper'], selector: string): Found {
    const block = wrapper.findAll('.rt-block').find((b) => b.find(selector).exists());
    if (block === undefined) throw new Error(`no block with ${selector}`);
    return block.get('.rt-cards');
  }
  const terms = (dl: Found): string[] => dl.findAll('.rt-figure > dt').map((dt) => dt.text());

  it('三: a card per row, its total first, then 自然人, then the kinds of 法人或其他组织 under their heading', async () => {
    const { wrapper } = await open(reader.seed);
    const template = getTemplate('2019');
    const cards = cardsOf(wrapper, 'table.rt-requests').findAll('.rt-card');
    expect(cards.map((c) => c.get('.rt-card-title').text())).toEqual(requestRows(template).map((r) => zh(r.label)));
    const labels = template.requests.columns.map((c) => zh(c.label));
    for (const card of cards) {
      expect(card.get('.rt-card-head .rt-card-total-label').text()).toBe(zh('template.requests.columns.total'));
      const lists = card.findAll('dl.rt-card-figures');
      expect(lists.map(terms)).toEqual([[zh('template.requests.columns.natural_person')], labels.slice(1, -1)]);
      const heading = lists[1]?.element.previousElementSibling;
      expect(heading?.matches('p.rt-card-sub')).toBe(true);
      expect(heading?.textContent.trim()).toBe(zh('template.requests.groups.legal_person'));
      for (const dt of card.findAll('dt')) expect(dt.attributes('lang')).toBe('zh-Hans');
    }
    // The same figure as the table's cell.
    const table = wrapper.get('table.rt-requests');
    const cell = cellWith(table, idOf(table, zh('template.requests.rows.new_received')), idOf(table, zh('template.requests.columns.commercial')));
    const card = cards.find((c) => c.get('.rt-card-title').text() === zh('template.requests.rows.new_received'));
    const figure = card?.findAll('.rt-figure').find((f) => f.get('dt').text() === zh('template.requests.columns.commercial'));
    expect(figure?.get('dd').text()).toBe(cell?.text());
  });

  it('四: a card per group, its total first and across the card', async () => {
    const { wrapper } = await open(reader.seed);
    const template = getTemplate('2019');
    const cards = cardsOf(wrapper, 'table.rt-appeals').findAll('.rt-card');
    expect(cards.length).toBe(template.appeals.groups.length);
    for (const card of cards) {
      const figures = card.findAll('dl.rt-card-figures > .rt-figure');
      expect(figures.length).toBe(template.appeals.columns.length);
      expect(figures.map((f) => f.classes('rt-figure-total'))).toEqual(figures.map((_, i) => i === 0));
      expect(figures[0]?.get('dt').text()).toBe(zh('template.appeals.columns.total'));
    }
  });

  it('二: a card per row with a figure for each column the row has', async () => {
    const { wrapper } = await open(reader.seed);
    const rows = getTemplate('2019').active;
    const cards = wrapper.findAll('.rt-block').filter((b) => b.find('table:not(.rt-requests):not(.rt-appeals)').exists()).flatMap((b) => b.findAll('.rt-cards .rt-card'));
    expect(cards.map((c) => c.get('.rt-card-title').text())).toEqual(rows.map((r) => zh(r.label)));
    cards.forEach((card, i) => {
      expect(terms(card.get('dl.rt-card-figures'))).toEqual(rows[i]?.columns.map((c) => zh(c.label)));
    });
  });
});

describe('blank is not 0 (M1)', () => {
  it('shows a blank cell as an em dash labelled "not filled", a zero as 0, a missing cell as "not in the report"', async () => {
    const cells: ReportDocument['cells'] = { ...reader.seed.cells, 'requests.denied_1.commercial': null };
    delete cells['requests.denied_1.research'];
    const { wrapper } = await open({ ...reader.seed, cells });
    const table = wrapper.get('table.rt-requests');
    const row = idOf(table, zh('template.requests.rows.denied_1'));
    const blank = cellWith(table, row, idOf(table, zh('template.requests.columns.commercial')));
    expect(blank?.get('[aria-hidden="true"]').text()).toBe('—');
    expect(blank?.get('.sr-only').text()).toBe(zh('reader.cell.blank'));
    expect(blank?.text()).not.toContain('0');
    const zero = cellWith(table, row, idOf(table, zh('template.requests.columns.natural_person')));
    expect(zero?.text()).toBe('0');
    expect(zero?.find('.sr-only').exists()).toBe(false);
    const missing = cellWith(table, row, idOf(table, zh('template.requests.columns.research')));
    expect(missing?.get('.sr-only').text()).toBe(zh('reader.cell.absent'));
  });
});

describe("last year's figures", () => {
  it('shows them beside this year when the index has the same agency for year − 1', async () => {
    const previous: ReportDocument = {
      ...reader.seed,
      id: 'qingduo-2019',
      meta: { ...reader.seed.meta, year: 2019 },
      cells: { ...reader.seed.cells, 'requests.new_received.total': 12 },
    };
    const { wrapper } = await open(reader.seed, [previous]);
    expect(wrapper.get('.legend').text()).toContain('2019');
    const table = wrapper.get('table.rt-requests');
    const cell = cellWith(
      table,
      idOf(table, zh('template.requests.rows.new_received')),
      idOf(table, zh('template.requests.columns.total')),
    );
    expect(cell?.get('.now').text()).toBe('0');
    expect(cell?.get('.previous').text()).toContain('12');
  });

  it('shows none without such a report', async () => {
    const { wrapper } = await open(reader.seed);
    expect(wrapper.find('.legend').exists()).toBe(false);
    expect(wrapper.find('.previous').exists()).toBe(false);
  });
});
