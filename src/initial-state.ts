/**
 * The state a pre-rendered page carries for the app to hydrate with, as a data block in the page:
 * `<script type="application/json" id="lotho-state">`. A data block is not a script (CSP
 * `script-src 'self'` does not apply to it, nothing runs it); the app reads it, checks it like
 * anything from the network, and renders the same report the HTML shows without fetching it.
 */
import * as v from 'valibot';
import type { Lang, ReportDocument } from './report/model.ts';
import { checkReport } from './stores/reports-api.ts';
import type { PrimedReport } from './stores/reports.ts';
import { ServedOverlaySchema } from './stores/translations.ts';
import type { ServedOverlay } from './report/review/overlay.ts';
import { DirectoryListingSchema, type DirectoryListing } from './contract/directory.ts';

/** id of the data block. */
export const STATE_ELEMENT_ID = 'lotho-state';

/** What a pre-rendered report page was rendered from. */
export interface InitialState {
  /** Format version of this block. */
  v: 1;
  lang: Lang;
  /** The report as GET /api/reports/:id returns it (version and publication time). */
  report: { id: string; version: number; updatedAt: string; document: ReportDocument };
  /** When the page was rendered (ISO 8601). */
  renderedAt: string;
  /** The deployment's reviewed Tibetan the page was rendered with, when it has any. */
  translations?: ServedOverlay;
}

const EnvelopeSchema = v.object({
  v: v.literal(1),
  lang: v.picklist(['zh', 'bo']),
  report: v.object({
    id: v.string(),
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    updatedAt: v.string(),
    document: v.unknown(),
  }),
  renderedAt: v.pipe(v.string(), v.isoTimestamp()),
  translations: v.optional(ServedOverlaySchema),
});

/**
 * The state as the text of a `<script type="application/json">`: `<` is escaped so that no
 * `</script>` or `<!--` in a report's text can end the block or change how it is parsed, and the
 * line separators U+2028/2029 are escaped for old parsers.
 */
export function serializeState(state: InitialState | ListingState): string {
  return JSON.stringify(state)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The checked state, or undefined when the text is missing or not a valid state. */
export function parseState(text: string | null | undefined): InitialState | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const envelope = v.safeParse(EnvelopeSchema, value);
  if (!envelope.success) return undefined;
  const { lang, report, renderedAt, translations } = envelope.output;
  const document = checkReport(report.document);
  if (document === undefined || document.id !== report.id) return undefined;
  return { v: 1, lang, report: { ...report, document }, renderedAt, ...(translations === undefined ? {} : { translations }) };
}

/** The state of this page, if it was pre-rendered. */
export function readState(doc: Document): InitialState | undefined {
  return parseState(doc.getElementById(STATE_ELEMENT_ID)?.textContent);
}

/** The report of a state, as the reports store takes it. */
export function primedReport(state: InitialState): PrimedReport {
  const { id, version, updatedAt, document } = state.report;
  return { id, version, updatedAt, document, renderedAt: Date.parse(state.renderedAt) };
}

/** id of the data block of a server-rendered directory page (home, agency). */
export const LISTING_ELEMENT_ID = 'lotho-listing';

/** What a server-rendered directory page was rendered from. */
export interface ListingState {
  v: 1;
  lang: Lang;
  /** Which listing it is (stores/directory.ts directoryKey): the page asks again for any other. */
  key: string;
  listing: DirectoryListing;
  renderedAt: string;
  /** The deployment's reviewed Tibetan the page was rendered with, when it has any (hydration must match). */
  translations?: ServedOverlay;
}

const ListingEnvelopeSchema = v.object({
  v: v.literal(1),
  lang: v.picklist(['zh', 'bo']),
  key: v.string(),
  listing: DirectoryListingSchema,
  renderedAt: v.pipe(v.string(), v.isoTimestamp()),
  translations: v.optional(ServedOverlaySchema),
});

/** The checked listing state, or undefined when the text is missing or not a valid one. */
export function parseListingState(text: string | null | undefined): ListingState | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  try {
    const parsed = v.safeParse(ListingEnvelopeSchema, JSON.parse(text));
    if (!parsed.success) return undefined;
    const { translations, ...state } = parsed.output;
    return { ...state, ...(translations === undefined ? {} : { translations }) };
  } catch {
    return undefined;
  }
}

/** The listing state of this page, if the server rendered it. */
export function readListingState(doc: Document): ListingState | undefined {
  return parseListingState(doc.getElementById(LISTING_ELEMENT_ID)?.textContent);
}
