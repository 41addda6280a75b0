/**
 * Drafts on this device and the one open in the editor. Every change is written to IndexedDB at
 * once, field and outbox entry in one transaction (sync/outbox.ts); a reload, a crash or a killed
 * tab loses nothing. What an official types is kept even when it cannot be a value yet (scratch).
 * Undo is a new edit restoring the value before. Findings are the validator's, live.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import * as v from 'valibot';
import type { DraftRow, ScratchRow } from '../db/index.ts';
import { getCachedReport } from '../db/reports.ts';
import { nextYearDraft } from '../report/carry-over.ts';
import { blankReport } from '../report/factory.ts';
import { checkFieldValue } from '../report/field-rules.ts';
import { sameValue, toFields, type FieldKey, type FieldValue, type TextBlock } from '../report/fields.ts';
import type { ImportReport } from '../report/import/types.ts';
import { SECTION_KEYS, type Lang, type ReportDocument, type TemplateId } from '../report/model.ts';
import { getTemplate } from '../report/templates/index.ts';
import { validate, type Finding } from '../report/validate/index.ts';
import { checkText, parseCellInput } from '../i18n/input.ts';
import { draftDocument } from '../sync/documents.ts';
import { ApiFailure } from '../sync/http.ts';
import type { KnownField } from '../sync/replica.ts';
import type { LocalConflict } from '../sync/outbox.ts';
import { checkReport, fetchReport } from './reports-api.ts';
import { currentApi, useSessionStore } from './session.ts';
import { useSyncStore } from './sync.ts';
import { loadUndo, saveUndo, type UndoStep } from './undo-history.ts';

export type { Finding, ImportReport };

/** A draft as the list shows it. */
export interface DraftListing {
  id: string;
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

const UNDO_LIMIT = 200;

const str = v.string();
/** The import report as kept with a draft (IndexedDB: checked when read back). */
const KeptImportSchema = v.object({
  complete: v.boolean(),
  report: v.object({
    format: v.picklist(['txt', 'html', 'docx', 'pdf', 'json']),
    template: v.object({ id: v.picklist(['2019', '2021']), decidedBy: v.picklist(['headers', 'year', 'document']), evidence: v.array(str) }),
    missingSections: v.array(v.picklist(SECTION_KEYS)),
    missingTables: v.array(v.picklist(['active', 'requests', 'appeals'])),
    missingRows: v.array(v.object({ table: v.picklist(['active', 'requests', 'appeals']), row: str })),
    unplaced: v.array(v.object({
      table: v.picklist(['active', 'requests', 'appeals']),
      context: str,
      values: v.array(str),
      reason: v.picklist(['unknown_row', 'count_mismatch', 'extra_values', 'not_a_number']),
    })),
    skipped: v.array(v.object({ text: str, reason: v.picklist(['page_furniture', 'portal_chrome', 'conversion_artefact']) })),
    missingMeta: v.array(str),
    notes: v.array(v.object({ code: str, params: v.record(str, v.union([str, v.number()])) })),
  }),
});

/** An import report kept with a draft until the official dismisses it. */
export type KeptImport = v.InferOutput<typeof KeptImportSchema>;

/** A new local draft id (the protocol's id pattern). */
function newDraftId(): string {
  return `l${crypto.randomUUID().replaceAll('-', '')}`;
}

function textValue(fields: ReadonlyMap<FieldKey, KnownField>, key: FieldKey): string {
  const value = fields.get(key)?.value;
  return typeof value === 'string' ? value : '';
}

export const useDraftsStore = defineStore('drafts', () => {
  const session = useSessionStore();
  const sync = useSyncStore();

  const list = ref<DraftListing[]>([]);
  const listLoaded = ref(false);
  const error = ref<DraftError | null>(null);
  /** The last edit could not be written to this device (IndexedDB failed): shown until one succeeds. */
  const saveFailed = ref(false);

  const draftId = ref<string | null>(null);
  const row = shallowRef<DraftRow | null>(null);
  const fields = shallowRef<ReadonlyMap<FieldKey, KnownField>>(new Map());
  const scratch = shallowRef<ReadonlyMap<FieldKey, string>>(new Map());
  const conflicts = shallowRef<LocalConflict[]>([]);
  /** Fields of the open draft with an edit not acknowledged yet. */
  const unsentFields = shallowRef<ReadonlySet<FieldKey>>(new Set());
  const previous = shallowRef<ReportDocument | null>(null);
  const undoStacks = new Map<string, UndoStep[]>();
  const undoDepth = ref(0);

  const document = computed<ReportDocument | null>(() => {
    const r = row.value;
    if (r === null) return null;
    const values = [...fields.value].map(([k, f]): [FieldKey, FieldValue] => [k, f.value]);
    return draftDocument({ reportId: reportIdOf(r.year), year: r.year, template: r.template }, values);
  });

  /** The validator's findings, live, with last year's report for the cross-year rules when known. */
  const findings = computed<Finding[]>(() => {
    const doc = document.value;
    if (doc === null) return [];
    return validate(doc, previous.value === null ? {} : { previous: previous.value });
  });

  /** What the importer reported for a draft made from a file (until dismissed). */
  const importReport = computed<KeptImport | null>(() => {
    const parsed = v.safeParse(KeptImportSchema, row.value?.importReport);
    return parsed.success ? parsed.output : null;
  });

  /** Sections with text, per language (of six). */
  const completeness = computed<Record<Lang, number>>(() => ({
    zh: SECTION_KEYS.filter((s) => textValue(fields.value, `text:${s}:zh`).trim() !== '').length,
    bo: SECTION_KEYS.filter((s) => textValue(fields.value, `text:${s}:bo`).trim() !== '').length,
  }));

  function reportIdOf(year: number): string {
    return `${session.user?.agency.id ?? 'draft'}-${year}`;
  }

  function replica() {
    const r = session.replica;
    if (r === null) throw new Error('not signed in');
    return r;
  }

  /** Reloads the list of drafts on this device. */
  async function loadList(): Promise<void> {
    const r = session.replica;
    if (r === null) {
      list.value = [];
      return;
    }
    try {
      const [rows, pending, open] = await Promise.all([r.drafts(), r.pending(), r.conflicts()]);
      const listings: DraftListing[] = [];
      for (const d of rows) {
        const f = await r.draftFields(d.id);
        const bo = textValue(f, 'meta:agency.bo');
        listings.push({
          id: d.id,
          year: d.year,
          template: d.template,
          agency: bo === '' ? { zh: textValue(f, 'meta:agency.zh') } : { zh: textValue(f, 'meta:agency.zh'), bo },
          updatedAt: d.updatedAt,
          local: d.serverId === null,
          publishedVersion: d.publishedVersion,
          unsent: pending.filter((p) => p.mutation.draftId === d.id).length,
          conflicts: open.filter((c) => c.draftId === d.id).length,
        });
      }
      list.value = listings.sort((a, b) => b.year - a.year || b.updatedAt - a.updatedAt);
      listLoaded.value = true;
    } catch {
      error.value = 'storage';
    }
  }

  /** Opens a draft in the editor (its fields, typed text, conflicts and unsent fields). */
  async function open(id: string): Promise<boolean> {
    const r = replica();
    const found = await r.draft(id);
    if (found === undefined) {
      draftId.value = id;
      row.value = null;
      return false;
    }
    const changedDraft = draftId.value !== id;
    draftId.value = id;
    await reloadOpen();
    if (!undoStacks.has(id)) undoStacks.set(id, loadUndo(id));
    undoDepth.value = undoStacks.get(id)?.length ?? 0;
    if (changedDraft) void loadPrevious(found);
    return true;
  }

  async function reloadOpen(): Promise<void> {
    const id = draftId.value;
    const r = session.replica;
    if (id === null || r === null) return;
    const [found, f, typed, open, pending] = await Promise.all([r.draft(id), r.draftFields(id), r.scratch(id), r.conflicts(), r.pending()]);
    row.value = found ?? null;
    fields.value = f;
    scratch.value = new Map(typed.map((s: ScratchRow) => [s.field, s.text]));
    conflicts.value = open.filter((c) => c.draftId === id);
    unsentFields.value = new Set(pending.filter((p) => p.mutation.draftId === id).map((p) => p.mutation.field));
  }

  /** Last year's report of the agency, for the cross-year rules (on the device, else from the server). */
  async function loadPrevious(draft: DraftRow): Promise<void> {
    previous.value = null;
    const id = draft.previousReportId ?? reportIdOf(draft.year - 1);
    let doc = checkReport((await getCachedReport(id).catch(() => undefined))?.document);
    if (doc === undefined) {
      const answer = await fetchReport(id, null).catch(() => undefined);
      if (answer?.kind === 'ok') doc = answer.report;
    }
    if (doc !== undefined && draftId.value === draft.id) previous.value = doc;
  }

  // Writes are chained: two quick keystrokes are saved in the order they were typed.
  let writes: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = writes.then(task, task);
    writes = next.catch(() => undefined);
    return next;
  }

  /**
   * Sets a field of the open draft: saved to IndexedDB with its outbox entry before the promise
   * resolves. `typing`: part of a run of keystrokes in one box (one undo step, one outbox entry
   * until sent).
   */
  function setField(field: FieldKey, value: FieldValue, options: { typing?: boolean; undo?: boolean; resolves?: string } = {}): Promise<boolean> {
    const id = draftId.value;
    if (id === null) return Promise.resolve(false);
    return serial(async () => {
      const before = fields.value.get(field)?.value ?? null;
      try {
        const mutation = await replica().edit(id, field, value, {
          coalesce: options.typing === true,
          ...(options.resolves === undefined ? {} : { resolves: options.resolves }),
        });
        saveFailed.value = false;
        if (mutation === undefined) return true;
        if (options.undo !== true && !sameValue(before, value)) recordUndo(id, field, before, options.typing === true);
        await reloadOpen();
        sync.editMade();
        return true;
      } catch {
        saveFailed.value = true;
        return false;
      }
    });
  }

  function recordUndo(id: string, field: FieldKey, before: FieldValue, typing: boolean): void {
    const stack = undoStacks.get(id) ?? [];
    const top = stack.at(-1);
    if (top !== undefined && top.open && top.field === field && typing) return;
    if (top !== undefined) top.open = false;
    stack.push({ field, before, open: typing });
    if (stack.length > UNDO_LIMIT) stack.shift();
    undoStacks.set(id, stack);
    undoDepth.value = stack.length;
    saveUndo(id, stack);
  }

  /** Ends a run of keystrokes (the box lost focus): the next keystroke is a new undo step. */
  function endTyping(): void {
    const top = draftId.value === null ? undefined : undoStacks.get(draftId.value)?.at(-1);
    if (top !== undefined) top.open = false;
  }

  /** Undoes the last change: a new edit restoring the value before it. */
  async function undo(): Promise<FieldKey | null> {
    const id = draftId.value;
    const stack = id === null ? undefined : undoStacks.get(id);
    const step = stack?.pop();
    if (step === undefined || stack === undefined || id === null) return null;
    undoDepth.value = stack.length;
    saveUndo(id, stack);
    await setField(step.field, step.before, { undo: true });
    if (step.field.startsWith('cell:')) await setScratch(step.field, null);
    return step.field;
  }

  async function setScratch(field: FieldKey, text: string | null): Promise<void> {
    const id = draftId.value;
    if (id === null) return;
    await replica().setScratch(id, field, text);
    const next = new Map(scratch.value);
    if (text === null) next.delete(field);
    else next.set(field, text);
    scratch.value = next;
  }

  /**
   * What was typed into a number cell: Tibetan, full-width or Arabic digits become the number,
   * nothing becomes blank (null, not 0). A negative count or a fraction is stored as typed (the
   * validator's R5 says what is wrong; it is not sent until fixed); text that is no number at all
   * is kept on the device and the cell keeps its value.
   */
  async function setCellText(key: string, text: string): Promise<void> {
    const field = `cell:${key}`;
    const parsed = parseCellInput(text);
    if (parsed.kind === 'invalid') {
      await setScratch(field, text);
      return;
    }
    if (scratch.value.has(field)) await setScratch(field, null);
    await setField(field, parsed.kind === 'empty' ? null : parsed.value, { typing: true });
  }

  /**
   * Prose of a block in a language, saved on every input event (Android IMEs hold v-model back
   * until composition ends). Text with Private Use Area characters is kept on the device only,
   * never stored as the value: returns how many there are.
   */
  async function setText(block: TextBlock, lang: Lang, text: string): Promise<number> {
    const field = `text:${block}:${lang}`;
    const checked = checkText(text);
    if (checked.privateUse > 0) {
      await setScratch(field, text);
      return checked.privateUse;
    }
    if (scratch.value.has(field)) await setScratch(field, null);
    await setField(field, checked.text === '' ? null : checked.text, { typing: true });
    return 0;
  }

  /** A metadata field (address, phone …): NFC, empty is null. */
  async function setMeta(name: string, text: string): Promise<void> {
    const checked = checkText(text);
    if (checked.privateUse > 0) return;
    await setField(`meta:${name}`, checked.text.trim() === '' ? null : checked.text, { typing: true });
  }

  /** Why a field's value would be refused by the server (and is held on the device), if it would. */
  function refusal(field: FieldKey): string | undefined {
    const r = row.value;
    const value = fields.value.get(field)?.value;
    if (r === null || value === undefined) return undefined;
    return checkFieldValue(getTemplate(r.template), field, value);
  }

  /** Resolves a conflict of the open draft. */
  async function resolve(conflictId: string, choice: 'mine' | 'theirs' | { value: FieldValue }): Promise<void> {
    await serial(async () => {
      await replica().resolve(conflictId, choice);
      await reloadOpen();
      sync.editMade();
    });
  }

  // ---- new drafts

  function hasYear(year: number): string | undefined {
    return list.value.find((d) => d.year === year)?.id;
  }

  /** Stores a new draft made on this device; its creation on the server is queued. */
  async function addLocal(doc: ReportDocument, source: DraftRow['source'], extra: { previousReportId?: string; importReport?: KeptImport } = {}): Promise<string | null> {
    await loadList();
    const existing = hasYear(doc.meta.year);
    if (existing !== undefined) {
      error.value = 'exists';
      return null;
    }
    const user = session.user;
    if (user !== null) {
      doc.meta.agency = user.agency.bo === undefined ? { zh: user.agency.zh } : { zh: user.agency.zh, bo: user.agency.bo };
    }
    const id = newDraftId();
    const base = Object.fromEntries(toFields({ ...doc, id: reportIdOf(doc.meta.year) }));
    const now = Date.now();
    try {
      await replica().addDraft(
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
          base,
          importReport: extra.importReport ?? null,
        },
        Object.entries(base).map(([field, value]) => [field, { value, rev: 0 }]),
      );
    } catch {
      error.value = 'storage';
      return null;
    }
    error.value = null;
    sync.editMade();
    await loadList();
    return id;
  }

  /** A blank draft of a template (works offline). */
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

  /** Imports a file in the browser (the PDF and Word readers load on demand). */
  async function importDocument(bytes: Uint8Array, fileName: string): Promise<{ report: ReportDocument; importReport: ImportReport; complete: boolean } | { error: string }> {
    try {
      const { importFile } = await import('../report/import/index.ts');
      return await importFile(bytes, fileName, { id: newDraftId() });
    } catch (cause) {
      const code = typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : 'unreadable';
      return { error: code };
    }
  }

  /** A draft from an imported document, keeping the import report to show in the editor. */
  async function createFromImport(doc: ReportDocument, report: ImportReport, complete: boolean): Promise<string | null> {
    return addLocal(structuredClone(doc), 'document', { importReport: { report, complete } });
  }

  /** Forgets the import report shown for a draft. */
  async function dismissImportReport(): Promise<void> {
    const id = draftId.value;
    if (id === null) return;
    await replica().updateDraft(id, { importReport: null });
    await reloadOpen();
  }

  // ---- publishing

  /** Publishes the open draft (publisher role), after a sync; the server checks everything again. */
  async function publish(options: { acknowledgeWarnings: boolean; note?: string }): Promise<{ version: number } | { error: DraftError; findings?: unknown }> {
    await sync.syncNow();
    await reloadOpen();
    const r = row.value;
    if (r === null) return { error: 'server' };
    if (r.serverId === null || unsentFields.value.size > 0) return { error: 'not_synced' };
    if (conflicts.value.length > 0) return { error: 'conflicts' };
    try {
      const answer = await currentApi().publish(r.serverId, options);
      await replica().updateDraft(r.id, { publishedVersion: answer.report.version });
      await reloadOpen();
      return { version: answer.report.version };
    } catch (cause) {
      if (!(cause instanceof ApiFailure)) return { error: 'server' };
      if (cause.kind === 'network') return { error: 'offline' };
      if (cause.kind === 'auth') {
        await session.markExpired();
        return { error: 'not_synced' };
      }
      const known: DraftError[] = ['publish_blocked', 'warnings_unacknowledged', 'note_required', 'forbidden'];
      const code = cause.code === 'unresolved_conflicts' ? 'conflicts' : known.find((k) => k === cause.code);
      return code === undefined ? { error: 'server' } : { error: code, findings: cause.details.findings };
    }
  }

  watch(
    () => sync.version,
    () => {
      void reloadOpen();
      void loadList();
    },
  );

  return {
    list,
    listLoaded,
    error,
    saveFailed,
    draftId,
    row,
    fields,
    scratch,
    conflicts,
    unsentFields,
    previous,
    document,
    importReport,
    findings,
    completeness,
    undoDepth,
    loadList,
    open,
    setField,
    setCellText,
    setText,
    setMeta,
    endTyping,
    undo,
    refusal,
    resolve,
    createBlank,
    createFromPrevious,
    importDocument,
    createFromImport,
    dismissImportReport,
    publish,
  };
});
