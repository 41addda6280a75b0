/**
 * Browser entry, kept tiny: the styles, then the app (boot.ts) once the browser has painted. A
 * pre-rendered report is readable by then; its scripts download and run after its text is on
 * screen, never before it. The chunks the first route needs are fetched in parallel with the app.
 */
import './styles/index.css';

function start(): void {
  const path = window.location.pathname;
  // Warm the route's chunks alongside boot.ts instead of after it (the router would ask later).
  if (/^\/(?:zh|bo)\/reports\/[^/]+/u.test(path)) void import('./pages/ReportPage.vue');
  if (/^\/bo(?:\/|$)/u.test(path)) void import('./modules/messages-bo.ts');
  void import('./boot.ts');
}

// requestAnimationFrame runs before the next paint, the timeout after it. A hidden tab paints no
// frames: start at once there.
if (document.visibilityState === 'hidden') start();
else requestAnimationFrame(() => setTimeout(start, 0));
