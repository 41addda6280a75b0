/**
 * The import report as data kept with a draft (IndexedDB) and checked when read back: one
 * definition beside the type it mirrors. Fields added later are optional with a default, so an
 * import report kept by an older version still reads.
 */
import * as v from 'valibot';
import { SECTION_KEYS } from '../model.ts';
import { TEMPLATE_IDS } from '../templates/index.ts';
import { SUPPLIED_FIELDS, UNCERTAIN_REASONS, type ImportReport } from './types.ts';

const str = v.string();
const TABLE = v.picklist(['active', 'requests', 'appeals']);
const YEAR_SOURCE = v.picklist(['supplied', 'title', 'statement', 'period', 'prose', 'file_name', 'published']);

export const ImportReportSchema = v.object({
  format: v.picklist(['txt', 'html', 'docx', 'pdf', 'json']),
  template: v.object({ id: v.picklist(TEMPLATE_IDS), decidedBy: v.picklist(['headers', 'year', 'document', 'supplied']), evidence: v.array(str) }),
  missingSections: v.array(v.picklist(SECTION_KEYS)),
  missingTables: v.array(TABLE),
  missingRows: v.array(v.object({ table: TABLE, row: str })),
  sums: v.optional(v.array(v.object({ table: TABLE, holding: v.number(), checked: v.number() })), []),
  uncertain: v.optional(v.array(v.object({ cell: str, reason: v.picklist(UNCERTAIN_REASONS) })), []),
  unplaced: v.array(v.object({
    table: TABLE,
    context: str,
    values: v.array(str),
    reason: v.picklist(['unknown_row', 'count_mismatch', 'extra_values', 'not_a_number']),
  })),
  skipped: v.array(v.object({ text: str, reason: v.picklist(['page_furniture', 'portal_chrome', 'conversion_artefact']) })),
  missingMeta: v.array(str),
  needs: v.optional(v.array(v.picklist(SUPPLIED_FIELDS)), []),
  year: v.optional(
    v.object({
      value: v.optional(v.number()),
      source: v.optional(YEAR_SOURCE),
      evidence: v.array(v.object({ source: YEAR_SOURCE, year: v.number(), text: str })),
    }),
    { evidence: [] },
  ),
  notes: v.array(v.object({ code: str, params: v.record(str, v.union([str, v.number()])) })),
});

/** The schema's output is the ImportReport type (checked here, at compile time). */
export function asImportReport(value: v.InferOutput<typeof ImportReportSchema>): ImportReport {
  return value;
}
