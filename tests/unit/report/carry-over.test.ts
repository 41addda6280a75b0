import { describe, expect, it } from 'vitest';
import { nextYearDraft, templateForYear } from '../../../src/report/carry-over.ts';
import { blankReport } from '../../../src/report/factory.ts';
import type { ReportDocument } from '../../../src/report/model.ts';
import { parseReportJson } from '../../../src/report/schema.ts';
import { validate } from '../../../src/report/validate/index.ts';

const agency = { zh: '波密县倾多镇人民政府', bo: 'སྤོ་མེས་རྫོང་།' };

function previous(template: '2019' | '2021', year: number): ReportDocument {
  const doc = blankReport({ id: `qd-${year}`, template, year, agencyZh: agency.zh, level: 'township', fill: 0 });
  for (const column of ['natural_person', 'total']) doc.cells[`requests.carry_forward.${column}`] = 4;
  doc.meta.address = '倾多镇';
  doc.meta.phone = '0894-0000000';
  doc.meta.period = { start: `${year}-01-01`, end: `${year}-12-31` };
  doc.meta.publishedOn = `${year + 1}-01-20`;
  doc.sections.overview = { zh: '去年的概述', bo: 'ན་ནིང་གི་སྤྱི་བཤད།', original: 'zh', translationReviewed: true };
  return doc;
}

describe('nextYearDraft', () => {
  it('carries 四、结转 into 二、上年结转 and leaves the rest of the year blank', () => {
    const draft = nextYearDraft(previous('2021', 2023), { id: 'qd-2024', agency, level: 'township' });
    expect(draft.id).toBe('qd-2024');
    expect(draft.meta).toMatchObject({ year: 2024, template: '2021', agency, level: 'township', address: '倾多镇', phone: '0894-0000000' });
    expect(draft.meta.period).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(draft.meta.publishedOn).toBeUndefined();
    expect(draft.meta.notice).toMatch(/2021/);
    expect(draft.cells['requests.carried_over.natural_person']).toBe(4);
    expect(draft.cells['requests.carried_over.total']).toBe(4);
    expect(draft.cells['requests.carried_over.commercial']).toBe(0);
    expect(draft.cells['requests.new_received.total']).toBeNull();
    expect(draft.cells['requests.carry_forward.total']).toBeNull();
    expect(draft.sections.overview?.zh).toBe('去年的概述');
    // It is a valid report, and C1 holds against the year before.
    const parsed = parseReportJson(JSON.stringify(draft));
    expect(validate(parsed, { previous: previous('2021', 2023) }).filter((f) => f.rule === 'C1')).toEqual([]);
  });

  it('starts the 2021 现行有效件数 from last year\'s, so C2 holds until 制发/废止 are filled', () => {
    const last = previous('2021', 2023);
    last.cells['active.rules.in_force'] = 12;
    last.cells['active.normative.in_force'] = 30;
    const draft = nextYearDraft(last, { id: 'qd-2024', agency, level: 'township' });
    expect(draft.cells['active.rules.in_force']).toBe(12);
    expect(draft.cells['active.normative.in_force']).toBe(30);
    expect(draft.cells['active.rules.issued']).toBeNull();
  });

  it('moves to the 2021 template for 2021 and carries C3\'s 上一年项目数量 within 2019', () => {
    expect(templateForYear(2021, '2019')).toBe('2021');
    expect(templateForYear(2020, '2019')).toBe('2019');
    const switched = nextYearDraft(previous('2019', 2020), { id: 'qd-2021', agency, level: 'township' });
    expect(switched.meta.template).toBe('2021');
    expect(switched.cells['requests.carried_over.total']).toBe(4);

    const last = previous('2019', 2019);
    last.cells['active.licensing.previous'] = 10;
    last.cells['active.licensing.change'] = -2;
    const draft = nextYearDraft(last, { id: 'qd-2020', agency, level: 'township' });
    expect(draft.meta.template).toBe('2019');
    expect(draft.cells['active.licensing.previous']).toBe(8);
  });
});
