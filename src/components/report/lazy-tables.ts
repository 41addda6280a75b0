/**
 * The report's tables (most of a report page) for the reader, hydrating when scrolled into view:
 * a pre-rendered page is readable at once, and on a slow phone taking it over stays a short task.
 * They have no controls. A newer copy of the report that reaches one before it hydrated renders
 * it afresh (Vue replaces the server's markup); a table still waiting hydrates at once before the
 * page navigates (modules/hydration-turns.ts). Rendered normally on a page that was not pre-rendered.
 */
import { defineAsyncComponent, type HydrationStrategy } from 'vue';
import { waitToHydrate } from '../../modules/hydration-turns.ts';

// Fetched at once, with the report page, in one request: only their hydration waits.
const tables = import('./report-tables.ts');

/**
 * Hydrates a little before the table scrolls into view. Unlike Vue's hydrateOnVisible, it never
 * measures the element while hydrating (that forces a layout of the whole page, the longest part
 * of the task on a slow phone): the observer reports after the next layout anyway.
 */
const nearView: HydrationStrategy = (hydrate, forEachElement) => {
  if (typeof IntersectionObserver === 'undefined') {
    hydrate();
    return undefined;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) part.now();
    },
    { rootMargin: '400px' },
  );
  const part = waitToHydrate(() => {
    observer.disconnect();
    hydrate();
  });
  forEachElement((el) => {
    if (el instanceof Element) observer.observe(el);
  });
  return () => {
    observer.disconnect();
    part.forget();
  };
};

export const ReportSectionTable = defineAsyncComponent({ loader: () => tables.then((m) => m.ReportSectionTable), hydrate: nearView });
