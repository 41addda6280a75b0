import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { toReportJson } from '../../src/report/export/index.ts';
import { importFile } from '../../src/report/import/index.ts';
import { seedLike } from '../unit/report/export/reports.ts';
import { lotho, tempFile } from './run.ts';

/** Exit status 2: one line on stderr that starts with `lotho:`, nothing on stdout. */
function expectUnusable(result: { code: number; stdout: string; stderr: string }, code: string): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^lotho: /);
  expect(result.stderr).toContain(`(${code})`);
}

describe('lotho import --format html|docx', () => {
  const report = seedLike('2021');
  const input = tempFile('export-input.json', toReportJson(report));

  it('prints an HTML fragment that imports back to the same cells', async () => {
    const { code, stdout, stderr } = await lotho(['import', input, '--format', 'html']);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.startsWith('<section lang="zh-Hans">\n<h2>波密县倾多镇人民政府2022年政府信息公开工作年度报告</h2>')).toBe(true);
    const back = await importFile(new TextEncoder().encode(stdout), 'out.html');
    expect(back.report.cells).toEqual(report.cells);
  });

  it('prints the fragment in Tibetan with --lang bo', async () => {
    const { code, stdout } = await lotho(['import', input, '--format', 'html', '--lang', 'bo']);
    expect(code).toBe(0);
    expect(stdout.startsWith('<section lang="bo">')).toBe(true);
  });

  it('writes a .docx with --out that imports back to the same cells and template', async () => {
    const out = tempFile('export-out.docx', '');
    const { code, stdout, stderr } = await lotho(['import', input, '--format', 'docx', '--out', out]);
    expect(code, stderr).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('');
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const back = await importFile(new Uint8Array(bytes), 'out.docx');
    expect(back.report.meta.template).toBe('2021');
    expect(back.report.cells).toEqual(report.cells);
    expect(back.complete).toBe(true);
  });

  it('embeds the Tibetan font, cut to the letters used, in a Tibetan .docx', async () => {
    const out = tempFile('export-out-bo.docx', '');
    const { code, stderr } = await lotho(['import', input, '--format', 'docx', '--lang', 'bo', '--out', out]);
    expect(code, stderr).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const fonts = Object.keys(zip.files).filter((name) => name.endsWith('.odttf'));
    expect(fonts).toHaveLength(1);
    const font = (await zip.file(fonts[0] ?? '')?.async('uint8array')) ?? new Uint8Array();
    // A subset: far smaller than the whole font's outlines, which take 700 KB as TrueType.
    expect(font.byteLength).toBeGreaterThan(10_000);
    expect(font.byteLength).toBeLessThan(400_000);
    expect(await zip.file('word/fontTable.xml')?.async('string')).toMatch(/<w:font w:name="Noto Serif Tibetan">.*<w:embedRegular r:id="rId1" w:fontKey="\{[0-9A-F-]{36}\}"\/>/su);
  });

  it('refuses --format docx without --out: exit 2, one line, nothing written to the terminal', async () => {
    const result = await lotho(['import', input, '--format', 'docx']);
    expectUnusable(result, 'usage');
    expect(result.stderr).toContain('--out');
  });

  it('writes any format to --out, and says so in one line when it cannot', async () => {
    const out = tempFile('export-out.html', '');
    const ok = await lotho(['import', input, '--format', 'html', '-o', out]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('');
    expect(readFileSync(out, 'utf8').startsWith('<section lang="zh-Hans">')).toBe(true);
    const missing = join(out, 'no-such-dir', 'x.docx');
    const failed = await lotho(['import', input, '--format', 'docx', '--out', missing]);
    expectUnusable(failed, 'file_not_found');
    expect(failed.stderr).toContain('--out');
    expect(existsSync(missing)).toBe(false);
  });
});
