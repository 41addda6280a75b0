/**
 * The kiosk's clock rules, as pure functions of a Date in the device's time zone: when to dim for
 * the night (a window that may wrap past midnight, e.g. 22:00–06:00) and whether to reload the app
 * now (once a night, in a quiet window after `reloadAt`).
 */

/** "HH:MM", 00:00–23:59. */
export const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/u;

/**
 * A time typed into the setup screen as "HH:MM": "7:30", "07:30" and a full-width colon (中文输入法)
 * are read; undefined for anything else. A text box, not <input type="time">, whose picker and
 * messages follow the browser's language (12-hour "AM/PM" on an English browser), not the kiosk's.
 */
export function parseTypedTime(text: string): string | undefined {
  const match = /^(\d{1,2})[:：](\d{2})$/u.exec(text.trim());
  if (match === null) return undefined;
  const time = `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}`;
  return TIME.test(time) ? time : undefined;
}

/** Minutes since midnight of "HH:MM"; undefined for anything else. */
export function minutesOf(time: string): number | undefined {
  if (!TIME.test(time)) return undefined;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const minutesNow = (now: Date): number => now.getHours() * 60 + now.getMinutes();

/** The night schedule: dim between `start` and `end` to `brightness` (0.05–1) of normal. */
export interface NightSchedule {
  enabled: boolean;
  start: string;
  end: string;
  brightness: number;
}

/** True when `now` is inside [start, end), wrapping past midnight when end ≤ start. */
export function isNight(now: Date, night: NightSchedule): boolean {
  const start = minutesOf(night.start);
  const end = minutesOf(night.end);
  if (!night.enabled || start === undefined || end === undefined || start === end) return false;
  const m = minutesNow(now);
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** Opacity of the black overlay that dims the screen (0 by day). */
export function dimOpacity(now: Date, night: NightSchedule): number {
  if (!isNight(now, night)) return 0;
  return Math.min(0.95, Math.max(0, 1 - night.brightness));
}

/** The device's calendar day "YYYY-MM-DD" (local time): the nightly reload happens once per day. */
export function localDay(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** How long after `reloadAt` a reload may still happen (a device asleep at 03:00 catches up). */
export const RELOAD_WINDOW_MINUTES = 60;

/**
 * True when the app should reload now: inside the hour after `reloadAt`, not yet today, and only
 * when the reload cannot leave a blank screen (online, or the app shell is cached).
 */
export function shouldReload(now: Date, reloadAt: string, lastReloadDay: string | null, canReload: boolean): boolean {
  const at = minutesOf(reloadAt);
  if (at === undefined || !canReload || lastReloadDay === localDay(now)) return false;
  const since = (minutesNow(now) - at + 24 * 60) % (24 * 60);
  return since < RELOAD_WINDOW_MINUTES;
}
