/** Exports of a report: Lotho's JSON file, the compact cells JSON, and Markdown in the official layout. */
export { orderedCellKeys, toCellsJson, toReportJson } from './json.ts';
export { LABEL_SEPARATOR, toMarkdown } from './markdown.ts';
