/**
 * localStorage that never throws: it is missing during pre-rendering (Node), and a private window
 * or a blocked site makes it throw. Reading then gives nothing; writing is skipped, and the value
 * holds for this page's life only. Used for small settings (reader, kiosk, official flag).
 */

/** The stored value of `key`, or null when absent or when storage is unavailable. */
export function readLocal(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value` under `key` (or removes `key` for null); skipped when storage is unavailable. */
export function writeLocal(key: string, value: string | null): void {
  try {
    if (typeof localStorage === 'undefined') return;
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage unavailable: nothing else to do (see above).
  }
}
