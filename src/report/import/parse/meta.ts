/**
 * Metadata from the title and the usual boilerplate (report-format.md §8): agency, year, period,
 * website, address, postcode, phone, the cited notice, and the publication date portals print.
 */
import type { AdminLevel, ReportMeta } from '../../model.ts';
import type { PreparedLine } from './prepare.ts';
import { collapseCjkSpaces, fold, trimLine } from './text.ts';

/** Where the title is and what it says. */
export interface TitleInfo {
  /** Index of the (last) title line among the prepared lines. */
  line: number;
  firstLine: number;
  agency: string;
  year: number;
}

// 2020年政府信息公开工作年度报告, 2021年度信息公开年度报告, 2020政府信息公开工作年度报告,
// 2019年政府信息公开年度工作报告.
// An optional Markdown heading marker first: Lotho's own Markdown export writes `# 某县人民政府2021年…`.
const TITLE = /^(?:#{1,6}\s*)?(.*?)(\d{4})\s*年?\s*度?\s*(?:政府|政务)?\s*信\s*息\s*公\s*开.{0,10}?报\s*告$/u;
const MAX_TITLE_LENGTH = 60;
const MAX_AGENCY_LINE = 30;

function plain(line: PreparedLine | undefined): string {
  return line === undefined || line.cells !== undefined ? '' : collapseCjkSpaces(fold(trimLine(line.text)));
}

/** Lines portals and converters put around a report: never a title, never the preamble. */
export const CHROME = /^(?:发布(?:时间|日期|机构)|来源|浏览次数|访问量|字号|字体|【字体|索\s*引\s*号|发文机关|文\s*号|成文日期|分享|打印|标\s*题|您当前所在位置|关怀版|无障碍|#\s*(?:source|template):)/u;

function titleAt(lines: readonly PreparedLine[], i: number, limit: number): { match: RegExpExecArray; end: number } | undefined {
  const text = plain(lines[i]);
  if (text === '' || text.length > MAX_TITLE_LENGTH || CHROME.test(text)) return undefined;
  const single = TITLE.exec(text);
  if (single !== null) return { match: single, end: i };
  // A title wrapped over two lines (察隅县古拉乡2022年政府信息 / 公开工作年度报告); the next line
  // must not be a title on its own, or a chrome line would become the agency.
  const next = plain(lines[i + 1]);
  if (next === '' || i + 1 >= limit || CHROME.test(next) || TITLE.test(next)) return undefined;
  const joined = TITLE.exec(text + next);
  return joined === null ? undefined : { match: joined, end: i + 1 };
}

/** Finds the title in the lines before `limit` (the first heading), joining a wrapped title. */
export function findTitle(lines: readonly PreparedLine[], limit: number): TitleInfo | undefined {
  for (let i = 0; i < Math.min(limit, lines.length); i += 1) {
    const found = titleAt(lines, i, limit);
    if (found === undefined) continue;
    let agency = (found.match[1] ?? '').trim();
    let firstLine = i;
    if (agency === '') {
      // 波密县倾多镇人民政府 / 2020年政府信息公开工作年度报告: the agency is the line above.
      for (let j = i - 1; j >= 0; j -= 1) {
        const above = plain(lines[j]);
        if (above === '') continue;
        if (above.length <= MAX_AGENCY_LINE && !CHROME.test(above)) {
          agency = above;
          firstLine = j;
        }
        break;
      }
    }
    return { line: found.end, firstLine, agency, year: Number(found.match[2]) };
  }
  return undefined;
}

/** Indexes (into `lines`) of every title-like line before `limit`: a portal often prints it twice. */
export function titleLines(lines: readonly PreparedLine[], limit: number): Set<number> {
  const indexes = new Set<number>();
  for (let i = 0; i < Math.min(limit, lines.length); i += 1) {
    const found = titleAt(lines, i, limit);
    if (found !== undefined) for (let j = i; j <= found.end; j += 1) indexes.add(j);
  }
  return indexes;
}

/** Administrative level from the agency name: departments first, then the smallest division. */
export function levelOf(agency: string): AdminLevel {
  if (/(局|委|办|厅|中心|院|所|署|会)$/u.test(agency) && !/人民政府$/u.test(agency)) return 'department';
  if (/(乡|镇|街道|苏木)/u.test(agency)) return 'township';
  if (/(县|区|旗)(人民政府)?$/u.test(agency) && !/自治区(人民政府)?$/u.test(agency)) return 'county';
  if (/(市|州|盟|地区)(人民政府)?$/u.test(agency)) return 'city';
  if (/(自治区|省|直辖市)(人民政府)?$/u.test(agency)) return 'region';
  return 'department';
}

const DATE = String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`;
const PERIOD = new RegExp(`统计(?:期限|时限|时间|期间)[^。]{0,12}?${DATE}\\s*(?:起)?\\s*(?:至|—|-|–|到|~)\\s*${DATE}`, 'u');
// 发布时间/发布日期 is the publication date; 成文日期 (the date the text was signed) stands in only
// when no publication date is printed (corpus 14). Portals that print both put 成文日期 first in
// their 索引号 table, so one alternation would take the wrong date.
const PUBLISHED = /发布(?:时间|日期)[\s:：|]*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/u;
const WRITTEN = /成文日期[\s:：|]*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/u;

function iso(y: string | undefined, m: string | undefined, d: string | undefined): string {
  return `${y ?? ''}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
}

/**
 * Fields from the boilerplate. `flat` is the text before 二 with line breaks and the spaces PDF
 * extraction adds removed, so a postcode wrapped over two lines is still found.
 */
export function readBoilerplate(flat: string, chrome: string): Partial<ReportMeta> {
  const meta: Partial<ReportMeta> = {};
  const period = PERIOD.exec(flat);
  if (period !== null) meta.period = { start: iso(period[1], period[2], period[3]), end: iso(period[4], period[5], period[6]) };
  const published = PUBLISHED.exec(chrome) ?? WRITTEN.exec(chrome);
  if (published !== null) meta.publishedOn = iso(published[1], published[2], published[3]);
  const address = /地\s*址\s*[:：]\s*([^；;，,）)。]+)/u.exec(flat);
  if (address?.[1] !== undefined) meta.address = address[1].trim();
  const postcode = /邮\s*编\s*[:：]?\s*(\d{6})(?!\d)/u.exec(flat);
  if (postcode?.[1] !== undefined) meta.postcode = postcode[1];
  const phone = /电\s*话\s*[:：]?\s*((?:\d[\d\s]*[-—–－]\s*)?\d{5,})/u.exec(flat);
  if (phone?.[1] !== undefined) meta.phone = phone[1].replace(/\s/gu, '').replace(/[—–－]/gu, '-');
  const email = /([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/u.exec(flat);
  if (email?.[1] !== undefined) meta.email = email[1];
  const website = /(https?:\/\/[A-Za-z0-9.\-_~/%]+)/u.exec(flat);
  if (website?.[1] !== undefined) meta.website = website[1].replace(/\/$/u, '');
  const notice = /((?:国办公开办函|藏公开[发办]函)〔\d{4}〕\d+号)/u.exec(flat);
  if (notice?.[1] !== undefined) meta.notice = notice[1];
  const parts = /([一二三四五六七八九十\d])\s*个\s*部\s*分/u.exec(flat);
  if (parts?.[1] !== undefined) {
    const symbol = parts[1];
    meta.declaredParts = /\d/u.test(symbol) ? Number(symbol) : '一二三四五六七八九十'.indexOf(symbol) + 1;
  }
  return meta;
}
