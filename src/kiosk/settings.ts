/**
 * The kiosk's settings: which reports, which languages, how long a page stays, how languages
 * alternate, the night schedule and the nightly reload. Kept in localStorage (read synchronously at
 * start, before IndexedDB opens; a few hundred bytes; no Dexie schema version to coordinate), and
 * checked with a schema when read back: a damaged value falls back to the defaults, never to a
 * blank kiosk. The address may override reports, languages and interval for one session
 * (`/kiosk?reports=qingduo-2020&langs=zh,bo&interval=20`).
 */
import * as v from 'valibot';
import type { Lang } from '../report/model.ts';
import { TIME, type NightSchedule } from './schedule.ts';

/** localStorage key of the settings. */
export const SETTINGS_KEY = 'lotho.kiosk.settings';

/** Languages alternate page by page (zh p1, bo p1, zh p2 …) or cycle by cycle (all zh, then all bo). */
export type Alternation = 'page' | 'cycle';

export interface KioskSettings {
  /** Report ids, in rotation order; empty: every report on the device or in the index. */
  reports: string[];
  /** Languages shown, in order (one or both). */
  langs: Lang[];
  /** Seconds a page stays on screen. */
  interval: number;
  alternation: Alternation;
  /** Both languages side by side when the screen is at least 1600 px wide. */
  sideBySide: boolean;
  night: NightSchedule;
  /** Local time of the nightly reload ("HH:MM"). */
  reloadAt: string;
}

/**
 * Bounds of the seconds a page stays, wherever the value comes from: the setup screen's field,
 * the stored settings and the address's `interval` (issue 12: the address went down to 1 s).
 */
export const INTERVAL_MIN = 10;
export const INTERVAL_MAX = 120;
const IntervalSchema = v.pipe(v.number(), v.integer(), v.minValue(INTERVAL_MIN), v.maxValue(INTERVAL_MAX));

export const DEFAULT_SETTINGS: KioskSettings = {
  reports: [],
  langs: ['zh', 'bo'],
  interval: 20,
  alternation: 'page',
  sideBySide: true,
  night: { enabled: true, start: '22:00', end: '06:00', brightness: 0.2 },
  reloadAt: '03:00',
};

const ReportId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/u));
const LangSchema = v.picklist(['zh', 'bo'] as const);
const Time = v.pipe(v.string(), v.regex(TIME));

const SettingsSchema = v.object({
  reports: v.pipe(v.array(ReportId), v.maxLength(50)),
  langs: v.pipe(v.array(LangSchema), v.minLength(1), v.maxLength(2)),
  interval: IntervalSchema,
  alternation: v.picklist(['page', 'cycle'] as const),
  sideBySide: v.boolean(),
  night: v.object({
    enabled: v.boolean(),
    start: Time,
    end: Time,
    brightness: v.pipe(v.number(), v.minValue(0.05), v.maxValue(1)),
  }),
  reloadAt: Time,
});

const unique = <T>(list: readonly T[]): T[] => list.filter((x, i) => list.indexOf(x) === i);

/** Settings read back from their JSON; the defaults when absent or invalid. */
export function parseSettings(json: string | null): KioskSettings {
  if (json === null) return structuredClone(DEFAULT_SETTINGS);
  try {
    const result = v.safeParse(SettingsSchema, JSON.parse(json));
    if (!result.success) return structuredClone(DEFAULT_SETTINGS);
    const s = result.output;
    return { ...s, reports: unique(s.reports), langs: unique(s.langs), night: { ...s.night } };
  } catch {
    return structuredClone(DEFAULT_SETTINGS);
  }
}

/** The settings checked before they are stored; throws on values the setup screen never produces. */
export function validSettings(settings: KioskSettings): KioskSettings {
  return v.parse(SettingsSchema, settings);
}

type QueryValue = string | null | undefined | (string | null)[];

function first(value: QueryValue): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw === null || raw === undefined || raw === '' ? undefined : raw;
}

/**
 * `settings` with what the address overrides: `reports` (comma list), `langs` (zh, bo or both),
 * `interval` (whole seconds within the setup's bounds, 10–120), `mode` (page | cycle), `layout`
 * (side | single). Anything invalid is ignored, never fatal.
 */
export function withQuery(settings: KioskSettings, query: Record<string, QueryValue>): KioskSettings {
  const out: KioskSettings = { ...settings, reports: [...settings.reports], langs: [...settings.langs], night: { ...settings.night } };
  const reports = first(query.reports)?.split(',').map((s) => s.trim()).filter((id) => v.is(ReportId, id));
  if (reports !== undefined && reports.length > 0) out.reports = unique(reports).slice(0, 50);
  const langs = first(query.langs)?.split(',').map((s) => s.trim()).filter((l): l is Lang => l === 'zh' || l === 'bo');
  if (langs !== undefined && langs.length > 0) out.langs = unique(langs);
  const interval = Number(first(query.interval));
  if (v.is(IntervalSchema, interval)) out.interval = interval;
  const mode = first(query.mode);
  if (mode === 'page' || mode === 'cycle') out.alternation = mode;
  const layout = first(query.layout);
  if (layout === 'side' || layout === 'single') out.sideBySide = layout === 'side';
  return out;
}
