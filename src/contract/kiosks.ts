/**
 * The kiosks' wire format: the heartbeat a noticeboard screen sends every few minutes (POST
 * /api/kiosks/heartbeat, anonymous) and the list an admin reads (GET /api/kiosks).
 * src/kiosk/heartbeat.ts sends the one, the admin page's store reads the other.
 */
import * as v from 'valibot';
import { ReportIdSchema } from './common.ts';

/** A kiosk id as the device makes it: "k-" and 32 hex digits (src/kiosk/heartbeat.ts). */
export const KioskIdSchema = v.pipe(v.string(), v.regex(/^k-[0-9a-f]{32}$/u, 'a kiosk id is k- and 32 hex digits'));

/** Most reports one kiosk may report on (the setup screen allows 50). */
export const MAX_KIOSK_REPORTS = 50;

const timestamp = v.pipe(v.string(), v.maxLength(40), v.isoTimestamp());
const version = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000));
const ContentVersionsSchema = v.pipe(
  v.record(ReportIdSchema, version),
  v.check((versions) => Object.keys(versions).length <= MAX_KIOSK_REPORTS, `at most ${MAX_KIOSK_REPORTS} reports`),
);

/** `POST /api/kiosks/heartbeat`: who the kiosk is, what it runs and shows, when it last reached us. */
export const KioskHeartbeatSchema = v.strictObject({
  kioskId: KioskIdSchema,
  /** The app's version (package.json), e.g. "0.1.0". */
  appVersion: v.pipe(v.string(), v.minLength(1), v.maxLength(40), v.regex(/^[0-9A-Za-z.+_-]+$/u, 'a version is letters, digits and . + _ -')),
  /** Report id → published version of the copy on screen. */
  contentVersions: ContentVersionsSchema,
  /** When the kiosk last reached the server (its own clock), or null. */
  lastRefresh: v.nullable(timestamp),
});
export type KioskHeartbeat = v.InferOutput<typeof KioskHeartbeatSchema>;

/** Why a kiosk needs a look: a report older than the latest published, or silent for over a day. */
export const KIOSK_STALE_REASONS = ['content', 'silent'] as const;
export type KioskStaleReason = (typeof KIOSK_STALE_REASONS)[number];

/** One kiosk in `GET /api/kiosks`: its last heartbeat and what the server makes of it. */
export const KioskStatusSchema = v.strictObject({
  ...KioskHeartbeatSchema.entries,
  /** When the server received the last heartbeat. */
  lastSeen: timestamp,
  /** When the server first heard of it. */
  firstSeen: timestamp,
  stale: v.boolean(),
  reasons: v.array(v.picklist(KIOSK_STALE_REASONS)),
  /** The reports it shows in an older version than the latest published one. */
  outdated: v.array(ReportIdSchema),
});
export type KioskStatus = v.InferOutput<typeof KioskStatusSchema>;

/** `GET /api/kiosks`: every kiosk, stale ones first, then by the time last seen (latest first). */
export const KioskListSchema = v.strictObject({ kiosks: v.array(KioskStatusSchema) });
export type KioskList = v.InferOutput<typeof KioskListSchema>;
