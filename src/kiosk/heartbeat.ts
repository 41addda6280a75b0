/**
 * What a kiosk tells the server every few minutes when online (POST /api/kiosks/heartbeat): which
 * device it is, which app build it runs, which version of each report it shows and when it last
 * reached the server. The wire type is src/contract/kiosks.ts's, so a change there
 * breaks the build here; tests/server/kiosks.test.ts sends what this module builds.
 */
import type { KioskHeartbeat } from '../contract/kiosks.ts';

/** The app's version, from package.json at build time (vite.config.ts `define`), else "dev". */
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

/** The body of POST /api/kiosks/heartbeat. */
export type Heartbeat = KioskHeartbeat;

/** localStorage key of the kiosk's id. */
export const KIOSK_ID_KEY = 'lotho.kiosk.id';

/** A kiosk id: "k-" and 32 hex digits, random (crypto.getRandomValues also works over plain HTTP). */
export function newKioskId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `k-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** True for an id made by newKioskId. */
export function isKioskId(value: string | null): value is string {
  return value !== null && /^k-[0-9a-f]{32}$/u.test(value);
}

/** The heartbeat for the reports on screen. */
export function heartbeat(kioskId: string, versions: ReadonlyMap<string, number>, lastRefresh: number | null): Heartbeat {
  return {
    kioskId,
    appVersion: APP_VERSION,
    contentVersions: Object.fromEntries(versions),
    lastRefresh: lastRefresh === null ? null : new Date(lastRefresh).toISOString(),
  };
}
