/**
 * Bad input named by the issue: a .docx that is not a report, truncated files, a 50 MB file.
 * Each gives a clear one-line reason and exit status 2, and never a partial result on stdout.
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { readSharedBytes, sharedPath } from '../support/shared.ts';
import { lotho, tempFile } from './run.ts';


function expectExit2(result: { code: number; stdout: string; stderr: string }, code: string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toContain(`(${code})`);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

async function wordFile(paragraphs: string[]): Promise<Uint8Array> {
  const table = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('菜单')] }), new TableCell({ children: [new Paragraph('12')] })] })] });
  const doc = new Document({ sections: [{ children: [...paragraphs.map((p) => new Paragraph(p)), table] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('bad input: exit status 2 with one line', () => {
  it('a Word document that is not a report', async () => {
    const file = tempFile('minutes.docx', await wordFile(['会议纪要', '今天讨论了食堂菜单。']));
    expectExit2(await lotho(['import', file, '--format', 'cells']), 'not_a_report');
  });

  it('the blank 2021 template tables in Word are read, not refused: every cell blank, the agency needed', async () => {
    const result = await lotho(['import', sharedPath('corpus/raw/template_2021_from_govnianbao.docx'), '--format', 'cells']);
    expect(result.code).toBe(0);
    const cells = (JSON.parse(result.stdout) as { cells: Record<string, number | null> }).cells;
    expect(Object.keys(cells)).toHaveLength(200);
    expect(Object.values(cells).every((value) => value === null)).toBe(true);
    expect(result.stderr).toContain('(--agency)');
  });

  it('a truncated .docx', async () => {
    const whole = await wordFile(['某某乡人民政府', '2021年政府信息公开工作年度报告']);
    const file = tempFile('cut.docx', whole.slice(0, Math.floor(whole.length / 2)));
    expectExit2(await lotho(['import', file]), 'unreadable');
  });

  it('a truncated .pdf', async () => {
    const whole = readSharedBytes('corpus/raw/02_huaian_city_2024.pdf');
    const file = tempFile('cut.pdf', whole.subarray(0, 4000));
    expectExit2(await lotho(['check', file]), 'unreadable');
  });

  it('a 50 MB file is refused before it is read', async () => {
    const file = tempFile('huge.txt', '');
    truncateSync(file, 50 * 1024 * 1024); // sparse: no 50 MB written to disk
    const started = Date.now();
    const result = await lotho(['import', file]);
    expectExit2(result, 'too_large');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a text file cut in the middle of table 三 is imported but never called complete', async () => {
    const lines = ['某某乡人民政府', '2020年政府信息公开工作年度报告', '一、总体情况', '本年度工作正常开展。', '二、主动公开政府信息情况',
      '第二十条第（一）项', '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量', '规章', '0', '0', '0',
      '三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量', '1', '0', '0', '0', '0', '0', '1', '二、上年结转'];
    const file = tempFile('cut.txt', lines.join('\n'));
    writeFileSync(file, lines.join('\n'));
    const result = await lotho(['import', file, '--format', 'cells']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/不完整|incomplete/u);
    const cells = (JSON.parse(result.stdout) as { cells: Record<string, number | null> }).cells;
    expect(cells['requests.new_received.total']).toBe(1);
    expect('requests.carried_over.total' in cells).toBe(false);
  });
});

describe('a report that does not state its year: never exit 2', () => {
  const text = ['扎囊县阿扎乡人民政府政府信息公开工作年度报告', '一、总体情况', '本乡公开信息5条。', '二、主动公开政府信息情况', '第二十条第（一）项', '信息内容', '本年制发件数', '本年废止件数', '现行有效件数', '规章', '0', '0', '0', '行政规范性文件', '1', '0', '4'].join('\n');

  it('prints the cells with the year null, says to give --year, exits 1', async () => {
    const result = await lotho(['import', tempFile('undated.txt', text), '--format', 'cells']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ year: null, template: '2021', cells: { 'active.normative.in_force': 4 } });
    expect(result.stderr).toContain('(--year)');
  });

  it('takes --year and --agency: complete cells, exit 0', async () => {
    const result = await lotho(['import', tempFile('undated2.txt', text), '--format', 'cells', '--year', '2022', '--agency', '阿扎乡人民政府']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ year: 2022, agency: '阿扎乡人民政府' });
    const checked = await lotho(['check', tempFile('undated3.txt', text), '--year', '2022']);
    expect(checked.code).not.toBe(2);
  });

  it('refuses a --year that is not a report year as a usage error', async () => {
    expectExit2(await lotho(['import', tempFile('undated4.txt', text), '--year', '22']), 'usage');
  });
});
