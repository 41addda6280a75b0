/**
 * The one typed Dexie instance of the app. Stores are its only callers (conventions §4).
 *
 * Schema versions are kept forever: to change a table, add `this.version(n + 1)` below the
 * others with an upgrade function; never edit or delete a version that has shipped, or devices
 * that already opened it cannot upgrade.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { FieldKey, FieldRecord, FieldValue } from '../report/fields.ts';
import type { TemplateId } from '../report/model.ts';
import type { Mutation } from '../contract/sync.ts';
import type { OpenConflict } from './open-conflict.ts';
import { abortTransactionsOnPageCache } from './page-cache.ts';

export type { OpenConflict };


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

/*
 * Drafting (issue 4). Every row of a signed-in official's work carries `owner` (the user id as a
 * string) as the first part of its key: two officials sharing a phone keep separate replicas,
 * clients and pull cursors (the server's cursor is per agency).
 */

/** The signed-in official on this device (kept to work offline; the session cookie is the server's). */
export interface SessionRow {
  key: 'current';
  /** As the server sent it (ApiUserSchema), checked when read back. */
  user: unknown;
  /** When the server said the session ends (ISO). */
  expiresAt: string;
  /** The server answered 401: sign in again; nothing local is dropped. */
  expired: boolean;
}

/** Sync bookkeeping of one official's replica on this device. */
export interface ReplicaRow {
  owner: string;
  /** Generated once per device and official; with `seq` it names every edit. */
  clientId: string;
  nextSeq: number;
  /** Pull cursor: every server change up to here is folded in. */
  cursor: number;
  lastSuccessAt: number | null;
  /** The last failure, cleared by a successful sync. */
  lastError: { kind: string; code: string | null; at: number } | null;
}

/** A draft on this device. Its content is its fields (FieldRow); this is what lists it. */
export interface DraftRow {
  owner: string;
  /** Local id; equal to the server's id for drafts created there. */
  id: string;
  /** The server's id once the server has the draft; null while its creation waits to be sent. */
  serverId: string | null;
  template: TemplateId;
  year: number;
  source: 'blank' | 'previous' | 'document';
  previousReportId: string | null;
  publishedVersion: number | null;
  createdAt: number;
  updatedAt: number;
  /**
   * For a draft created on this device and not yet on the server: its fields as created, sent as
   * the creation request (`{from:'document'}`) and used to rebase the edits made meanwhile.
   */
  base: FieldRecord<FieldValue> | null;
  /** What the importer reported, for a draft made from a file (shown until dismissed). */
  importReport: unknown;
}

/** One field of a draft as this device knows it (replica.ts KnownField). */
export interface FieldRow {
  owner: string;
  draftId: string;
  field: FieldKey;
  value: FieldValue;
  rev: number;
}

/** An edit waiting for the server's ack. */
export interface OutboxRow {
  owner: string;
  seq: number;
  draftId: string;
  field: FieldKey;
  mutation: Mutation;
  createdAt: number;
  /** Included in a push request once: from then on its value is never changed (coalescing). */
  sent: boolean;
}

/** A conflict kept with both values until the official resolves it. */
export interface ConflictRow {
  owner: string;
  id: string;
  conflict: OpenConflict;
  createdAt: number;
}

/** What an official typed into a number cell that is not a number: kept so nothing typed is lost. */
export interface ScratchRow {
  owner: string;
  draftId: string;
  field: FieldKey;
  text: string;
}

/** Lotho's IndexedDB database. */
export class LothoDb extends Dexie {
  reports!: EntityTable<CachedReport, 'id'>;
  lists!: EntityTable<CachedList, 'key'>;
  session!: EntityTable<SessionRow, 'key'>;
  replicas!: EntityTable<ReplicaRow, 'owner'>;
  drafts!: Table<DraftRow, [string, string]>;
  fields!: Table<FieldRow, [string, string, string]>;
  outbox!: Table<OutboxRow, [string, number]>;
  conflicts!: Table<ConflictRow, [string, string]>;
  scratch!: Table<ScratchRow, [string, string, string]>;

  constructor(name = 'lotho') {
    super(name);
    // Cached reports lived here until they moved to the reader's own database (reports.ts), which
    // copies them once; the tables stay, as every shipped version does.
    this.version(1).stores({ reports: 'id, fetchedAt', lists: 'key' });
    // Issue 4: drafting and sync.
    this.version(2).stores({
      session: 'key',
      replicas: 'owner',
      drafts: '[owner+id], owner',
      fields: '[owner+draftId+field], owner, [owner+draftId]',
      outbox: '[owner+seq], owner, [owner+draftId+field]',
      conflicts: '[owner+id], owner',
      scratch: '[owner+draftId+field], owner, [owner+draftId]',
    });
  }
}

/** The app's database (opened lazily by Dexie on first use). */
export const db = new LothoDb();
// In a page (not the service worker): a page kept in the back/forward cache holds no transaction.
if (typeof window !== 'undefined') abortTransactionsOnPageCache(db, window);
