/**
 * `/api/oversight*`: what a signed-in user reads of the agencies of its subtree (its own agency and
 * every agency below it), read only. Any agency outside the subtree answers 404 as if it did not
 * exist. Exports are attachments named after the agency and year.
 */
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { beijingDate, reportingYear } from '../../report/deadline.ts';
import { LANGS, type Lang, type ReportDocument } from '../../report/model.ts';
import { MAX_REPORT_YEAR, MIN_REPORT_YEAR } from '../../report/schema.ts';
import { AgencyIdSchema } from '../../contract/common.ts';
import type { AuthOptions } from '../auth/options.ts';
import { requireSession, type AuthEnv } from '../auth/session.ts';
import { ApiError } from '../errors.ts';
import { csvText } from '../oversight/csv.ts';
import { figuresTable } from '../oversight/figures-table.ts';
import { messagesOf } from '../oversight/messages.ts';
import { EMPTY_OVERLAY, type TranslationOverlay } from '../../report/review/overlay.ts';
import { withOverlayMessages } from '../../report/review/overlay-messages.ts';
import { figuresWorkbook } from '../oversight/xlsx.ts';
import { reportsZip } from '../oversight/zip.ts';
import { freshReads } from '../fresh-read.ts';
import { stampedAnswers } from '../stamped-answers.ts';
import type { Oversight } from '../oversight/service.ts';
import { queryInt } from '../request.ts';
import type { Agency, ServerStorage } from '../storage/types.ts';

/** The `year` of the query (default: the year being reported on the server's Beijing date). */
function queryYear(c: Context, now: () => Date): number {
  const year = queryInt(c, 'year', reportingYear(beijingDate(now())), MAX_REPORT_YEAR);
  if (year < MIN_REPORT_YEAR) throw new ApiError(400, 'invalid_query', `year must be ${MIN_REPORT_YEAR}–${MAX_REPORT_YEAR}`);
  return year;
}

/** The language of the files (`?lang=zh|bo`, default zh). */
function queryLang(c: Context): Lang {
  const raw = c.req.query('lang') ?? 'zh';
  const lang = LANGS.find((l) => l === raw);
  if (lang === undefined) throw new ApiError(400, 'invalid_query', 'lang must be zh or bo');
  return lang;
}

/** The agency whose subtree is asked about: `?agency=` when it is the user's or below it, else the user's own. */
async function queryAgency(c: Context<AuthEnv>, oversight: Oversight): Promise<Agency> {
  const raw = c.req.query('agency');
  if (raw !== undefined && !v.is(AgencyIdSchema, raw)) throw new ApiError(400, 'invalid_query', 'agency must be an agency id');
  const agency = await oversight.scope(c.var.session.agency, raw);
  if (agency === undefined) throw new ApiError(404, 'agency_not_found', `No agency ${raw ?? ''} in your part of the hierarchy`);
  return agency;
}

/** The published documents of the rows, by report id, read one at a time (a region's would not fit at once). */
async function publishedDocuments(storage: ServerStorage, reportIds: readonly string[]): Promise<Map<string, ReportDocument>> {
  const documents = new Map<string, ReportDocument>();
  for (const id of reportIds) {
    const report = await storage.getReport(id);
    if (report !== undefined) documents.set(id, report.document);
  }
  return documents;
}

export function oversightRoutes(
  storage: ServerStorage,
  oversight: Oversight,
  options: AuthOptions,
  now: () => Date,
  reviewed: () => Promise<TranslationOverlay> = () => Promise.resolve(EMPTY_OVERLAY),
): Hono<AuthEnv> {
  const routes = new Hono<AuthEnv>();
  /** The labels of a file: in Tibetan, with the deployment's reviewed Tibetan. */
  const labels = async (lang: Lang) => (lang === 'bo' ? withOverlayMessages(messagesOf('bo'), await reviewed()) : messagesOf(lang));
  const session = requireSession(storage, options, now);
  // Kept per oversightStamp() of the subtree asked about: its agencies, publications, and any
  // draft of it made or written. A change in another subtree keeps the answer.
  const answers = stampedAnswers(freshReads((rootId) => storage.oversightStamp(rootId)));
  for (const path of ['/oversight', '/oversight/*', '/oversight.csv', '/oversight.xlsx']) {
    routes.use(path, session);
    // Set before the answer is made: set after, Hono would copy a finished answer's body into a
    // new stream (a region's 80 kB gzip, per request).
    routes.use(path, async (c, next) => {
      c.header('Cache-Control', 'no-store');
      await next();
    });
  }

  // The same subtree, year and day give the same answer until the database changes (stamped-answers.ts).
  routes.get('/oversight', async (c) => {
    const [agency, year, at] = [await queryAgency(c, oversight), queryYear(c, now), now()];
    return answers.send(c, `rows|${agency.id}|${String(year)}|${beijingDate(at)}`, () => oversight.rows(agency, year, at), agency.id);
  });

  routes.get('/oversight/figures', async (c) => {
    const [agency, year] = [await queryAgency(c, oversight), queryYear(c, now)];
    return answers.send(c, `figures|${agency.id}|${String(year)}`, () => oversight.figures(agency, year), agency.id);
  });

  routes.get('/oversight/findings', async (c) => c.json(await oversight.findings(await queryAgency(c, oversight), queryYear(c, now))));

  /** The figures table of the query's subtree and year, with the names it goes by. */
  const table = async (c: Context<AuthEnv>, lang: Lang) => {
    const agency = await queryAgency(c, oversight);
    const year = queryYear(c, now);
    const { rows } = await oversight.rows(agency, year, now());
    const documents = await publishedDocuments(storage, rows.flatMap((r) => (r.reportId === null ? [] : [r.reportId])));
    return { agency, year, rows, table: figuresTable(year, rows, documents, await labels(lang)) };
  };

  routes.get('/oversight.csv', async (c) => {
    const { agency, year, table: figures } = await table(c, 'zh');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="lotho-${agency.id}-${year}.csv"`);
    return c.body(csvText(figures.keys, figures.rows, figures.text));
  });

  routes.get('/oversight.xlsx', async (c) => {
    const lang = queryLang(c);
    const { agency, year, table: figures } = await table(c, lang);
    const workbook = await figuresWorkbook(figures, year, await labels(lang));
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Content-Disposition', `attachment; filename="lotho-${agency.id}-${year}-${lang}.xlsx"`);
    return c.body(new Uint8Array(workbook));
  });

  routes.get('/oversight/reports.zip', async (c) => {
    const lang = queryLang(c);
    const agency = await queryAgency(c, oversight);
    const year = queryYear(c, now);
    const { rows } = await oversight.rows(agency, year, now());
    const entries = rows.flatMap((r) => (r.reportId === null ? [] : [{ reportId: r.reportId, name: lang === 'bo' ? (r.agency.bo ?? r.agency.zh) : r.agency.zh }]));
    c.header('Content-Type', 'application/zip');
    c.header('Content-Disposition', `attachment; filename="lotho-${agency.id}-${year}-${lang}.zip"`);
    return c.body(reportsZip(storage, entries, lang, await labels(lang)));
  });

  return routes;
}
