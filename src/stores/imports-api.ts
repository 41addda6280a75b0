/**
 * The accounts page's side of `POST /api/imports` (src/server/routes/imports.ts): a folder is
 * zipped on the device first (only the files the importer reads), the zip is sent as it is, and
 * the answer's lines (progress, then the summary) are handed to the page as they arrive.
 */
import { BULK_MAX_BYTES, type BulkImportEvent } from '../contract/imports.ts';
import { API_BASE } from './reports-api.ts';

export type UploadOutcome =
  | { kind: 'ok'; summary: Extract<BulkImportEvent, { type: 'summary' }> }
  | { kind: 'unauthenticated' }
  /** A refusal the page words: not_found, invalid_body, forbidden, payload_too_large… */
  | { kind: 'refused'; code: string }
  | { kind: 'offline' }
  | { kind: 'error' };

/** What the importer reads (as src/server/bulk/import.ts IMPORTABLE_FILE). */
const IMPORTABLE = /\.(txt|md|html?|docx|pdf|json)$/iu;

/** A folder's report files as one zip, named by their path inside the folder. */
export async function zipFolder(files: readonly File[]): Promise<Blob> {
  const { zipSync } = await import('fflate');
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) {
    const path = file.webkitRelativePath === '' ? file.name : file.webkitRelativePath.split('/').slice(1).join('/');
    if (IMPORTABLE.test(path)) entries[path] = new Uint8Array(await file.arrayBuffer());
  }
  // Reports are compressed already (.docx, .pdf) or small: storing them is fast on a phone.
  return new Blob([zipSync(entries, { level: 0 })], { type: 'application/zip' });
}

/** Sends the zip; `onProgress` sees each file before the server reads it. */
export async function uploadReports(
  zip: Blob,
  query: { agency: string; publish: boolean; includeFlagged: boolean },
  onProgress: (event: Extract<BulkImportEvent, { type: 'progress' }>) => void,
): Promise<UploadOutcome> {
  if (zip.size > BULK_MAX_BYTES) return { kind: 'refused', code: 'payload_too_large' };
  const params = new URLSearchParams({ agency: query.agency, ...(query.publish ? { publish: '1' } : {}), ...(query.includeFlagged ? { includeFlagged: '1' } : {}) });
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/imports?${params.toString()}`, { method: 'POST', body: zip, cache: 'no-store', credentials: 'same-origin', headers: { 'Content-Type': 'application/zip' } });
  } catch {
    return { kind: 'offline' };
  }
  if (response.status === 401) return { kind: 'unauthenticated' };
  if (!response.ok || response.body === null) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: unknown } } | null;
    const code = body?.error?.code;
    return typeof code === 'string' && response.status < 500 ? { kind: 'refused', code } : { kind: 'error' };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      pending += chunk.value;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim() !== '')) {
        const event = JSON.parse(line) as BulkImportEvent;
        if (event.type === 'progress') onProgress(event);
        else return { kind: 'ok', summary: event };
      }
    }
    const last = pending.trim() === '' ? undefined : (JSON.parse(pending) as BulkImportEvent);
    if (last?.type === 'summary') return { kind: 'ok', summary: last };
  } catch {
    return { kind: 'offline' };
  }
  return { kind: 'error' };
}
