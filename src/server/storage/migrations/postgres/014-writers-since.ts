/**
 * The writers of a field after a rev, as a range of an index ordered by rev. The statements are
 * the same on both databases, so PostgreSQL runs SQLite's migration as it is (its comment says why).
 */
export { migration } from '../sqlite/014-writers-since.ts';
