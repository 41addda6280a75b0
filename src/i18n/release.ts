/**
 * How a report page dates what it shows (issue 12): the time its version was published — the
 * first version "published", any later one a correction — never when this device happened to
 * fetch it. The fetch time is shown only offline, as "checked at". Used by the reader's status
 * line and the kiosk's side column.
 */

export type ReleaseMessageKey = 'reader.status.publishedAt' | 'reader.status.correctedAt';

/** The message for a version's time; a version that is not a number reads as a first publication. */
export function releaseMessageKey(version: number | string): ReleaseMessageKey {
  const number = typeof version === 'number' ? version : Number.parseInt(version, 10);
  return Number.isInteger(number) && number > 1 ? 'reader.status.correctedAt' : 'reader.status.publishedAt';
}

/** An ISO time from the server as milliseconds, or null when absent or not a time. */
export function releaseTime(publishedAt: string | null | undefined): number | null {
  if (publishedAt === null || publishedAt === undefined) return null;
  const ms = Date.parse(publishedAt);
  return Number.isNaN(ms) ? null : ms;
}

/** "Checked at": the message for when this device last reached the server about a report. */
export const CHECKED_AT_KEY = 'reader.status.checkedAt';
