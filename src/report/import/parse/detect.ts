/**
 * Template detection from table headers (report-format.md §6), not from the year or the cited
 * notice. Headers may be truncated (本年新, 本年增/), so keys are matched on joined label text.
 */
import type { TemplateId } from '../../templates/index.ts';
import { bareKey } from './text.ts';

const EVIDENCE: Record<TemplateId, readonly string[]> = {
  '2021': ['本年制发件数', '本年废止件数', '现行有效件数', '本年收费金额', '申请人无正当理由逾期不补正', '申请人逾期未按收费通知'],
  '2019': ['本年新制作', '本年新公开', '对外公开总数量', '上一年项目数量', '政府集中采购', '其他对外管理服务事项', '本年增'],
};

export interface TemplateDecision {
  id: TemplateId;
  decidedBy: 'headers' | 'year' | 'document';
  evidence: string[];
}

/**
 * Decides the template from the label text of the table regions. Mixed documents (2021 columns
 * with a 2019-style （六） row, corpus 03/04) are 2021: the single row is not evidence either way.
 */
export function detectTemplate(tableText: string, year: number | undefined): TemplateDecision {
  const key = bareKey(tableText);
  const found = (id: TemplateId): string[] => EVIDENCE[id].filter((e) => key.includes(e));
  const newer = found('2021');
  const older = found('2019');
  if (newer.length > 0 || older.length > 0) {
    return newer.length >= older.length
      ? { id: '2021', decidedBy: 'headers', evidence: newer }
      : { id: '2019', decidedBy: 'headers', evidence: older };
  }
  if (year !== undefined) return { id: year <= 2020 ? '2019' : '2021', decidedBy: 'year', evidence: [] };
  return { id: '2021', decidedBy: 'document', evidence: [] };
}
