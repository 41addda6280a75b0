/**
 * Whether the browser says it has no network. Only a navigator that has `onLine` and says false counts:
 * Node 21+ has a global `navigator` without `onLine`, and a worker or test there is not offline.
 * `onLine === true` only means "some network", so callers still handle failed requests.
 */
export function browserSaysOffline(): boolean {
  return typeof navigator !== 'undefined' && 'onLine' in navigator && !navigator.onLine;
}
