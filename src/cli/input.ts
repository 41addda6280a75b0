/** Reading a report file for a command: file-system errors and import errors become CliFailures. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { importFile, type SuppliedMeta } from '../report/import/index.ts';
import { recogniseScan } from '../report/import/ocr/lazy.ts';
import { ImportError, type ImportResult } from '../report/import/types.ts';
import { MAX_SOURCE_BYTES } from '../report/import/sources/index.ts';
import { CliFailure } from './output.ts';

const FS_CODES: Record<string, string> = {
  ENOENT: 'file_not_found',
  ENOTDIR: 'file_not_found',
  EISDIR: 'not_a_file',
  EACCES: 'permission_denied',
  EPERM: 'permission_denied',
};

/** A file-system error on `file` as a CliFailure (exit 2). */
export function fsFailure(error: unknown, file: string): CliFailure {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const mapped = FS_CODES[code];
  return mapped === undefined
    ? new CliFailure('unreadable', file, code === '' ? String(error) : code, undefined, error)
    : new CliFailure(mapped, file, undefined, undefined, error);
}

/**
 * Reads and imports one file, with what the user supplied (--year, --agency, --template) for
 * what the file may not say. Throws CliFailure (exit 2) when it cannot be read or is not a report.
 */
export async function readReport(file: string, supplied: SuppliedMeta = {}): Promise<ImportResult> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliFailure('not_a_file', file);
    // Refuse an oversized file before reading it, so a mistaken path to a video costs nothing.
    if (info.size > MAX_SOURCE_BYTES) throw new CliFailure('too_large', file);
    const buffer = await readFile(file);
    // A plain Uint8Array view: pdf.js refuses Node's Buffer subclass.
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw error instanceof CliFailure ? error : fsFailure(error, file);
  }
  try {
    return await importFile(bytes, basename(file), { ...supplied, recognise: recogniseScan });
  } catch (error) {
    if (error instanceof ImportError) {
      const reason = error.params.reason;
      throw new CliFailure(error.code, file, reason === undefined ? undefined : String(reason), undefined, error);
    }
    throw error;
  }
}
