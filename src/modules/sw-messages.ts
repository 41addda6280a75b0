/**
 * The messages between the app's pages and its service worker (src/sw.ts), in one place for both
 * sides. Imports nothing, so the worker's bundle takes this file alone, none of the app.
 */

/** The reader's (or the kiosk's nightly) go-ahead to a waiting new version: take control now. */
export const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

/** The go-ahead as the page posts it. */
export type SkipWaitingMessage = typeof SKIP_WAITING;

/** Whether a message the worker received is the go-ahead (messages arrive as `unknown`). */
export function isSkipWaiting(data: unknown): data is SkipWaitingMessage {
  return typeof data === 'object' && data !== null && 'type' in data && data.type === SKIP_WAITING.type;
}
