import { describe, expect, it } from 'vitest';
import { blankReport } from '../../../src/report/factory.ts';
import { keyFigureCells, keyFigures } from '../../../src/report/key-figures.ts';
import { getTemplate } from '../../../src/report/templates/index.ts';
import { reportTables } from '../../../src/report/tables/index.ts';

describe('key figures', () => {
  it('name cells of each template', () => {
    for (const id of ['2019', '2021'] as const) {
      const keys = new Set(reportTables(getTemplate(id)).order);
      for (const cells of Object.values(keyFigureCells(id))) for (const cell of cells) expect(keys.has(cell), `${id} ${cell}`).toBe(true);
    }
  });

  it('add up the cells: lawsuits direct + after review, disclosed rules + normative documents', () => {
    const report = blankReport({ id: 'a-2021', template: '2021', year: 2021, agencyZh: '甲', level: 'township', fill: 0 });
    Object.assign(report.cells, {
      'requests.new_received.total': 12,
      'requests.results_total.total': 11,
      'appeals.review.total': 2,
      'appeals.litigation_direct.total': 1,
      'appeals.litigation_after_review.total': 3,
      'active.rules.issued': 0,
      'active.normative.issued': 5,
    });
    expect(keyFigures(report)).toEqual({ received: 12, results: 11, review: 2, lawsuits: 4, disclosed: 5 });
    const old = blankReport({ id: 'a-2019', template: '2019', year: 2019, agencyZh: '甲', level: 'township', fill: 0 });
    old.cells['active.normative.published'] = 7;
    expect(keyFigures(old).disclosed).toBe(7);
  });

  it('are blank (null) when a cell they add is blank or absent: blank is not 0', () => {
    const report = blankReport({ id: 'a-2021', template: '2021', year: 2021, agencyZh: '甲', level: 'township', fill: 0 });
    report.cells['appeals.litigation_after_review.total'] = null;
    delete report.cells['requests.new_received.total'];
    expect(keyFigures(report)).toMatchObject({ received: null, lawsuits: null, review: 0 });
  });
});
