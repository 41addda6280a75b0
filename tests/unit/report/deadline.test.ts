import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AT_RISK_DAYS, beijingDate, deadlineStatus, publicationDeadline, reportingYear } from '../../../src/report/deadline.ts';
import { ADMIN_LEVELS } from '../../../src/report/model.ts';
import { validate } from '../../../src/report/validate/index.ts';
import { blankReport } from '../../../src/report/factory.ts';

describe('the 条例第四十九条 deadline', () => {
  it('is 1月31日 of the next year for townships and departments, 3月31日 for county-level and higher governments', () => {
    expect(publicationDeadline('township', 2024)).toBe('2025-01-31');
    expect(publicationDeadline('department', 2024)).toBe('2025-01-31');
    expect(publicationDeadline('county', 2024)).toBe('2025-03-31');
    expect(publicationDeadline('city', 2024)).toBe('2025-03-31');
    expect(publicationDeadline('region', 2024)).toBe('2025-03-31');
  });

  it('counts Beijing dates: 23:30 on 31 January in Lhasa is on time, 00:30 on 1 February is late', () => {
    expect(beijingDate('2025-01-31T15:30:00.000Z')).toBe('2025-01-31');
    expect(beijingDate('2025-01-31T16:30:00.000Z')).toBe('2025-02-01');
    expect(deadlineStatus('township', 2024, beijingDate('2025-01-31T15:30:00.000Z'), '2025-03-01').late).toBe(false);
    expect(deadlineStatus('township', 2024, beijingDate('2025-01-31T16:30:00.000Z'), '2025-03-01').late).toBe(true);
  });

  it('crosses the year boundary without a jump: the 2025 reports are current from December 2025 to November 2026', () => {
    expect(reportingYear(beijingDate('2025-11-30T15:59:59.000Z'))).toBe(2024);
    expect(reportingYear(beijingDate('2025-11-30T16:00:00.000Z'))).toBe(2025);
    expect(reportingYear(beijingDate('2025-12-31T16:00:00.000Z'))).toBe(2025);
    expect(reportingYear('2026-11-30')).toBe(2025);
    expect(deadlineStatus('township', 2025, undefined, '2025-12-31')).toEqual({ deadline: '2026-01-31', late: false, atRisk: false, daysLeft: 31 });
    expect(deadlineStatus('township', 2025, undefined, '2026-01-01')).toEqual({ deadline: '2026-01-31', late: false, atRisk: false, daysLeft: 30 });
  });

  it('puts an unpublished report at risk for the last 7 days, the deadline day included, then late', () => {
    expect(deadlineStatus('township', 2024, undefined, '2025-01-23')).toMatchObject({ atRisk: false, late: false, daysLeft: 8 });
    expect(deadlineStatus('township', 2024, undefined, '2025-01-24')).toMatchObject({ atRisk: true, late: false, daysLeft: AT_RISK_DAYS });
    expect(deadlineStatus('township', 2024, undefined, '2025-01-31')).toMatchObject({ atRisk: true, late: false, daysLeft: 0 });
    expect(deadlineStatus('township', 2024, undefined, '2025-02-01')).toMatchObject({ atRisk: false, late: true, daysLeft: -1 });
  });

  it('gives a county government until 3月31日, also in a leap year (29 February counts)', () => {
    expect(deadlineStatus('county', 2023, undefined, '2024-03-24')).toMatchObject({ atRisk: true, daysLeft: 7 });
    expect(deadlineStatus('county', 2023, undefined, '2024-02-29')).toMatchObject({ atRisk: false, daysLeft: 31 });
    expect(deadlineStatus('county', 2023, '2024-03-31', '2024-06-01')).toMatchObject({ late: false, atRisk: false });
    expect(deadlineStatus('county', 2023, '2024-04-01', '2024-06-01')).toMatchObject({ late: true });
  });

  it('never calls a published report at risk, and a report is never both late and at risk', () => {
    const date = fc.date({ min: new Date('2019-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom(...ADMIN_LEVELS), fc.integer({ min: 2019, max: 2029 }), fc.option(date, { nil: undefined }), date, (level, year, published, today) => {
        const status = deadlineStatus(level, year, published, today);
        expect(status.late && status.atRisk).toBe(false);
        if (published !== undefined) expect(status.atRisk).toBe(false);
      }),
    );
  });

  it('is the deadline the validator’s D4 uses', () => {
    const report = blankReport({ id: 't-2024', template: '2021', year: 2024, agencyZh: '甲镇人民政府', level: 'township', fill: 0 });
    report.meta.publishedOn = '2025-02-01';
    expect(validate(report).find((f) => f.rule === 'D4')?.params).toEqual({ publishedOn: '2025-02-01', deadline: publicationDeadline('township', 2024) });
    report.meta.level = 'county';
    expect(validate(report).some((f) => f.rule === 'D4')).toBe(false);
  });
});
