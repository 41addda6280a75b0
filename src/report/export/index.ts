/**
 * Exports of a report: Lotho's JSON file, the compact cells JSON, Markdown and an HTML fragment in
 * the official layout. The Word export is not re-exported here: import `toDocx` from './docx.ts'
 * (dynamically in the browser), so that the docx package is only loaded when a .docx is asked for.
 */
export { escapeHtml, toHtmlFragment } from './html.ts';
export { toCellsJson, toReportJson } from './json.ts';
export { orderedCellKeys } from '../tables/index.ts';
export { LABEL_SEPARATOR, toMarkdown } from './markdown.ts';
