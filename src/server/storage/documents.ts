/** What both storages do to a document before publishing it. */
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { ReportDocument } from '../../report/model.ts';
import { parseReportJson } from '../../report/schema.ts';
import { ReportIdSchema } from '../../contract/reports.ts';
import { StorageError } from './types.ts';

/** The stored hash of a document: SHA-256 of its JSON text, base64url. */
export function documentHash(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('base64url');
}

/**
 * The JSON to store and the parsed copy to return. What is stored must read back: the same check
 * every reader of the row makes. The copy is ours, so the caller's object can change freely.
 */
export function documentToStore(document: ReportDocument): { json: string; stored: ReportDocument; etag: string } {
  if (!v.is(ReportIdSchema, document.id)) {
    throw new StorageError('invalid_document', `id ${JSON.stringify(document.id)} cannot be used in a URL`);
  }
  const json = JSON.stringify(document);
  try {
    return { json, stored: parseReportJson(json), etag: documentHash(json) };
  } catch (error) {
    throw new StorageError('invalid_document', error instanceof Error ? error.message : String(error));
  }
}

/** The agency of a report id `<agency>-<year>` (src/server/drafts/document.ts draftReportId), or undefined for another id. */
export function reportAgencyId(reportId: string): string | undefined {
  return /^(.+)-\d{4}$/u.exec(reportId)?.[1];
}
