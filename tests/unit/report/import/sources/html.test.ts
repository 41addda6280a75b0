import { describe, expect, it } from 'vitest';
import { htmlToLines } from '../../../../../src/report/import/sources/html.ts';

const TABLE = `<!DOCTYPE html>
<html><head><title>门户标题</title><style>td { color: red }</style><script>var x = "<td>1</td>";</script></head>
<body>
<nav>首页 &gt; 政府信息公开</nav>
<h2>二、主动公开政府信息情况</h2>
<table border="1">
  <tr><td colspan="4">第二十条第（一）项</td></tr>
  <tr><th>信息内容</th><th>本年新<br>制作数量</th><th><p>本年新</p><p>公开数量</p></th><th>对外公开
      总数量</th></tr>
  <tr><td>规章</td><td colspan="2">&nbsp;3&nbsp;</td><td>&nbsp;</td></tr>
  <tr><td rowspan="2">行政许可</td><td>5</td><td></td><td>&#12288;</td></tr>
  <tr><td>6</td><td>7</td><td>8</td></tr>
</table>
<p>三、收到和处理<b>政府信息</b>公开申请情况</p>
<script>document.write('<p>noise</p>')</script>
</body></html>`;

describe('htmlToLines', () => {
  const lines = htmlToLines(TABLE);

  it('drops head, title, style, script and nav', () => {
    const all = lines.map((l) => l.text).join('\n');
    expect(all).not.toMatch(/门户标题|color|var x|noise|首页/);
  });

  it('breaks lines at blocks, not at inline elements', () => {
    expect(lines[0]).toEqual({ text: '二、主动公开政府信息情况' });
    expect(lines[lines.length - 1]).toEqual({ text: '三、收到和处理政府信息公开申请情况' });
  });

  it('reads each row as cells, without expanding colspan or rowspan', () => {
    expect(lines.slice(1, -1).map((l) => l.cells)).toEqual([
      ['第二十条第（一）项'],
      ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开 总数量'],
      ['规章', '3', ''],
      ['行政许可', '5', '', ''],
      ['6', '7', '8'],
    ]);
  });

  it('joins the cells with a tab in text', () => {
    expect(lines[3]?.text).toBe('规章\t3\t');
  });

  it('flattens a page-layout table around the report in document order', () => {
    const html = `<table><tr><td class="nav">栏目</td><td>
      <p>一、总体情况</p><p>本年度……</p>
      <table><tr><td>规章</td><td>1</td></tr></table>
      <p>五、存在的主要问题</p></td></tr></table>`;
    expect(htmlToLines(html)).toEqual([
      { text: '栏目' },
      { text: '一、总体情况' },
      { text: '本年度……' },
      { text: '规章\t1', cells: ['规章', '1'] },
      { text: '五、存在的主要问题' },
    ]);
  });

  it('treats a cell of long running text as layout, not as one value', () => {
    const para = '<p>' + '政府信息公开工作'.repeat(10) + '</p>';
    const lines = htmlToLines(`<table><tr><td>${para}${para}${para}</td></tr></table>`);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.cells === undefined)).toBe(true);
  });

  it('keeps an all-blank row: blank cells are information', () => {
    expect(htmlToLines('<table><tr><td></td><td> </td></tr></table>')).toEqual([{ text: '\t', cells: ['', ''] }]);
  });

  it('decodes entities and splits <pre> at newlines', () => {
    expect(htmlToLines('<p>A&amp;B &lt;C&gt;</p><pre>x\ny</pre>').map((l) => l.text)).toEqual(['A&B <C>', 'x', 'y']);
  });
});
