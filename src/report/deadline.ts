/**
 * 条例第四十九条 (report-format.md §4.5, D4): the report for year t is due in year t+1 by 1月31日
 * for departments and 乡镇, by 3月31日 for a county-level-or-higher government's own report. Dates
 * are Beijing dates (UTC+8, no daylight saving): a report published at 23:30 on 31 January in Lhasa
 * is on time, although it is 15:30 UTC. One function for the validator's D4 and the county office's
 * oversight, so both always agree.
 */
import type { AdminLevel } from './model.ts';

/** How many days before the deadline an unpublished report counts as at risk. */
export const AT_RISK_DAYS = 7;

const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The last day (YYYY-MM-DD) a report of `level` for `year` may be published on. */
export function publicationDeadline(level: AdminLevel, year: number): string {
  return level === 'township' || level === 'department' ? `${year + 1}-01-31` : `${year + 1}-03-31`;
}

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The report year being prepared on a Beijing date. A year's report is drafted in its December
 * (the figures are all but final) and due in January–March of the next year, so from 1 December
 * the current year's reports are the ones under way; until then, last year's (in June 2026 the
 * county office looks back at the 2025 reports and who was late). No jump at New Year: the 2026
 * reports stay current from December 2026 to the end of November 2027.
 */
export function reportingYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) === '12' ? year : year - 1;
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Where a report stands against its deadline. */
export interface DeadlineStatus {
  deadline: string;
  /** Published after the deadline, or not published and the deadline has passed. */
  late: boolean;
  /** Not published, not late, and at most AT_RISK_DAYS days left (the deadline day counts as 0). */
  atRisk: boolean;
  /** Days from today to the deadline (negative once it has passed). */
  daysLeft: number;
}

/**
 * The deadline of a report and whether it is late or at risk. `publishedOn` and `today` are
 * Beijing dates (YYYY-MM-DD); `publishedOn` is undefined while the report is not published.
 */
export function deadlineStatus(level: AdminLevel, year: number, publishedOn: string | undefined, today: string): DeadlineStatus {
  const deadline = publicationDeadline(level, year);
  const daysLeft = daysBetween(today, deadline);
  if (publishedOn !== undefined) return { deadline, late: publishedOn > deadline, atRisk: false, daysLeft };
  return { deadline, late: daysLeft < 0, atRisk: daysLeft >= 0 && daysLeft <= AT_RISK_DAYS, daysLeft };
}
