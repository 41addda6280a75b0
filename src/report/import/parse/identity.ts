/**
 * Who published the report, for which year, in which template: from the source, agreed, with
 * what the caller supplies (`--year`, `--agency`, `--template`, a manifest, the app's form)
 * filling what the source does not say. A supplied value wins over a stated one, and the
 * disagreement is noted; what neither gives is listed in `needs`, never guessed.
 */
import { agencyNameDoubt, namesSameAgency } from '../../agency-name.ts';
import type { TemplateId } from '../../templates/index.ts';
export type { SuppliedMeta };
import type { ImportReport, SuppliedField, SuppliedMeta, YearEvidence, YearSource } from '../types.ts';
import type { TemplateDecision } from './detect.ts';
import { agreeYear, yearEvidence, type YearInputs } from './year.ts';

export interface Identity {
  year?: number;
  yearInfo: ImportReport['year'];
  agency: string;
  needs: SuppliedField[];
  notes: ImportReport['notes'];
}

function conflictNote(conflicts: readonly YearEvidence[], chosen: number, source: YearSource): ImportReport['notes'][number] {
  const stated = conflicts.map((c) => `${c.source}:${c.year}`).join(', ');
  return { code: 'year_conflict', params: { year: chosen, source, stated } };
}

/**
 * The agency the source states, or '' when it cannot be taken as certain (a note says why): a
 * name that does not name one agency in full (agency-name.ts). A person is asked instead: a
 * wrong agency would be published under the report.
 */
function takeStatedAgency(name: string, notes: ImportReport['notes']): string {
  if (name === '') return '';
  const doubt = agencyNameDoubt(name);
  if (doubt !== undefined) {
    notes.push({ code: 'agency_not_taken', params: { found: name, reason: doubt } });
    return '';
  }
  return name;
}

/** Year and agency from the source and the supplied values. */
export function decideIdentity(inputs: YearInputs, titleAgency: string | undefined, supplied: SuppliedMeta): Identity {
  const evidence = yearEvidence(inputs);
  const agreed = agreeYear(evidence);
  const notes: ImportReport['notes'] = [];
  const needs: SuppliedField[] = [];
  let year = agreed.year;
  let source = agreed.source;
  if (supplied.year !== undefined) {
    if (year !== undefined && year !== supplied.year) {
      notes.push({ code: 'supplied_differs', params: { field: 'year', found: year, supplied: supplied.year } });
    }
    year = supplied.year;
    source = 'supplied';
  } else if (year !== undefined && source !== undefined && agreed.conflicts.length > 0) {
    notes.push(conflictNote(agreed.conflicts, year, source));
  }
  if (year === undefined) needs.push('year');
  else if (source === 'file_name' || source === 'published') notes.push({ code: `year_from_${source}`, params: { year } });

  let agency = takeStatedAgency(titleAgency ?? '', notes);
  if (supplied.agency !== undefined) {
    // The full name supplied for the short one printed (龙口镇 / 鹤山市龙口镇人民政府) is no disagreement.
    if (agency !== '' && !namesSameAgency(agency, supplied.agency)) {
      notes.push({ code: 'supplied_differs', params: { field: 'agency', found: agency, supplied: supplied.agency } });
    }
    agency = supplied.agency;
  }
  if (agency === '') needs.push('agency');
  const yearInfo: ImportReport['year'] = { evidence };
  if (year !== undefined) yearInfo.value = year;
  if (source !== undefined) yearInfo.source = source;
  return { ...(year === undefined ? {} : { year }), yearInfo, agency, needs, notes };
}

/** The template: a supplied one wins (noted when the headers say otherwise); none found is a need. */
export function decideTemplate(found: TemplateDecision, supplied: TemplateId | undefined): { decision: ImportReport['template']; need: boolean; notes: ImportReport['notes'] } {
  const notes: ImportReport['notes'] = [];
  if (supplied !== undefined) {
    if (found.decidedBy === 'headers' && found.id !== supplied) {
      notes.push({ code: 'supplied_differs', params: { field: 'template', found: found.id, supplied } });
    }
    return { decision: { id: supplied, decidedBy: 'supplied', evidence: found.evidence }, need: false, notes };
  }
  if (found.decidedBy !== 'headers') notes.push({ code: `template_by_${found.decidedBy}`, params: { template: found.id } });
  return { decision: found, need: found.decidedBy === 'document', notes };
}
