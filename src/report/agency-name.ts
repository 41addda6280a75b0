/**
 * When two written names of an agency name the same agency. Reports print their agency's name
 * as the agency writes it, rarely in full: 龙口镇 for 鹤山市龙口镇人民政府 (the places above it left
 * out), 下湿壕镇政府 for 固阳县下湿壕镇人民政府, 康定市塔公镇 for 康定市塔公镇人民政府, 阿里地区 for
 * 阿里地区行政公署 (the government word shortened or left out). A person supplying the full name,
 * and the corpus test comparing the importer's reading with the hand-typed name, both need to
 * know that such a reading is the same agency and not another one.
 *
 * The rule, and nothing looser:
 * 1. the government words 人民政府, 行政公署 and 政府 (with a 机关 after them: 城口县人民政府机关, the
 *    government and its office together) are dropped from both names, wherever they stand
 *    (西藏自治区国有资产监督管理委员会 is 西藏自治区人民政府国有资产监督管理委员会);
 * 2. the names then agree when they are equal, or when the shorter is the end of the longer,
 *    cut just after a place (…市|龙口镇, …县|下湿壕镇), and itself starts with a place's own name:
 *    a bare department (文教局) or a name relative to an unsaid place (市政府研究室: which 市?)
 *    names no agency.
 * Abbreviations (国资委 for 国有资产监督管理委员会, 甘南州 for 甘南藏族自治州) are not expanded: they
 * do not agree with the full name.
 */

// What ends a place's name: a level of the administrative divisions (report-format.md §8).
const PLACE_END = /(?:自治区|地区|[省市县区州旗盟乡镇]|街道|苏木)$/u;
// A name starting with a level alone is relative to a place the text leaves unsaid.
const RELATIVE = /^(?:[省市州县区旗乡镇]|自治区)/u;
const GOVERNMENT_WORDS = /(?:人民政府|行政公署|政府)(?:机关)?/gu;
// National bodies name no place (国家统计局, 国务院办公厅).
const NATIONAL = /^(?:国家|国务院|中华人民共和国|中国)/u;
// Short forms of a name: 国资委 / 民委 / 科委 for …委员会, 甘南州 for 甘南藏族自治州 (every
// prefecture-level 州 is an autonomous one, and its full name says so).
const ABBREVIATED = /委$|(?<!自治)州(?![市区县镇乡街])/u;

/** The name without its government words and spaces: what the rule above compares. */
export function agencyCore(name: string): string {
  return name.replace(/\s/gu, '').replace(GOVERNMENT_WORDS, '');
}

/** True when the name starts with a place's own name (龙口镇…, 固阳县…), not a level or a department. */
function startsWithPlace(core: string): boolean {
  if (RELATIVE.test(core)) return false;
  for (let end = 2; end <= core.length; end += 1) if (PLACE_END.test(core.slice(0, end))) return true;
  return false;
}

/** True when `a` and `b` name the same agency under the rule above (in either order). */
export function namesSameAgency(a: string, b: string): boolean {
  const [short, long] = [agencyCore(a), agencyCore(b)].sort((x, y) => x.length - y.length) as [string, string];
  if (short === '') return false;
  if (short === long) return true;
  if (!long.endsWith(short) || !startsWithPlace(short)) return false;
  return PLACE_END.test(long.slice(0, long.length - short.length));
}

/** Why a printed name cannot be taken as the report's agency without asking. */
export type AgencyNameDoubt = 'relative' | 'no_place' | 'abbreviated';

/**
 * Why a name printed as a report's agency does not name one agency in full, or undefined when it
 * does: relative to an unsaid place (市政府研究室), a department without its place (文教局), or a
 * short form (上海市科委, 甘南州民族事务委员会) whose full name the text does not give.
 */
export function agencyNameDoubt(name: string): AgencyNameDoubt | undefined {
  const core = agencyCore(name);
  if (RELATIVE.test(core)) return 'relative';
  if (!startsWithPlace(core) && !NATIONAL.test(core)) return 'no_place';
  return ABBREVIATED.test(core) ? 'abbreviated' : undefined;
}
