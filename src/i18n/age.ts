/**
 * How long ago something happened, as a unit and a count for a message ("3 分钟前",
 * "སྐར་མ་3སྔོན་ལ།"): written by hand, since Chromium has no `bo` data for Intl.RelativeTimeFormat.
 */

/** A duration in the largest whole unit. */
export interface Age {
  unit: 'now' | 'minutes' | 'hours' | 'days';
  count: number;
}

/** The age of `then` at `now` (ms since epoch); anything under a minute (or in the future) is now. */
export function ageOf(then: number, now: number): Age {
  const minutes = Math.floor((now - then) / 60_000);
  if (minutes < 1) return { unit: 'now', count: 0 };
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}
