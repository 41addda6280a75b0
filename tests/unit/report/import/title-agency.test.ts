/**
 * The agency a title names, on real pages (tests/fixtures/real) where portal furniture sits
 * around the title: a label before it (栏目: / 名 称:), a date and a button's text glued to it, a
 * portal menu's bare 政府信息公开年报 above the real title, the question marks of lost characters
 * between the agency and a bare title, the year split onto the agency's line, and a title printed
 * only in the portal's 标题 line. Each value is the name as that page prints it in its title; a
 * short form (国资委, 甘南州) is read but not taken: the agency is asked for, the note names it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agencyNameDoubt } from '../../../../src/report/agency-name.ts';
import { importText } from '../../../../src/report/import/index.ts';
import { REAL_CORPUS } from '../../../support/real-corpus.ts';

describe('the agency of a title among portal furniture', () => {
  it.each([
    ['gh-pingtan-2021', '栏目: 政府信息公开年报 is a label, the title is the 标题: line', '平潭综合实验区', 2021],
    ['xz-ali-diqu-2020', 'the 名 称: label before the title is not part of the agency', '阿里地区', 2020],
    ['xz-gannan-minwei-2020', 'a date and 导出word glued to the first title: the clean one below is taken', '甘南州民族事务委员会', 2020],
    ['xz-lintan-yangsha-2022', 'a menu item 政府信息公开年报 above the real title', '羊沙镇', 2022],
    ['xz-xizang-bangongting-2023-big5', '?? lines between the agency and the bare title', '西藏自治区人民政府办公厅', 2023],
    ['xz-xizang-guoziwei-2023', 'the year on the agency line, a blank line before 信息公开工作报告', '西藏自治区政府国资委', 2023],
    ['xz-xizang-shenjiting-2025', 'the title whole only in the portal 标题 line', '西藏自治区审计厅', 2025],
  ])('%s: %s', (id, _, agency, year) => {
    const { report, importReport } = importText(readFileSync(join(REAL_CORPUS, id, 'source.txt'), 'utf8'));
    const notTaken = importReport.notes.find((note) => note.code === 'agency_not_taken');
    if (agencyNameDoubt(agency) === undefined) {
      expect(report.meta.agency.zh).toBe(agency);
      expect(importReport.needs).not.toContain('agency');
    } else {
      expect(notTaken?.params.found).toBe(agency);
      expect(report.meta.agency.zh).toBe('');
      expect(importReport.needs).toContain('agency');
    }
    expect(report.meta.year).toBe(year);
  });
});
