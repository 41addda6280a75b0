/**
 * The parts of a report page that hydrate after the page mounted, each in a task of its own
 * (modules/hydration-turns.ts): the header and every section's prose (alone or side by side). The
 * page's frame (the app header, the status, the section titles, the tools, "keep on this device",
 * which renders in the browser only) hydrates at once; the tables wait until they near the view
 * (lazy-tables.ts).
 *
 * Their code is in the page's chunk: the loader has them at hand, only the hydration waits. On a
 * page rendered in the browser they render at once, like any component.
 */
import { defineAsyncComponent, type Component } from 'vue';
import { hydrateInTurn } from '../../modules/hydration-turns.ts';
import Header from './ReportHeader.vue';
import Prose from './ReportProse.vue';
import SideBySide from './ReportSideBySide.vue';

function inTurn<T extends Component>(component: T): T {
  return defineAsyncComponent<T>({ loader: () => Promise.resolve(component), hydrate: hydrateInTurn });
}

export const ReportHeader = inTurn(Header);
export const ReportProse = inTurn(Prose);
export const ReportSideBySide = inTurn(SideBySide);
