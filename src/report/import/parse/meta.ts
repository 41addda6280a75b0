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
  /** Absent when the title states no year (the year is then read from elsewhere: year.ts). */
  year?: number;
}

// The report kind: 政府信息公开工作年度报告, 信息公开年度报告, 政务公开工作年报, 政府信息公开年度工作报告.
const KIND = String.raw`(?:政府|政务)?\s*(?:信\s*息|政\s*务)\s*公\s*开.{0,10}?(?:报\s*告|年\s*报)`;
// 波密县倾多镇人民政府2020年政府信息公开工作年度报告 (agency, year, kind), a title with no year,
// and Lotho's own Markdown export (`# 某县人民政府2021年…`).
const TITLE = new RegExp(String.raw`^(?:#{1,6}\s*)?(.*?)(?:((?:19|20)\d{2})\s*年?\s*度?)?\s*${KIND}$`, 'u');
// 2022年度某某镇政府信息公开工作年度报告: the year before the agency.
const YEAR_FIRST = new RegExp(String.raw`^(?:#{1,6}\s*)?((?:19|20)\d{2})\s*年\s*度?\s*(.+?)${KIND}$`, 'u');
const MAX_TITLE_LENGTH = 60;
const MAX_AGENCY_LINE = 30;
// A title split over up to three lines (察隅县古拉乡2022年政府信息 / 公开工作年度报告).
const MAX_TITLE_LINES = 3;

function plain(line: PreparedLine | undefined): string {
  return line === undefined || line.cells !== undefined ? '' : collapseCjkSpaces(fold(trimLine(line.text)));
}

/** Lines portals and converters put around a report: never a title, never the preamble. */
export const CHROME = /^(?:发布(?:时间|日期|机构)|来源|浏览次数|访问量|字号|字体|【字体|索\s*引\s*号|发文机关|文\s*号|成文日期|分享|打印|标\s*题|您当前所在位置|当前位置|关怀版|无障碍|#\s*(?:source|template):)/u;

interface TitleMatch {
  agency: string;
  year?: number;
  end: number;
}

/**
 * The agency as the title names it. The kind's optional 政府 can take the end of the agency's own
 * name (某镇人民|政府信息公开…), and a title that starts with its year leaves only that 政府.
 */
function agencyOf(raw: string): string {
  const agency = raw.trim();
  if (agency === '政府' || agency === '政务') return '';
  return agency.endsWith('人民') ? `${agency}政府` : agency;
}

function matchTitle(text: string): Omit<TitleMatch, 'end'> | undefined {
  const first = YEAR_FIRST.exec(text);
  if (first !== null && agencyOf(first[2] ?? '') !== '') return { agency: agencyOf(first[2] ?? ''), year: Number(first[1]) };
  const match = TITLE.exec(text);
  if (match === null) return undefined;
  const agency = agencyOf(match[1] ?? '');
  return match[2] === undefined ? { agency } : { agency, year: Number(match[2]) };
}

function titleAt(lines: readonly PreparedLine[], i: number, limit: number): TitleMatch | undefined {
  let text = plain(lines[i]);
  if (text === '' || text.length > MAX_TITLE_LENGTH || CHROME.test(text)) return undefined;
  for (let end = i; end < Math.min(limit, i + MAX_TITLE_LINES); end += 1) {
    if (end > i) {
      // The next line must not be a whole title on its own (with its agency or year), or a chrome
      // line would become the agency; a bare 信息公开年度报告 is the end of this one.
      const next = plain(lines[end]);
      const alone = matchTitle(next);
      if (next === '' || CHROME.test(next) || (alone !== undefined && (alone.agency !== '' || alone.year !== undefined))) return undefined;
      text += next;
      if (text.length > MAX_TITLE_LENGTH) return undefined;
    }
    const found = matchTitle(text);
    if (found !== undefined) return { ...found, end };
  }
  return undefined;
}

// What never stands in an agency's name but page furniture glued to a title brings: Latin letters
// and digits (a date, 导出word), bullets, the question marks of lost characters, table pipes.
const FURNITURE = /[A-Za-z0-9•?？|]/u;
// How agencies' names end (人民政府, 乡, 街道, 局, 委, 办公室, 中心, 管委会, 机关…).
const AGENCY_END = String.raw`(?:政府|乡|镇|街道|办事处|苏木|县|区|市|旗|州|盟|地区|局|委|办|厅|室|署|院|中心|会|所|站|机关|队|处|部|馆|社|关)`;
// A name standing alone on the line above a bare title, perhaps with the title's year split off
// onto it (西藏自治区政府国资委2023年度 / 信息公开工作报告).
const AGENCY_ABOVE = new RegExp(String.raw`^([\p{Script=Han}（）()·]{2,${MAX_AGENCY_LINE}}?${AGENCY_END})(?:((?:19|20)\d{2})\s*年\s*度?)?$`, 'u');

/**
 * The agency a title line names, or undefined when the line is not a title: a portal's label
 * before it is dropped (名 称:阿里地区2020年…), and a line that names no agency after its label
 * (栏目: 政府信息公开年报) or glues page furniture to it (• 2021-02-07导出word甘南州…) is not one.
 */
function titleAgency(raw: string): string | undefined {
  const colon = Math.max(raw.lastIndexOf(':'), raw.lastIndexOf('：'));
  const agency = colon < 0 ? raw : raw.slice(colon + 1).trim();
  if (colon >= 0 && agency === '') return undefined;
  return FURNITURE.test(agency) ? undefined : agency;
}

/** The agency on the lines above a title that names none, and the year split onto it. */
function agencyAbove(lines: readonly PreparedLine[], i: number): { agency: string; year?: number; line: number } | undefined {
  for (let j = i - 1; j >= 0; j -= 1) {
    const above = plain(lines[j]);
    // Blank lines, and the question marks a mirror leaves for characters it lost.
    if (!/[\p{Script=Han}\p{L}\d]/u.test(above)) continue;
    const match = CHROME.test(above) ? null : AGENCY_ABOVE.exec(above);
    if (match === null) return undefined;
    return { agency: match[1] ?? '', ...(match[2] === undefined ? {} : { year: Number(match[2]) }), line: j };
  }
  return undefined;
}

/**
 * Finds the title in the lines before `limit` (the first heading), joining a wrapped title. A
 * line naming neither agency nor year (a portal menu's 政府信息公开年报) is taken only when no
 * better title follows, nor the portal's 标题 row.
 */
export function findTitle(lines: readonly PreparedLine[], limit: number): TitleInfo | undefined {
  let bare: TitleInfo | undefined;
  for (let i = 0; i < Math.min(limit, lines.length); i += 1) {
    const found = titleAt(lines, i, limit);
    const named = found === undefined ? undefined : titleAgency(found.agency);
    if (found === undefined || named === undefined) continue;
    const info: TitleInfo = { line: found.end, firstLine: i, agency: named };
    if (found.year !== undefined) info.year = found.year;
    if (named === '') {
      // 波密县倾多镇人民政府 / 2020年政府信息公开工作年度报告: the agency is the line above.
      const above = agencyAbove(lines, i);
      if (above !== undefined) {
        info.agency = above.agency;
        info.firstLine = above.line;
        if (info.year === undefined && above.year !== undefined) info.year = above.year;
      }
    }
    if (info.agency !== '' || info.year !== undefined) return info;
    bare ??= info;
  }
  return chromeTitle(lines, limit) ?? bare;
}

// The report naming itself in its preamble, where a page prints no title:
// 编制了《2021年色威镇政府信息公开工作年度报告》, 现将茅坪回族镇2022年度政府信息公开工作报告如下.
const SELF_NAMED = new RegExp(String.raw`(?:公布|编制|发布|现将|形成)了?\s*《?([^《》。；;，,]{2,${MAX_TITLE_LENGTH}}?(?:报\s*告|年\s*报))`, 'gu');
// What such a sentence may name as the agency: a name in Han characters ending as agencies'
// names do. Not 我局 / 本镇, nor a name relative to a place left unsaid (区统计局: which 区?), and
// not a name a mirror site glued its own words to (spam in Latin letters and symbols before the
// agency: the real name cannot be told from the glue).
const AGENCY_NAME = new RegExp(String.raw`^(?![我本该全省市州县区旗乡镇])\p{Script=Han}{2,30}${AGENCY_END}$`, 'u');

/**
 * The agency a report names itself by in its preamble (`flat`: the preamble without line breaks),
 * for a page without a title line; undefined when no such sentence names one.
 */
export function selfNamedAgency(flat: string): string | undefined {
  for (const match of flat.matchAll(SELF_NAMED)) {
    const agency = matchTitle(match[1] ?? '')?.agency ?? '';
    if (AGENCY_NAME.test(agency)) return agency;
  }
  return undefined;
}

/**
 * Splits a title run into the text after it (`临潭县卫生健康局 2022年度政府信息公开工作的报告 根据…`)
 * into the title and the rest, so the title is found and the rest stays the preamble.
 */
export function splitRunInTitle(lines: readonly PreparedLine[]): PreparedLine[] {
  const at = lines.findIndex((line) => line.cells === undefined && /\p{Script=Han}/u.test(line.text) && !CHROME.test(fold(trimLine(line.text))));
  const line = lines[at];
  if (line === undefined || line.text.length <= MAX_TITLE_LENGTH) return [...lines];
  const words = trimLine(line.text).split(/[\s\u3000]+/u);
  for (let n = 1; n <= Math.min(3, words.length - 1); n += 1) {
    const head = words.slice(0, n).join(' ');
    const title = collapseCjkSpaces(fold(head));
    if (title.length > MAX_TITLE_LENGTH || matchTitle(title) === undefined) continue;
    return [...lines.slice(0, at), { ...line, text: head }, { ...line, text: words.slice(n).join(' ') }, ...lines.slice(at + 1)];
  }
  return [...lines];
}

/**
 * A page whose only title is the portal's 标题 row: a table row (`标题 | 拉萨市人民政府2021年…报告 |`)
 * or a line (`标题: 平潭综合实验区2021年度…报告`, `标      题 西藏自治区政府国资委2023年度…报告`).
 */
function chromeTitle(lines: readonly PreparedLine[], limit: number): TitleInfo | undefined {
  for (let i = 0; i < Math.min(limit, lines.length); i += 1) {
    const line = lines[i];
    const cells = line?.cells ?? [];
    const at = cells.findIndex((cell) => /^标\s*题[:：]?$/u.test(fold(trimLine(cell))));
    const row = at < 0 ? undefined : cells[at + 1];
    const labelled = line === undefined || line.cells !== undefined ? undefined : /^标\s*题\s*[:：]?\s*(\S.*)$/u.exec(fold(trimLine(line.text)))?.[1];
    const text = collapseCjkSpaces(fold(trimLine(row ?? labelled ?? '')));
    const found = text === '' || text.length > MAX_TITLE_LENGTH ? undefined : matchTitle(text);
    const agency = found === undefined ? undefined : titleAgency(found.agency);
    if (found === undefined || agency === undefined) continue;
    const info: TitleInfo = { line: i, firstLine: i, agency };
    if (found.year !== undefined) info.year = found.year;
    return info;
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
// 统计期限/统计时限/统计周期为…, 本报告所统计数据为…, 统计的数据时限为…: a date range after 统计 in
// one sentence; the end may leave out its year (统计期限从2019年1月1日到12月31日止).
const PERIOD = new RegExp(`统计[^。]{0,16}?${DATE}\\s*(?:起)?\\s*(?:至|—|-|–|到|~)\\s*(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日`, 'u');
// 发布时间/发布日期 is the publication date; 成文日期 (the date the text was signed) stands in only
// when no publication date is printed (corpus 14). Portals that print both put 成文日期 first in
// their 索引号 table, so one alternation would take the wrong date.
const PUBLISHED = /发布(?:时间|日期)[\s:：|]*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/u;
const WRITTEN = /成文日期[\s:：|]*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/u;

// The address ends at punctuation or where the next contact field begins: a contact block
// written without separators (地址:中埠镇铁山路37号邮编:255000) would give the postcode as part of it.
const CONTACT_LABEL = String.raw`邮\s*政?\s*编\s*码?|(?:联\s*系|办\s*公|咨\s*询)?\s*电\s*话|传\s*真|(?:电\s*子)?\s*邮\s*箱|网\s*址`;
const ADDRESS = new RegExp(String.raw`地\s*址\s*[:：]\s*([^；;，,）)。]+?)\s*(?=${CONTACT_LABEL}|[；;，,）)。]|$)`, 'u');

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
  if (period !== null) meta.period = { start: iso(period[1], period[2], period[3]), end: iso(period[4] ?? period[1], period[5], period[6]) };
  const published = PUBLISHED.exec(chrome) ?? WRITTEN.exec(chrome);
  if (published !== null) meta.publishedOn = iso(published[1], published[2], published[3]);
  const address = ADDRESS.exec(flat);
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

const SIGNATURE_DATE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;
// The signature block: the agency and the date on the last lines of the report.
const SIGNATURE_LINES = 4;

/** The date a report is signed with at its end (ISO), when its last lines hold one. */
export function signatureDate(lines: readonly PreparedLine[]): string | undefined {
  const tail = lines.map(plain).filter((t) => t !== '').slice(-SIGNATURE_LINES);
  for (const text of tail.reverse()) {
    const match = SIGNATURE_DATE.exec(text);
    if (match !== null) return iso(match[1], match[2], match[3]);
  }
  return undefined;
}
