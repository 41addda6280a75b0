/**
 * The drafts on this device and making new ones: from a blank template, from last year's report
 * (carry-over) or from an imported file. A new draft is stored on the device at once and its
 * creation on the server queued (sync/client.ts). The draft open in the editor is
 * draft-editor.ts's.
 */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { DraftRow } from '../db/index.ts';
import { getCachedReport } from '../db/reports.ts';
import { nextYearDraft } from '../report/carry-over.ts';
import { agencyReportId, blankReport } from '../report/factory.ts';
import { metaField, toFields, type FieldKey } from '../report/fields.ts';
import type { ImportReport, ImportResult, SuppliedMeta } from '../report/import/types.ts';
import type { ReportDocument, TemplateId } from '../report/model.ts';
import type { KnownField } from '../sync/replica.ts';
import type { KeptImport } from './kept-import.ts';
import { checkReport, fetchReport } from './reports-api.ts';
import { useSessionStore } from './session.ts';
import { useSyncStore } from './sync.ts';

export type { ImportReport };

/** A draft as the list shows it. */
export interface DraftListing {
  id: string;
  /** `<agency>-<year>`: the draft's address on every device (`/:lang/drafts/<reportId>/<step>`). */
  reportId: string;
  year: number;
  template: TemplateId;
  agency: { zh: string; bo?: string };
  updatedAt: number;
  /** The server does not have it yet. */
  local: boolean;
  publishedVersion: number | null;
  /** Edits of this draft not acknowledged yet. */
  unsent: number;
  conflicts: number;
}

/** Why an action on drafts failed, for drafts.errors.<code>. */
export type DraftError =
  | 'storage'
  | 'exists'
  | 'no_previous'
  | 'offline'
  | 'import_failed'
  | 'not_synced'
  | 'conflicts'
  | 'publish_blocked'
  | 'warnings_unacknowledged'
  | 'note_required'
  | 'forbidden'
  | 'server';

/** A new local draft id (the protocol's id pattern). */
function newDraftId(): string {
  return `l${crypto.randomUUID().replaceAll('-', '')}`;
}

/** A text field's value, '' when absent or not text. */
export function textValue(fields: ReadonlyMap<FieldKey, KnownField>, key: FieldKey): string {
  const value = fields.get(key)?.value;
  return typeof value === 'string' ? value : '';
}

/** The report id of the signed-in official's agency for a year (`draft-<year>` before sign-in). */
export function officialReportId(agencyId: string | undefined, year: number): string {
  return agencyReportId(agencyId ?? 'draft', year);
}

export const useDraftsStore = defineStore('drafts', () => {
  const session = useSessionStore();
  const sync = useSyncStore();

  const list = ref<DraftListing[]>([]);
  const listLoaded = ref(false);
  /**
   * The list was read after this device's first completed sync: only then is an empty list
   * "no drafts". Before it (a new device, or one reloaded while its first sync ran) the agency's
   * drafts may still be on their way from the server, and "no drafts yet, make one" would be wrong.
   */
  const listSynced = ref(false);
  /** Reads of the list started so far, and the latest of them whose answer the list shows. */
  let listReads = 0;
  let shownRead = 0;
  const error = ref<DraftError | null>(null);

  const reportIdOf = (year: number): string => officialReportId(session.user?.agency.id, year);

  function replica() {
    const r = session.replica;
    if (r === null) throw new Error('not signed in');
    return r;
  }

  /**
   * Reloads the list of drafts on this device. Reads overlap (the page's own, one after every
   * change the sync makes): one that finishes after a later-begun read was shown read an older
   * state, so it is dropped rather than put the list back to what it was (a draft just pulled,
   * gone again). Any other read is shown as soon as it finishes, without waiting for the reads
   * begun after it: during a first sync that changes the replica again and again, "the latest"
   * read would only come once the changes stopped, and the list (and whoever awaits it) would wait
   * as long. Resolves once the list shows this read or a later-begun one.
   */
  async function loadList(): Promise<void> {
    await readList(++listReads);
  }

  async function readList(read: number): Promise<void> {
    const r = session.replica;
    if (r === null) {
      list.value = [];
      return;
    }
    try {
      const [rows, pending, open, meta] = await Promise.all([r.drafts(), r.pending(), r.conflicts(), r.meta()]);
      const listings: DraftListing[] = [];
      for (const d of rows) {
        const f = await r.draftFields(d.id);
        const zh = textValue(f, metaField('agency.zh'));
        const bo = textValue(f, metaField('agency.bo'));
        listings.push({
          id: d.id,
          reportId: reportIdOf(d.year),
          year: d.year,
          template: d.template,
          agency: bo === '' ? { zh } : { zh, bo },
          updatedAt: d.updatedAt,
          local: d.serverId === null,
          publishedVersion: d.publishedVersion,
          unsent: pending.filter((p) => p.mutation.draftId === d.id).length,
          conflicts: open.filter((c) => c.draftId === d.id).length,
        });
      }
      if (read < shownRead) return;
      shownRead = read;
      list.value = listings.sort((a, b) => b.year - a.year || b.updatedAt - a.updatedAt);
      listSynced.value = meta.lastSuccessAt !== null;
      listLoaded.value = true;
    } catch {
      if (read > shownRead) error.value = 'storage';
    }
  }

  /**
   * Stores a new draft made on this device; its creation on the server is queued. Resolves with
   * its address (its report id: `/:lang/drafts/<address>`), or null when the official has a draft
   * of that year already or the device could not store it (`error` says which). Waits for its
   * own transaction only: the list reloads after it (sync.editMade), not before the editor opens.
   */
  async function addLocal(doc: ReportDocument, source: DraftRow['source'], extra: { previousReportId?: string; importReport?: KeptImport } = {}): Promise<string | null> {
    const user = session.user;
    if (user !== null) {
      doc.meta.agency = user.agency.bo === undefined ? { zh: user.agency.zh } : { zh: user.agency.zh, bo: user.agency.bo };
    }
    const id = newDraftId();
    const reportId = reportIdOf(doc.meta.year);
    const fields = toFields({ ...doc, id: reportId });
    const now = Date.now();
    let existing: string | undefined;
    try {
      existing = await replica().addNewDraft(
        {
          id,
          serverId: null,
          template: doc.meta.template,
          year: doc.meta.year,
          source,
          previousReportId: extra.previousReportId ?? null,
          publishedVersion: null,
          createdAt: now,
          updatedAt: now,
          base: Object.fromEntries(fields),
          importReport: extra.importReport ?? null,
        },
        [...fields].map(([field, value]) => [field, { value, rev: 0 }]),
      );
    } catch {
      error.value = 'storage';
      return null;
    }
    if (existing !== undefined) {
      error.value = 'exists';
      return null;
    }
    error.value = null;
    sync.editMade();
    return reportId;
  }

  /** A blank draft of a template (works offline); resolves with its address (addLocal). */
  async function createBlank(template: TemplateId, year: number): Promise<string | null> {
    const user = session.user;
    const doc = blankReport({ id: reportIdOf(year), template, year, agencyZh: user?.agency.zh ?? '', level: user?.agency.level ?? 'county' });
    return addLocal(doc, 'blank');
  }

  /**
   * Next year's draft from a published report (report/carry-over.ts): 二、上年结转 ← 四、结转, the
   * 2021 现行有效件数 baseline, metadata and prose. Uses the copy on this device when there is one.
   */
  async function createFromPrevious(reportId: string): Promise<string | null> {
    let previousDoc = checkReport((await getCachedReport(reportId).catch(() => undefined))?.document);
    if (previousDoc === undefined) {
      const answer = await fetchReport(reportId, null).catch(() => undefined);
      if (answer === undefined) {
        error.value = 'offline';
        return null;
      }
      if (answer.kind !== 'ok') {
        error.value = 'no_previous';
        return null;
      }
      previousDoc = answer.report;
    }
    const user = session.user;
    const agency = user === null ? previousDoc.meta.agency : user.agency.bo === undefined ? { zh: user.agency.zh } : { zh: user.agency.zh, bo: user.agency.bo };
    const doc = nextYearDraft(previousDoc, { id: reportIdOf(previousDoc.meta.year + 1), agency, level: user?.agency.level ?? previousDoc.meta.level });
    return addLocal(doc, 'previous', { previousReportId: reportId });
  }

  /**
   * Imports a file in the browser (the PDF and Word readers load on demand), with what the
   * official supplied for what the file does not say (the year, the template).
   */
  async function importDocument(bytes: Uint8Array, fileName: string, supplied: SuppliedMeta = {}): Promise<ImportResult | { error: string }> {
    try {
      const [{ importFile }, { browserPdfOptions }] = await Promise.all([import('../report/import/index.ts'), import('../modules/import-readers.ts')]);
      return await importFile(bytes, fileName, { ...supplied, id: newDraftId(), pdf: browserPdfOptions });
    } catch (cause) {
      const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : 'unreadable';
      return { error: code };
    }
  }

  /** A draft from an imported document, keeping the import report to show in the editor. */
  async function createFromImport(doc: ReportDocument, report: ImportReport, complete: boolean): Promise<string | null> {
    return addLocal(structuredClone(doc), 'document', { importReport: { report, complete } });
  }

  watch(
    () => sync.version,
    () => void loadList(),
  );

  return { list, listLoaded, listSynced, error, loadList, createBlank, createFromPrevious, importDocument, createFromImport };
});
