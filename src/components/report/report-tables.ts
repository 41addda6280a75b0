/** The three tables of a report, one chunk for the reader to fetch (lazy-tables.ts). */
export { default as ReportActiveTable } from './ReportActiveTable.vue';
export { default as ReportRequestsTable } from './ReportRequestsTable.vue';
export { default as ReportAppealsTable } from './ReportAppealsTable.vue';
