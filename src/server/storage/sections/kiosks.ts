/**
 * The kiosks section of the storage: the last heartbeat of each noticeboard screen (one row per
 * kiosk, overwritten), so an admin can see which screens show old content or went silent.
 */

/** What a kiosk sends (already checked against the wire schema). */
export interface KioskHeartbeatInput {
  kioskId: string;
  appVersion: string;
  contentVersions: Record<string, number>;
  lastRefresh: string | null;
}

/** A kiosk as stored: its last heartbeat and when the server received it. */
export interface KioskRow extends KioskHeartbeatInput {
  /** When the last heartbeat arrived (ISO 8601, server clock). */
  receivedAt: string;
  /** When the first one arrived. */
  firstSeen: string;
}

/** Limits on anonymous heartbeats. */
export interface HeartbeatLimits {
  /** A kiosk's heartbeat is refused this soon after its previous one (ms). */
  minIntervalMs: number;
  /** No new kiosk is recorded once this many are known (a flood of invented ids stops here). */
  maxKiosks: number;
}

/** What became of a heartbeat. */
export type HeartbeatOutcome = 'stored' | 'too_soon' | 'too_many';

export interface KiosksSection {
  /** Records a kiosk's heartbeat (replacing its previous one) unless a limit says no. */
  upsertKioskHeartbeat(heartbeat: KioskHeartbeatInput, limits: HeartbeatLimits): Promise<HeartbeatOutcome>;
  /** Every kiosk's last heartbeat, in no particular order. */
  listKiosks(): Promise<KioskRow[]>;
}
