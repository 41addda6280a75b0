/** The rule table and its messages in zh-CN and bo. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textIn } from '../../../../src/report/factory.ts';
import { ZH_MESSAGES, type MessageTree } from '../../../../src/report/labels.ts';
import type { ReportDocument } from '../../../../src/report/model.ts';
import {
  describeFinding,
  getRule,
  ruleTitle,
  RULES,
  validate,
  type Finding,
  type RuleId,
} from '../../../../src/report/validate/index.ts';
import { setAppealGroup, setRequestRow, setSection, zeroReport } from './helpers.ts';

const BO_MESSAGES = JSON.parse(readFileSync(new URL('../../../../locales/bo.json', import.meta.url), 'utf8')) as MessageTree;

const RULE_IDS: RuleId[] = [
  'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'C1', 'C2', 'C3', 'C4', 'C5',
  'X1', 'X2', 'X3', 'X4', 'X5', 'D1', 'D2', 'D3', 'D4', 'M1',
];

describe('RULES table', () => {
  it('has one entry per rule id, in rule-id order', () => {
    expect(RULES.map((r) => r.id)).toEqual(RULE_IDS);
  });

  it('makes table arithmetic and C1 errors, everything else warnings', () => {
    const errors = RULES.filter((r) => r.severity === 'error').map((r) => r.id);
    expect(errors).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'C1']);
  });

  it('documents C5 and D2 without enforcing them', () => {
    expect(RULES.filter((r) => !r.enforced).map((r) => r.id)).toEqual(['C5', 'D2']);
    expect(getRule('C5').kind).toBe('cross-year');
    expect(getRule('D2').kind).toBe('plausibility');
    expect(getRule('M1').kind).toBe('blank');
    expect(getRule('X1').kind).toBe('prose');
  });
});

/** Reports that, between them, trip every enforced rule. */
function failingReports(): { report: ReportDocument; previous?: ReportDocument }[] {
  const previous = zeroReport('2021', { year: 2023 });
  previous.cells['active.rules.in_force'] = 4;
  const report = zeroReport('2021', { year: 2024, level: 'county' });
  setRequestRow(report, 'granted', [1, 0, 0, 0, 0, 0, 2]); // R1, R2, R3
  setRequestRow(report, 'carried_over', [1, 0, 0, 0, 0, 0, 1]); // C1
  setAppealGroup(report, 'review', [1, 0, 0, 0, 0]); // R4
  report.cells['requests.denied_1.research'] = -1; // R5
  setRequestRow(report, 'other_handling', [0, 0, 0, 0, 0, 0, 5]); // R6
  report.cells['appeals.litigation_direct.pending'] = null; // M1
  Object.assign(report.cells, { 'active.rules.issued': 1, 'active.rules.in_force': 9 }); // C2, D1
  report.meta = { ...report.meta, period: { start: '2023-01-01', end: '2023-12-31' }, declaredParts: 4 }; // X2, X4
  report.meta.notice = '国办公开办函〔2019〕60号'; // D3
  report.meta.publishedOn = '2025-05-01'; // D4
  setSection(report, 'overview', '受理申请 40 件。主动公开信息19条，其中推送35条。'); // X1, X3
  report.sections.other = textIn('zh', '无。'); // X5
  const old = zeroReport('2019', { year: 2020 });
  Object.assign(old.cells, { 'active.licensing.previous': 3, 'active.normative.published': 2 }); // C3, C4
  return [{ report, previous }, { report: old, previous: zeroReport('2019', { year: 2019 }) }];
}

function allFindings(): Finding[] {
  return failingReports().flatMap(({ report, previous }) => validate(report, previous ? { previous } : {}));
}

describe('messages', () => {
  it('every rule has a title and a message in zh-CN and bo, in plain vue-i18n-safe text', () => {
    for (const messages of [ZH_MESSAGES, BO_MESSAGES]) {
      for (const id of RULE_IDS) {
        const title = ruleTitle(id, messages);
        const message = describeFinding({ rule: id, severity: 'warning', cells: [], params: {} }, messages);
        expect(title).not.toBe(id);
        expect(message).not.toBe(id);
        for (const text of [title, message]) {
          expect(text).not.toMatch(/[|@$]/);
          expect(text.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
        }
      }
    }
  });

  it('Tibetan messages end with a shad and use Tibetan script', () => {
    for (const id of RULE_IDS) {
      const message = describeFinding({ rule: id, severity: 'warning', cells: [], params: {} }, BO_MESSAGES);
      expect(message).toMatch(/[\u0F00-\u0FFF]/);
      expect(message.trim().endsWith('།')).toBe(true);
    }
  });

  it('fixtures trip every enforced rule', () => {
    const seen = new Set(allFindings().map((f) => f.rule));
    expect([...seen].sort()).toEqual(RULES.filter((r) => r.enforced).map((r) => r.id).sort());
  });

  it('every placeholder of every finding message is filled, in both languages', () => {
    for (const finding of allFindings()) {
      for (const messages of [ZH_MESSAGES, BO_MESSAGES]) {
        expect(describeFinding(finding, messages), finding.rule).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('describes a finding, and falls back to the rule id when the message is missing', () => {
    const finding: Finding = { rule: 'X4', severity: 'warning', cells: [], params: { declared: 4, actual: 6 } };
    expect(describeFinding(finding, ZH_MESSAGES)).toBe('引言称本报告包括 4 个部分，实际有 6 个部分。');
    expect(describeFinding(finding, {})).toBe('X4');
    expect(ruleTitle('X4', {})).toBe('X4');
  });
});

describe('describeFinding with the template: labels instead of codes', () => {
  it('names cells, rows, columns and levels in each language', async () => {
    const { validate } = await import('../../../../src/report/validate/index.ts');
    const { blankReport } = await import('../../../../src/report/factory.ts');
    const report = blankReport({ id: 'x', template: '2019', year: 2020, agencyZh: '某某镇人民政府', level: 'township', fill: 0 });
    report.cells['requests.denied_1.total'] = 3;
    report.cells['active.rules.made'] = 1;
    report.cells['active.rules.total'] = 1;
    report.cells['active.rules.published'] = null;
    const findings = validate(report);
    const r1 = findings.find((f) => f.rule === 'R1');
    const d1 = findings.find((f) => f.rule === 'D1');
    const m1 = findings.find((f) => f.rule === 'M1');
    if (r1 === undefined || d1 === undefined || m1 === undefined) throw new Error('expected R1, D1 and M1');
    expect(describeFinding(r1, ZH_MESSAGES, '2019')).toContain('（三）不予公开 · 1.属于国家秘密 · 总计');
    expect(describeFinding(r1, ZH_MESSAGES, '2019')).not.toContain('requests.denied_1');
    expect(describeFinding(d1, ZH_MESSAGES, '2019')).toContain('乡镇');
    expect(describeFinding(m1, ZH_MESSAGES, '2019')).toContain('规章');
    const bo = describeFinding(r1, BO_MESSAGES, '2019');
    expect(bo).toMatch(/[\u0F00-\u0FFF]/u);
    expect(bo).not.toContain('requests.denied_1');
    // Without the template the codes stay, as before.
    expect(describeFinding(r1, ZH_MESSAGES)).toContain('requests.denied_1.total');
  });
});
