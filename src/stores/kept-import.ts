/**
 * What the importer said about a draft made from a file, kept with the draft on this device
 * (DraftRow.importReport) until the official dismisses it. Read back through its schema, as
 * everything from IndexedDB is.
 */
import * as v from 'valibot';
import { ImportReportSchema } from '../report/import/schema.ts';

/** The import report's own schema (report/import/schema.ts), with whether the import was complete. */
const KeptImportSchema = v.object({ complete: v.boolean(), report: ImportReportSchema });

/** An import report kept with a draft until the official dismisses it. */
export type KeptImport = v.InferOutput<typeof KeptImportSchema>;

/** The kept import report of a draft row, or null when there is none or it does not parse. */
export function readKeptImport(value: unknown): KeptImport | null {
  const parsed = v.safeParse(KeptImportSchema, value);
  return parsed.success ? parsed.output : null;
}
