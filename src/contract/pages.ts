/**
 * What a pre-rendered page (server/prerender.ts) carries for the app besides its HTML and state.
 */

/**
 * The <style> holding the page's own subset of the Tibetan font (server/page-font.ts). The app
 * removes it when it leaves the page (modules/page-font.ts): it draws only the stacks of that page.
 */
export const PAGE_FONT_ELEMENT_ID = 'lotho-page-font';
