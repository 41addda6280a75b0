/**
 * The prose of a synthetic report, in the usual wording of these reports, quoting the figures the
 * tables hold (X1 compares them), naming the year once (X2) and, in the 2021 template, the
 * 信息处理费 in section 六 (X5). Chinese only, as most reports are; the Tibetan is left to translate.
 */
import { textIn } from '../../../src/report/factory.ts';
import type { ReportDocument, TemplateId } from '../../../src/report/model.ts';
import type { Dice } from './dice.ts';
import type { GeneratedTables } from './tables.ts';

const WORK = ['坚持以公开为常态、不公开为例外', '围绕群众关切做好政策解读', '加强政府网站和政务新媒体建设', '规范依申请公开办理流程'];
const PROBLEMS = ['公开内容的针对性还不够强', '政策解读形式较为单一', '工作人员业务能力有待提高', '基层公开平台建设还需加强'];

export function writeProse(dice: Dice, agency: string, year: number, template: TemplateId, totals: GeneratedTables['totals']): Pick<ReportDocument, 'preamble' | 'sections'> {
  const work = dice.pick(WORK);
  const problem = dice.pick(PROBLEMS);
  return {
    preamble: textIn('zh', `本报告根据《中华人民共和国政府信息公开条例》要求编制，所列数据的统计期限为${year}年1月1日至${year}年12月31日。`),
    sections: {
      overview: textIn(
        'zh',
        `${year}年，${agency}${work}，全面推进政务公开。全年收到政府信息公开申请${totals.received}件，办结${totals.results}件；` +
          `发生政府信息公开行政复议${totals.review}件，行政诉讼${totals.lawsuits}件。`,
      ),
      active: textIn('zh', `本年制发规范性文件${totals.normative}件，均按规定在政府网站公开。`),
      requests: textIn('zh', `依申请公开严格按照法定程序和时限办理，结转下年度继续办理的申请已明确责任人。`),
      appeals: textIn('zh', totals.review + totals.lawsuits === 0 ? '本年度未发生因政府信息公开引起的行政复议、行政诉讼。' : '行政复议、行政诉讼案件均依法应诉处理。'),
      problems: textIn('zh', `存在的主要问题是${problem}。下一步将加强培训，完善制度，提升公开质量。`),
      other: textIn('zh', template === '2021' ? '本年度未收取信息处理费。' : '无。'),
    },
  };
}
