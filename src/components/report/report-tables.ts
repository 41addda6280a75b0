/** The tables of a report, one chunk for the reader to fetch (lazy-tables.ts). */
export { default as ReportSectionTable } from './ReportSectionTable.vue';
