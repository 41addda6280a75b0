import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { blankReport } from '../../src/report/factory.ts';
import { toReportJson } from '../../src/report/export/index.ts';
import { parseReportJson } from '../../src/report/schema.ts';
import type { ReportDocument } from '../../src/report/model.ts';
import { getTemplate } from '../../src/report/templates/index.ts';
import { reportTables } from '../../src/report/tables/index.ts';
import { sharedPath } from '../support/shared.ts';
import { capture, lotho, ROOT, tempFile } from './run.ts';

function zeros(): ReportDocument {
  return blankReport({ id: 'cli', template: '2019', year: 2020, agencyZh: '波密县倾多镇人民政府', level: 'township', fill: 0 });
}

/** Exit status 2: one line on stderr that starts with `lotho:`, nothing on stdout, no stack. */
function expectUnusable(result: { code: number; stdout: string; stderr: string }, code: string): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^lotho: /);
  expect(result.stderr).toContain(`(${code})`);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('lotho import', () => {
  it('imports the seed as cells: 2019 template, 2020, every cell 0', async () => {
    const { code, stdout, stderr } = await lotho(['import', sharedPath('corpus/000_bb513833b144f186.txt'), '--format', 'cells']);
    expect(code, stderr).toBe(0);
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(stdout.startsWith('{"template":"2019","year":2020,"agency":"波密县倾多镇人民政府","cells":{')).toBe(true);
    const parsed = JSON.parse(stdout) as { cells: Record<string, number | null> };
    expect(Object.keys(parsed.cells)).toEqual(reportTables(getTemplate('2019')).order);
    expect(Object.values(parsed.cells).every((v) => v === 0)).toBe(true);
  });

  it('prints a report JSON file back as the same report (default format json)', async () => {
    const report = zeros();
    report.cells['active.procurement.amount'] = 8040;
    report.units['active.procurement.amount'] = '元';
    const file = tempFile('report.json', toReportJson(report));
    const { code, stdout, stderr } = await lotho(['import', file]);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${toReportJson(report)}\n`);
    expect(parseReportJson(stdout)).toEqual(report);
  });

  it('prints Markdown in either language', async () => {
    const file = tempFile('md.json', toReportJson(zeros()));
    const zh = await lotho(['import', file, '--format', 'md']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('# 波密县倾多镇人民政府2020年政府信息公开工作年度报告');
    expect(zh.stdout).toContain('| 行政复议 · 结果维持 |');
    const bo = await lotho(['import', file, '--format', 'md', '--lang', 'bo']);
    expect(bo.code).toBe(0);
    expect(bo.stdout).toContain('2020ལོའི་སྲིད་གཞུང་གི་ཆ་འཕྲིན་ཁ་ཕྱེ་བའི་ལས་དོན་ལོ་འཁོར་སྙན་ཞུ།');
  });

  it('says on stderr what an incomplete import is missing, keeping stdout clean JSON', async () => {
    const file = tempFile(
      'partial.txt',
      ['某某乡人民政府', '2020年政府信息公开工作年度报告', '一、总体情况', '2020年，本乡推进政府信息公开工作。'].join('\n'),
    );
    const { code, stdout, stderr } = await lotho(['import', file, '--format', 'cells']);
    expect(code, stderr).toBe(0);
    expect(() => JSON.parse(stdout) as unknown).not.toThrow();
    expect(stderr).toMatch(/^lotho: 导入不完整/);
    expect(stderr).toContain('未找到的表格');
  });
});

describe('lotho check', () => {
  it('exits 0 when no finding is an error', async () => {
    const file = tempFile('ok.json', toReportJson(zeros()));
    const { code, stdout, stderr } = await lotho(['check', file, '--format', 'json']);
    expect(code, stderr).toBe(0);
    const out = JSON.parse(stdout) as { findings: { severity: string }[] };
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('exits 1 on a broken R4 total and reports it in both formats', async () => {
    const report = zeros();
    report.cells['appeals.review.upheld'] = 3;
    const file = tempFile('r4.json', toReportJson(report));

    const json = await lotho(['check', file, '--format', 'json']);
    expect(json.code, json.stderr).toBe(1);
    expect(json.stdout.trimEnd().split('\n')).toHaveLength(1);
    const out = JSON.parse(json.stdout) as {
      findings: { rule: string; severity: string; cells: string[]; message: { zh: string; bo: string } }[];
    };
    const r4 = out.findings.find((f) => f.rule === 'R4');
    expect(r4).toBeDefined();
    expect(Object.keys(r4 ?? {})).toEqual(['rule', 'severity', 'cells', 'message']);
    expect(r4?.severity).toBe('error');
    expect(r4?.cells).toContain('appeals.review.total');
    expect(r4?.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r4?.message.bo).toMatch(/[\u0f00-\u0fff]/);

    const text = await lotho(['check', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^R4 error \S*appeals\.review\.total\S*: \S/m);
    const bo = await lotho(['check', file, '--lang', 'bo']);
    expect(bo.stdout).toMatch(/^R4 error \S+: .*[\u0f00-\u0fff]/m);
  });

  it('checks against the previous year with --previous (C1)', async () => {
    const previous = zeros();
    previous.meta.year = 2019;
    previous.cells['requests.carry_forward.natural_person'] = 2;
    previous.cells['requests.carry_forward.total'] = 2;
    previous.cells['requests.new_received.natural_person'] = 2;
    previous.cells['requests.new_received.total'] = 2;
    const prevFile = tempFile('prev.json', toReportJson(previous));
    const file = tempFile('cur.json', toReportJson(zeros()));
    const { stdout } = await lotho(['check', file, '--previous', prevFile, '--format', 'json']);
    const out = JSON.parse(stdout) as { findings: { rule: string }[] };
    expect(out.findings.map((f) => f.rule)).toContain('C1');
  });

  it('says on stderr that an incomplete import was checked as found', async () => {
    const file = tempFile('partial-check.txt', ['某某乡人民政府', '2020年政府信息公开工作年度报告', '一、总体情况', '无。'].join('\n'));
    const { code, stderr } = await lotho(['check', file]);
    expect(code).toBeLessThan(2);
    expect(stderr).toMatch(/^lotho: 导入不完整，只检查了已找到的内容/);
  });
});

describe('exit status 2: one line, nothing on stdout', () => {
  it('empty file', async () => {
    expectUnusable(await lotho(['check', tempFile('empty.txt', '')]), 'empty');
  });

  it('binary junk', async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expectUnusable(await lotho(['import', tempFile('junk.bin', junk)]), 'binary');
  });

  it('a JSON file that is not a report', async () => {
    const result = await lotho(['check', tempFile('other.json', '{"name":"lotho","version":"0.1.0"}')]);
    expectUnusable(result, 'not_a_report');
    expect(result.stderr).toContain('missing key schema');
  });

  it('missing file, folder', async () => {
    expectUnusable(await lotho(['check', '/nonexistent/report.txt']), 'file_not_found');
    expectUnusable(await lotho(['check', 'tests']), 'not_a_file');
    // A folder is a bulk import, which needs to know whose reports they are.
    expectUnusable(await lotho(['import', 'tests']), 'usage');
  });

  it('unreadable --previous', async () => {
    const file = tempFile('ok2.json', toReportJson(zeros()));
    const result = await lotho(['check', file, '--previous', '/nonexistent/prev.json']);
    expectUnusable(result, 'file_not_found');
    expect(result.stderr).toContain('--previous');
  });

  it('unknown flag, unknown command, bad values, no file', async () => {
    const file = tempFile('ok3.json', toReportJson(zeros()));
    expectUnusable(await lotho(['check', file, '--frobnicate']), 'usage');
    expectUnusable(await lotho(['import', file, '--previous', file]), 'usage');
    expectUnusable(await lotho(['convert', file]), 'usage');
    expectUnusable(await lotho(['import', file, '--format', 'xml']), 'usage');
    expectUnusable(await lotho(['check', file, '--lang', 'en']), 'usage');
    expectUnusable(await lotho(['check']), 'usage');
    expectUnusable(await lotho([]), 'usage');
  });
});

describe('lotho --help, help COMMAND, --version', () => {
  it('prints the whole usage and exits 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const io = capture();
      expect(await run(args, io)).toBe(0);
      expect(io.out).toContain('lotho import FILE');
      expect(io.out).toContain('lotho check FILE');
      expect(io.out).toContain('lotho user add');
    }
  });

  it("prints one command's part for help COMMAND and COMMAND --help", async () => {
    for (const args of [['help', 'check'], ['check', '--help'], ['check', 'x.txt', '-h']]) {
      const io = capture();
      expect(await run(args, io), args.join(' ')).toBe(0);
      expect(io.out).toContain('lotho check FILE');
      expect(io.out).toContain('--previous');
      expect(io.out).not.toContain('lotho import FILE');
      expect(io.out).toMatch(/退出状态 \(exit status\)/u);
    }
    const user = capture();
    expect(await run(['user', '--help'], user)).toBe(0);
    expect(user.out).toContain('lotho user add --username NAME');
    expect(user.out).toContain('lotho user list');
    expect(user.out).toContain('never an argument');
    expect(user.out).not.toContain('lotho agency');
  });

  it('refuses help for a command that does not exist', async () => {
    const io = capture();
    expect(await run(['help', 'frobnicate'], io)).toBe(2);
    expect(io.err).toMatch(/^lotho: .*no command frobnicate/u);
  });

  it('prints its version and the Node it runs on, from the compiled bin too', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await lotho(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`lotho ${pkg.version} (Node ${process.version})\n`);
  });
});
