/**
 * `/api/drafts`: the agency's drafts. Every route needs a session, and a draft of another agency
 * answers 404 as if it did not exist (its id says nothing to a stranger). Publishing needs the
 * publisher role.
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { DraftList, PublishResponse } from '../../contract/drafts.ts';
import { NewDraftRequestSchema, PublishRequestSchema, type NewDraftRequest } from '../../contract/drafts.ts';
import type { ReportDocument } from '../../report/model.ts';
import { parseReportJson } from '../../report/schema.ts';
import { validate } from '../../report/validate/index.ts';
import { ImportError } from '../../report/import/types.ts';
import { requireRole, requireSession, type AuthEnv, type Session } from '../auth/session.ts';
import type { AuthOptions } from '../auth/options.ts';
import {
  blankDraft,
  documentOfDraft,
  draftFromDocument,
  draftFromPrevious,
  draftReportId,
  initialFields,
  isAgencyReport,
  reportIdentity,
} from '../drafts/document.ts';
import { ApiError } from '../errors.ts';
import { digestOf } from '../oversight/digest.ts';
import { queryInt, readJson } from '../request.ts';
import { StorageError, type DraftSnapshot, type DraftSource, type DraftSummary, type ServerStorage } from '../storage/types.ts';
import { draftSummaryWire, draftWire, historyWire } from './wire.ts';

const HISTORY_PAGE = 500;

function newDraftId(): string {
  return `d${randomBytes(12).toString('base64url')}`;
}

/** The agency's latest published report, or the one asked for (which must be the agency's). */
async function previousDocument(storage: ServerStorage, session: Session, reportId: string | undefined): Promise<ReportDocument> {
  const { agency } = session;
  if (reportId !== undefined) {
    const report = await storage.getReport(reportId);
    if (report === undefined) throw new ApiError(404, 'report_not_found', `No published report with id ${reportId}`);
    if (!isAgencyReport(agency, reportIdentity(report.document))) {
      throw new ApiError(422, 'agency_mismatch', `Report ${reportId} is not one of ${agency.nameZh}`);
    }
    return report.document;
  }
  // The agency's reports by index (`<agency>-<year>` ids); only an agency with none looks through
  // every report for one named after it (an import with another id): a region holds 14,000.
  const indexed = await storage.agenciesReports([agency.id]);
  const own = indexed.length > 0 ? indexed : (await storage.listReports()).filter((r) => isAgencyReport(agency, { id: r.id, year: r.year, agencyZh: r.agency.zh }));
  const latest = own.sort((a, b) => b.year - a.year)[0];
  const report = latest === undefined ? undefined : await storage.getReport(latest.id);
  if (report === undefined) throw new ApiError(404, 'report_not_found', `${agency.nameZh} has no published report yet: start from a blank template`);
  return report.document;
}

interface NewDraftDocument {
  document: ReportDocument;
  source: DraftSource;
  previousReportId?: string;
}

async function documentFor(storage: ServerStorage, session: Session, body: NewDraftRequest): Promise<NewDraftDocument> {
  if (body.from === 'blank') return { document: blankDraft(session.agency, body.template, body.year), source: 'blank' };
  if (body.from === 'previous') {
    const previous = await previousDocument(storage, session, body.reportId);
    return { document: draftFromPrevious(session.agency, previous), source: 'previous', previousReportId: previous.id };
  }
  if (body.document === undefined) throw new ApiError(400, 'invalid_body', 'missing key document');
  let document: ReportDocument;
  try {
    document = parseReportJson(JSON.stringify(body.document));
  } catch (error) {
    if (error instanceof ImportError) throw new ApiError(400, 'invalid_document', `document: ${error.message}`);
    throw error;
  }
  if (!isAgencyReport(session.agency, reportIdentity(document))) {
    throw new ApiError(422, 'agency_mismatch', `The document is a report of ${document.meta.agency.zh}, not of ${session.agency.nameZh}`);
  }
  const made = { document: draftFromDocument(session.agency, document), source: body.source ?? 'document' };
  if (body.previousReportId === undefined) return made;
  // Checked as `from: previous` checks it: a published report of this agency.
  const previous = await previousDocument(storage, session, body.previousReportId);
  return { ...made, previousReportId: previous.id };
}

/** The previous year's published report, for the cross-year rules: the one the draft started from, or `<agency>-<year-1>`. */
async function previousForValidation(storage: ServerStorage, draft: DraftSummary, session: Session): Promise<ReportDocument | undefined> {
  const ids = new Set([draft.previousReportId, draftReportId(session.agency, draft.year - 1)]);
  for (const id of ids) {
    if (id === undefined) continue;
    const report = await storage.getReport(id);
    if (report !== undefined && report.document.meta.year === draft.year - 1) return report.document;
  }
  return undefined;
}

/**
 * `onPublished` runs after a publication's commit, before the answer (app.ts: the report's
 * pre-rendered pages). It must not throw: the report is published whatever it does.
 */
export function draftRoutes(
  storage: ServerStorage,
  options: AuthOptions,
  now: () => Date,
  onPublished: (report: { id: string; version: number }) => void = () => undefined,
): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  routes.use('*', requireSession(storage, options, now));

  /** The draft's snapshot when it is the session's agency's; 404 otherwise. */
  const ownSnapshot = async (session: Session, id: string): Promise<DraftSnapshot> => {
    const snapshot = await storage.draftSnapshot(id);
    if (snapshot === undefined || snapshot.draft.agencyId !== session.agency.id) throw new ApiError(404, 'draft_not_found', `No draft ${id}`);
    return snapshot;
  };

  routes.get('/', async (c) => {
    const list: DraftList = { drafts: (await storage.listDrafts(c.var.session.agency.id)).map(draftSummaryWire) };
    c.header('Cache-Control', 'no-store');
    return c.json(list);
  });

  /** The draft already made under a client's id (a repeated creation), or undefined when there is none. */
  const madeBefore = async (session: Session, id: string | undefined): Promise<DraftSnapshot | undefined> => {
    if (id === undefined) return undefined;
    const existing = await storage.getDraft(id);
    if (existing === undefined) return undefined;
    if (existing.agencyId !== session.agency.id) throw new ApiError(409, 'draft_id_taken', `The draft id ${id} is taken: choose another`);
    return ownSnapshot(session, id);
  };

  routes.post('/', async (c) => {
    const session = c.var.session;
    const body = await readJson(c, NewDraftRequestSchema);
    const repeated = await madeBefore(session, body.id);
    if (repeated !== undefined) return c.json(draftWire(repeated), 200);
    const { document, source, previousReportId } = await documentFor(storage, session, body);
    const id = body.id ?? newDraftId();
    try {
      await storage.createDraft({
        id,
        agencyId: session.agency.id,
        reportId: document.id,
        year: document.meta.year,
        template: document.meta.template,
        source,
        ...(previousReportId === undefined ? {} : { previousReportId }),
        createdBy: session.user.id,
        fields: initialFields(document),
      });
    } catch (error) {
      if (error instanceof StorageError && error.code === 'exists') {
        // The same creation twice at once: the one that lost answers what the other made.
        const concurrent = await madeBefore(session, body.id);
        if (concurrent !== undefined) return c.json(draftWire(concurrent), 200);
        throw new ApiError(409, 'draft_exists', `${session.agency.nameZh} already has a draft for ${document.meta.year}`);
      }
      throw error;
    }
    return c.json(draftWire(await ownSnapshot(session, id)), 201);
  });

  routes.get('/:id', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(draftWire(await ownSnapshot(c.var.session, c.req.param('id'))));
  });

  routes.get('/:id/history', async (c) => {
    const draft = await storage.getDraft(c.req.param('id'));
    if (draft === undefined || draft.agencyId !== c.var.session.agency.id) {
      throw new ApiError(404, 'draft_not_found', `No draft ${c.req.param('id')}`);
    }
    const after = queryInt(c, 'after', 0);
    const limit = Math.max(1, queryInt(c, 'limit', HISTORY_PAGE, HISTORY_PAGE));
    c.header('Cache-Control', 'no-store');
    return c.json(historyWire(await storage.history(draft.id, { after, limit }), limit));
  });

  routes.post('/:id/publish', async (c) => {
    const session = c.var.session;
    requireRole(session, 'publisher');
    const body = await readJson(c, PublishRequestSchema);
    const snapshot = await ownSnapshot(session, c.req.param('id'));
    if (snapshot.conflicts.length > 0) {
      throw new ApiError(409, 'unresolved_conflicts', `Resolve the ${snapshot.conflicts.length} open conflict(s) of this draft first`);
    }
    const built = documentOfDraft(snapshot.draft, session.agency, snapshot.fields);
    let document: ReportDocument;
    try {
      document = parseReportJson(JSON.stringify(built));
    } catch (error) {
      if (error instanceof ImportError) throw new ApiError(422, 'invalid_document', `The draft is not a valid report: ${error.message}`);
      throw error;
    }
    const previous = await previousForValidation(storage, snapshot.draft, session);
    const findings = validate(document, previous === undefined ? {} : { previous });
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    if (errors.length > 0) {
      throw new ApiError(409, 'publish_blocked', `${errors.length} error(s) block publishing`, { findings });
    }
    if (warnings.length > 0 && !body.acknowledgeWarnings) {
      throw new ApiError(409, 'warnings_unacknowledged', `${warnings.length} warning(s) need acknowledgeWarnings: true`, { findings });
    }
    if (snapshot.draft.publishedVersion !== undefined && body.note === undefined) {
      throw new ApiError(409, 'note_required', `Version ${snapshot.draft.publishedVersion} is published: a correction needs a note`);
    }
    const published = await storage.publishReport(document, {
      ...(body.note === undefined ? {} : { note: body.note }),
      publishedBy: session.user.id,
      digest: digestOf(document, findings),
    });
    const { id, version, publishedAt, note } = published;
    onPublished({ id, version });
    const response: PublishResponse = { report: { id, version, publishedAt, ...(note === undefined ? {} : { note }) }, warnings };
    return c.json(response, 201);
  });

  return routes;
}
