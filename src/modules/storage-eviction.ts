/**
 * Whether this browser deletes what a site stored once the site has gone 7 days without a visit:
 * WebKit's rule on iPhone and iPad, where every browser is WebKit (Safari's tracking prevention
 * caps script-written storage, IndexedDB and the service worker's caches included), unless the
 * site was added to the Home Screen and opened from there. Reports kept for reading offline in a
 * village could be gone when they are needed; the reader is told how to avoid that.
 */

export interface BrowserFacts {
  userAgent: string;
  /** navigator.maxTouchPoints: an iPad asks for desktop pages with a Mac's user agent. */
  maxTouchPoints: number;
  /** navigator.standalone: iOS only, true when opened from the Home Screen. */
  standalone: boolean | undefined;
  /** matchMedia('(display-mode: standalone)'). */
  displayModeStandalone: boolean;
}

export function evictsAfterSevenDays(facts: BrowserFacts): boolean {
  const iPhoneOrIPad = /\b(?:iPhone|iPad|iPod)\b/u.test(facts.userAgent) || (/\bMacintosh\b/u.test(facts.userAgent) && facts.maxTouchPoints > 1);
  return iPhoneOrIPad && facts.standalone !== true && !facts.displayModeStandalone;
}

/** This browser's facts (none on the server: nothing is evicted there). */
export function browserFacts(): BrowserFacts | undefined {
  if (typeof navigator === 'undefined' || typeof window === 'undefined') return undefined;
  return {
    userAgent: navigator.userAgent,
    maxTouchPoints: navigator.maxTouchPoints,
    standalone: (navigator as Navigator & { standalone?: boolean }).standalone,
    displayModeStandalone: typeof window.matchMedia === 'function' && window.matchMedia('(display-mode: standalone)').matches,
  };
}
