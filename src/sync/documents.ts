/**
 * A draft's document from its fields, on the device: what the editor shows and validates, what a
 * queued creation sends, and what is exported. The server builds the same from its fields
 * (src/server/drafts/document.ts documentOfDraft); year and template are the draft's, fixed at
 * creation.
 */
import { applyFields, type FieldKey, type FieldValue } from '../report/fields.ts';
import type { ReportDocument, TemplateId } from '../report/model.ts';

/** What fixes a draft's shape: its report id, year and template. */
export interface DraftShape {
  /** The report id the draft publishes as (`<agency>-<year>`), or any id for a local document. */
  reportId: string;
  year: number;
  template: TemplateId;
}

/** The report document of a draft's fields. */
export function draftDocument(shape: DraftShape, fields: Iterable<[FieldKey, FieldValue]>): ReportDocument {
  const skeleton: ReportDocument = {
    schema: 1,
    id: shape.reportId,
    meta: { agency: { zh: '' }, level: 'county', year: shape.year, template: shape.template },
    sections: {},
    cells: {},
    units: {},
  };
  const doc = applyFields(skeleton, fields);
  doc.meta.year = shape.year;
  doc.meta.template = shape.template;
  return doc;
}
