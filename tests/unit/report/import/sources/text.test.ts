import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pipeCells, textToLines } from '../../../../../src/report/import/sources/text.ts';

describe('textToLines', () => {
  it('keeps leading tabs and spaces, blank lines and tab-only lines as printed', () => {
    const lines = textToLines('    二、主动公开政府信息情况\n\t规章\n\t\n\n\t0\n');
    expect(lines).toEqual([
      { text: '    二、主动公开政府信息情况' },
      { text: '\t规章' },
      { text: '\t' },
      { text: '' },
      { text: '\t0' },
    ]);
  });

  it('normalises CRLF and lone CR to LF', () => {
    expect(textToLines('a\r\nb\rc').map((l) => l.text)).toEqual(['a', 'b', 'c']);
  });

  it('gives cells to framed pipe rows, keeping inner blanks (corpus 05)', () => {
    const lines = textToLines(
      ['| 第二十条第(一)项 | |||', '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | ', '| 规章 | 0 | 0 | 0 | '].join('\n'),
    );
    expect(lines.map((l) => l.cells)).toEqual([
      ['第二十条第(一)项', '', '', ''],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'],
    ]);
    expect(lines[2]?.text).toBe('| 规章 | 0 | 0 | 0 | ');
  });

  it('handles rows without a leading pipe and padding cells (corpus 06, 14)', () => {
    expect(textToLines('规范性文件 | 11 | ||')[0]?.cells).toEqual(['规范性文件', '11', '', '']);
    expect(textToLines('规章 | |||')[0]?.cells).toEqual(['规章', '', '', '']);
    expect(textToLines('信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 | |')[0]?.cells).toEqual([
      '信息内容', '本年新 制作数量', '本年新 公开数量', '对外公开总数量', '',
    ]);
  });

  it('drops markdown separator rows but keeps a dash line without pipes', () => {
    const lines = textToLines('| 项目 | 数量 |\n|---|:--:|\n| 规章 | 1 |\n---');
    expect(lines.map((l) => l.text)).toEqual(['| 项目 | 数量 |', '| 规章 | 1 |', '---']);
  });

  it('does not treat a line with one pipe as a row', () => {
    expect(textToLines('标题 | 西藏')[0]).toEqual({ text: '标题 | 西藏' });
  });

  it('round-trips any framed row of cells (property)', () => {
    const cell = fc.string({ maxLength: 8 }).map((s) => s.replace(/[|\r\n]/g, '').trim());
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 16 }), (cells) => {
        expect(pipeCells(`| ${cells.join(' | ')} |`)).toEqual(cells);
      }),
    );
  });
});
