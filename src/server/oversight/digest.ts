/**
 * A published version's digest (storage report_digests): its findings by severity and its key
 * figures. Written with the version when it is published; made here for versions published before
 * digests existed (the seed, older databases), from the same validator and the same previous-year
 * report the publication would have used.
 */
import { keyFigures } from '../../report/key-figures.ts';
import type { ReportDocument } from '../../report/model.ts';
import { validate, type Finding } from '../../report/validate/index.ts';
import type { ReportDigest, ServerStorage } from '../storage/types.ts';

/** Findings by severity. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}

/** The digest of a document whose findings are known. */
export function digestOf(document: ReportDocument, findings: readonly Finding[]): ReportDigest {
  return { ...countFindings(findings), figures: keyFigures(document) };
}

/** The previous-year report a published report is checked against: `<agency>-<year-1>`, when it is published. */
export async function previousYearReport(storage: ServerStorage, document: ReportDocument, agencyId: string | undefined): Promise<ReportDocument | undefined> {
  if (agencyId === undefined) return undefined;
  const previous = await storage.getReport(`${agencyId}-${document.meta.year - 1}`);
  return previous?.document.meta.year === document.meta.year - 1 ? previous.document : undefined;
}

/** The findings of a published report, checked as at its publication (with its previous year). */
export async function publishedFindings(storage: ServerStorage, document: ReportDocument, agencyId: string | undefined): Promise<Finding[]> {
  const previous = await previousYearReport(storage, document, agencyId);
  return validate(document, previous === undefined ? {} : { previous });
}
