/**
 * Drafts as documents: the fields a new draft starts with (from a blank template, the agency's
 * previous report, or an imported document), and the document a draft's fields make at publish.
 */
import { nextYearDraft } from '../../report/carry-over.ts';
import { agencyReportId, blankReport } from '../../report/factory.ts';
import { documentOfFields, toFields, type FieldKey, type FieldValue } from '../../report/fields.ts';
import type { ReportDocument, TemplateId } from '../../report/model.ts';
import { sameAgency } from '../../report/validate/context.ts';
import type { FieldState } from '../../contract/sync.ts';
import type { Agency } from '../storage/types.ts';

/** A draft's report id: `<agency>-<year>`. */
export function draftReportId(agency: Agency, year: number): string {
  return agencyReportId(agency.id, year);
}

function agencyName(agency: Agency): { zh: string; bo?: string } {
  return agency.nameBo === undefined ? { zh: agency.nameZh } : { zh: agency.nameZh, bo: agency.nameBo };
}

/** A blank draft of a template, with the agency's names and level. */
export function blankDraft(agency: Agency, template: TemplateId, year: number): ReportDocument {
  const doc = blankReport({ id: draftReportId(agency, year), template, year, agencyZh: agency.nameZh, level: agency.level });
  doc.meta.agency = agencyName(agency);
  return doc;
}

/** Next year's draft from a published report (carry-over rules in report/carry-over.ts). */
export function draftFromPrevious(agency: Agency, previous: ReportDocument): ReportDocument {
  const year = previous.meta.year + 1;
  return nextYearDraft(previous, { id: draftReportId(agency, year), agency: agencyName(agency), level: agency.level });
}

/** An imported document as the agency's draft for its year; a missing Tibetan name comes from the agency. */
export function draftFromDocument(agency: Agency, document: ReportDocument): ReportDocument {
  const draft = { ...structuredClone(document), id: draftReportId(agency, document.meta.year) };
  if (draft.meta.agency.bo === undefined && agency.nameBo !== undefined) draft.meta.agency.bo = agency.nameBo;
  return draft;
}

/**
 * True when a report is this agency's: its id is `<agency>-<year>`, or its agency.zh is the
 * agency's name, with or without the parent division (the validator's sameAgency).
 */
export function isAgencyReport(agency: Agency, report: { id: string; year: number; agencyZh: string }): boolean {
  return report.id === draftReportId(agency, report.year) || sameAgency(report.agencyZh, agency.nameZh);
}

/** The fields isAgencyReport reads, from a document. */
export function reportIdentity(document: ReportDocument): { id: string; year: number; agencyZh: string } {
  return { id: document.id, year: document.meta.year, agencyZh: document.meta.agency.zh };
}

/** The fields of a new draft, in document order. */
export function initialFields(document: ReportDocument): [FieldKey, FieldValue][] {
  return [...toFields(document)];
}

/** The document a draft's fields make: what is validated and published (report/fields.ts). */
export function documentOfDraft(
  draft: { reportId: string; year: number; template: TemplateId },
  agency: Agency,
  fields: ReadonlyMap<FieldKey, FieldState>,
): ReportDocument {
  const values = [...fields].map(([key, state]): [FieldKey, FieldValue] => [key, state.value]);
  return documentOfFields(draft, values, { agency: agencyName(agency), level: agency.level });
}
