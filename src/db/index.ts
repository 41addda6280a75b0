/**
 * The one typed Dexie instance of the app. Stores are its only callers (conventions §4).
 *
 * Schema versions are kept forever: to change a table, add `this.version(n + 1)` below the
 * others with an upgrade function; never edit or delete a version that has shipped, or devices
 * that already opened it cannot upgrade.
 */
import Dexie, { type EntityTable } from 'dexie';

/**
 * A report as last received from the server. `document` is stored as received and is `unknown`
 * on purpose: it is checked against the report schema every time it is read back.
 */
export interface CachedReport {
  id: string;
  /** The server's version of the document (from GET /api/reports/:id). */
  version: number | string;
  /** ETag of that response, sent back as If-None-Match; null when the server sent none. */
  etag: string | null;
  /** The server's updatedAt (ISO), when it sent one. */
  updatedAt: string | null;
  document: unknown;
  /** When the server last confirmed this copy (ms since epoch): the reader's "data as of". */
  fetchedAt: number;
}

/** A list received from the server (the report index), kept to show it offline. */
export interface CachedList {
  key: 'reports';
  entries: unknown;
  fetchedAt: number;
}

/** Lotho's IndexedDB database. */
export class LothoDb extends Dexie {
  reports!: EntityTable<CachedReport, 'id'>;
  lists!: EntityTable<CachedList, 'key'>;

  constructor(name = 'lotho') {
    super(name);
    this.version(1).stores({ reports: 'id, fetchedAt', lists: 'key' });
  }
}

/** The app's database (opened lazily by Dexie on first use). */
export const db = new LothoDb();
