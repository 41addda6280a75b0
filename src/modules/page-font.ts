/**
 * A pre-rendered Tibetan page brings its own subset of the Tibetan font (server/page-font.ts),
 * holding only the stacks of that page's text. Once the app shows another page (or another
 * language), the subset goes: other text would find its letters but not its stacks there. The
 * family's whole font (fonts.css, precached) then draws everything.
 */
import type { Router } from 'vue-router';
import { PAGE_FONT_ELEMENT_ID } from '../contract/pages.ts';

export function dropPageFontOnLeaving(router: Router): void {
  const element = document.getElementById(PAGE_FONT_ELEMENT_ID);
  if (element === null) return;
  const withoutSlash = (path: string): string => path.replace(/\/+$/u, '');
  const pagePath = withoutSlash(window.location.pathname);
  const stop = router.afterEach((to) => {
    if (withoutSlash(to.path) === pagePath) return;
    element.remove();
    stop();
  });
}
