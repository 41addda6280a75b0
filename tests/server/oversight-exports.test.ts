/**
 * The county office's downloads read back by other tools: the workbook by read-excel-file (labels
 * over keys, numbers as numbers, words for status and level, in the chosen language), the zip by
 * fflate (one Word file in the official layout per published report, named by id and agency).
 */
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { blankReport } from '../../src/report/factory.ts';
import { bearer, login } from './accounts.ts';
import { apiSetup } from './api-setup.ts';
import { DATABASES, useDatabases } from './databases.ts';

const database = useDatabases(afterEach);

function township(id: string, zh: string, received: number, year = 2024) {
  const document = blankReport({ id, template: '2021', year, agencyZh: zh, level: 'township', fill: 0 });
  Object.assign(document.cells, { 'requests.new_received.total': received, 'requests.results_total.total': received, 'requests.granted.total': received });
  return document;
}

describe.each(DATABASES)('oversight exports on $kind', ({ create }) => {
  it('writes a workbook: labels over keys, frozen, numbers as numbers, words in the chosen language', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await storage.publishReport(township('town-a-2024', '波密县倾多镇人民政府', 7));
    const token = await login(app, 'admin');
    for (const lang of ['zh', 'bo'] as const) {
      const response = await app.request(`/api/oversight.xlsx?year=2024&lang=${lang}`, bearer(token));
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="lotho-bomi-2024-${lang}.xlsx"`);
      const [sheet] = await readXlsxFile(Buffer.from(await response.arrayBuffer()));
      expect(sheet?.sheet).toBe(lang === 'zh' ? '2024年报告' : '2024ལོའི་སྙན་ཞུ།');
      const [labels = [], keys = [], ...rows] = sheet?.data ?? [];
      expect(keys.slice(0, 3)).toEqual(['agency_id', 'agency_zh', 'agency_bo']);
      expect(labels[1]).toBe(lang === 'zh' ? '机构名称' : 'ལས་ཁུངས་ཀྱི་མིང་། (རྒྱ་ཡིག)');
      const column = (key: string) => keys.indexOf(key);
      expect(labels[column('requests.new_received.total')]).toContain(lang === 'zh' ? '本年新收政府信息公开申请数量' : 'རེ་ཞུ');
      expect(rows.map((r) => r[0])).toEqual(['bomi', 'town-a', 'town-b']);
      const townA = rows[1] ?? [];
      expect(townA[column('requests.new_received.total')]).toBe(7);
      expect(townA[column('status')]).toBe(lang === 'zh' ? '已发布' : 'སྤེལ་ཟིན།');
      expect(townA[column('level')]).toBe(lang === 'zh' ? '乡镇' : 'ཤང་གྲོང་རྡལ།');
      expect(rows[2]?.[column('status')]).toBe(lang === 'zh' ? '未起草' : 'ཟིན་བྲིས་མ་བྱས།');
    }
    expect((await app.request('/api/oversight.xlsx?lang=en', bearer(token))).status).toBe(400);
    expect((await app.request('/api/oversight.xlsx?agency=town-b', bearer(await login(app, 'editor-a')))).status).toBe(404);
  });

  it('zips one Word file per published report of the subtree, in the official layout', async () => {
    const { app, storage } = await apiSetup(await database(create));
    await storage.publishReport(township('town-a-2024', '波密县倾多镇人民政府', 7));
    await storage.publishReport(township('town-b-2024', '波密县玉普乡人民政府', 2));
    await storage.publishReport(township('town-b-2023', '波密县玉普乡人民政府', 1, 2023));
    const response = await app.request('/api/oversight/reports.zip?year=2024', bearer(await login(app, 'admin')));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(['town-a-2024 波密县倾多镇人民政府.docx', 'town-b-2024 波密县玉普乡人民政府.docx']);
    const docx = unzipSync(files['town-a-2024 波密县倾多镇人民政府.docx'] ?? new Uint8Array());
    const text = strFromU8(docx['word/document.xml'] ?? new Uint8Array());
    // The title (agency and year in runs of their own), the tables as real Word tables.
    expect(text.includes('>波密县倾多镇人民政府</w:t>') && text.includes('>2024年政府信息公开工作年度报告</w:t>')).toBe(true);
    expect(text.includes('<w:tbl>')).toBe(true);

    const own = await app.request('/api/oversight/reports.zip?year=2024', bearer(await login(app, 'editor-a')));
    expect(Object.keys(unzipSync(new Uint8Array(await own.arrayBuffer())))).toEqual(['town-a-2024 波密县倾多镇人民政府.docx']);
  });
});
