/**
 * The draft open in the editor. Every change is written to IndexedDB at once, field and outbox
 * entry in one transaction (sync/outbox.ts); a reload, a crash or a killed tab loses nothing. What
 * an official types is kept even when it cannot be a value yet (scratch). Undo is a new edit
 * restoring the value before (undo-history.ts). Findings are the validator's, live.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { DraftRow, ScratchRow } from '../db/index.ts';
import { getCachedReport } from '../db/reports.ts';
import { checkFieldValue } from '../report/field-rules.ts';
import {
  cellField,
  documentOfFields,
  fieldKey,
  parseField,
  sameValue,
  textField,
  metaField,
  type FieldKey,
  type FieldValue,
  type MetaField,
  type ProseBlock,
} from '../report/fields.ts';
import { SECTION_KEYS, type CellKey, type Lang, type ReportDocument } from '../report/model.ts';
import { getTemplate } from '../report/templates/index.ts';
import { validate, type Finding } from '../report/validate/index.ts';
import { checkText, parseCellInput } from '../i18n/input.ts';
import { ApiFailure } from '../sync/http.ts';
import { downloadDraft } from '../sync/client.ts';
import { browserSaysOffline } from '../sync/online.ts';
import type { KnownField } from '../sync/replica.ts';
import type { LocalConflict } from '../sync/outbox.ts';
import { officialReportId, textValue, type DraftError } from './drafts.ts';
import { readKeptImport, type KeptImport } from './kept-import.ts';
import { checkReport, fetchReport } from './reports-api.ts';
import { currentApi, useSessionStore } from './session.ts';
import { useSyncStore } from './sync.ts';
import { UndoStacks } from './undo-history.ts';
import { forgetChange, rememberChange, unsavedChanges, type FieldChange } from './unsaved-edits.ts';

export type { Finding, KeptImport };

/** Where the draft an editor address names is (draft-editor.ts open). */
export type DraftPlace = 'open' | 'offline' | 'missing';

/** How a change came: `typing` in a box (a run of keystrokes is one undo step), or an `undo`. */
export interface WriteOptions {
  typing?: boolean;
  undo?: boolean;
}

export const useDraftEditorStore = defineStore('draft-editor', () => {
  const session = useSessionStore();
  const sync = useSyncStore();

  /** The last edit could not be written to this device (IndexedDB failed): shown until one succeeds. */
  const saveFailed = ref(false);
  const draftId = ref<string | null>(null);
  const row = shallowRef<DraftRow | null>(null);
  const fields = shallowRef<ReadonlyMap<FieldKey, KnownField>>(new Map());
  const scratch = shallowRef<ReadonlyMap<FieldKey, string>>(new Map());
  const conflicts = shallowRef<LocalConflict[]>([]);
  /** This device's client id for the signed-in official: tells "made here" from "made elsewhere". */
  const clientId = ref<string | null>(null);
  /** Fields of the open draft with an edit not acknowledged yet. */
  const unsentFields = shallowRef<ReadonlySet<FieldKey>>(new Set());
  const previous = shallowRef<ReportDocument | null>(null);
  const undoStacks = new UndoStacks();
  const undoDepth = ref(0);

  const reportIdOf = (year: number): string => officialReportId(session.user?.agency.id, year);

  const document = computed<ReportDocument | null>(() => {
    const r = row.value;
    if (r === null) return null;
    const values = [...fields.value].map(([k, f]): [FieldKey, FieldValue] => [k, f.value]);
    return documentOfFields({ reportId: reportIdOf(r.year), year: r.year, template: r.template }, values);
  });

  /** The validator's findings, live, with last year's report for the cross-year rules when known. */
  const findings = computed<Finding[]>(() => {
    const doc = document.value;
    if (doc === null) return [];
    return validate(doc, previous.value === null ? {} : { previous: previous.value });
  });

  /** What the importer reported for a draft made from a file (until dismissed). */
  const importReport = computed<KeptImport | null>(() => readKeptImport(row.value?.importReport));

  /** Sections with text, per language (of six). */
  const completeness = computed<Record<Lang, number>>(() => ({
    zh: SECTION_KEYS.filter((s) => textValue(fields.value, textField(s, 'zh')).trim() !== '').length,
    bo: SECTION_KEYS.filter((s) => textValue(fields.value, textField(s, 'bo')).trim() !== '').length,
  }));

  function replica() {
    const r = session.replica;
    if (r === null) throw new Error('not signed in');
    return r;
  }

  /** The id on this device of the draft an address names: its report id `<agency>-<year>`, or a draft id. */
  async function localIdOf(key: string): Promise<string | undefined> {
    const rows = await replica().drafts();
    return (rows.find((r) => r.id === key) ?? rows.find((r) => r.serverId === key || reportIdOf(r.year) === key))?.id;
  }

  /**
   * Opens a draft in the editor (its fields, typed text, conflicts and unsent fields) by its
   * address: from this device, else downloaded from the server (then a sync brings its conflicts).
   * `offline`: not on this device and the server cannot be asked now; `missing`: the server has none.
   */
  async function open(key: string): Promise<DraftPlace> {
    let id = await localIdOf(key);
    if (id === undefined) {
      draftId.value = null;
      row.value = null;
      if (browserSaysOffline()) return 'offline';
      try {
        id = await downloadDraft(currentApi(), replica(), key);
      } catch (cause) {
        return cause instanceof ApiFailure && (cause.kind === 'network' || cause.kind === 'auth') ? 'offline' : 'missing';
      }
      if (id === undefined) return 'missing';
      // Its open conflicts come with the server's list.
      sync.start();
      void sync.syncNow();
    }
    const found = await replica().draft(id);
    if (found === undefined) return 'missing';
    const changedDraft = draftId.value !== id;
    draftId.value = id;
    await saveKept(id);
    await reloadOpen();
    undoDepth.value = undoStacks.depth(id);
    if (changedDraft) void loadPrevious(found);
    return 'open';
  }

  async function reloadOpen(): Promise<void> {
    const id = draftId.value;
    const r = session.replica;
    if (id === null || r === null) return;
    const [found, f, typed, open, pending, meta] = await Promise.all([r.draft(id), r.draftFields(id), r.scratch(id), r.conflicts(), r.pending(), r.meta()]);
    clientId.value = meta.clientId;
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

  // Writes are chained: two quick keystrokes, and what was typed into a box and its value, are
  // saved in the order they were typed.
  let writes: Promise<unknown> = Promise.resolve();
  /** Writes queued and not done yet. */
  const queued = ref(0);
  function serial<T>(task: () => Promise<T>): Promise<T> {
    queued.value += 1;
    const next = writes.then(task, task).finally(() => {
      queued.value -= 1;
    });
    writes = next.catch(() => undefined);
    return next;
  }

  /** Changes are being written to this device: a box shows what was typed until they are. */
  const saving = computed(() => queued.value > 0);

  /** Resolves once every change made so far is written (or failed: `saveFailed` says so). */
  function whenSaved(): Promise<void> {
    return writes.then(() => undefined);
  }

  async function writeScratch(id: string, field: FieldKey, text: string | null): Promise<void> {
    await replica().setScratch(id, field, text);
    if (draftId.value !== id) return;
    const next = new Map(scratch.value);
    if (text === null) next.delete(field);
    else next.set(field, text);
    scratch.value = next;
  }

  /** Writes a field's value with its outbox entry (sync/outbox.ts: one entry per field until acked). */
  async function writeValue(id: string, field: FieldKey, value: FieldValue, options: WriteOptions): Promise<void> {
    const before = draftId.value === id ? (fields.value.get(field)?.value ?? null) : null;
    const mutation = await replica().edit(id, field, value, { coalesce: true });
    if (mutation === undefined) return;
    if (options.undo !== true && draftId.value === id && !sameValue(before, value)) {
      undoStacks.record(id, field, before, options.typing === true);
      undoDepth.value = undoStacks.depth(id);
    }
    await reloadOpen();
    sync.editMade();
  }

  /**
   * Changes a field of the open draft: kept in this tab at once (unsaved-edits.ts: a reload right
   * after a keystroke loses nothing), then written to IndexedDB in typing order. Resolves with
   * whether the write succeeded (`saveFailed` says so on screen otherwise).
   */
  function change(field: FieldKey, change: FieldChange, options: WriteOptions = {}): Promise<boolean> {
    const id = draftId.value;
    const owner = session.replica?.owner;
    if (id === null || owner === undefined) return Promise.resolve(false);
    const number = rememberChange(owner, id, field, change);
    return serial(async () => {
      try {
        // Typed text that is no value is kept beside the value; cleared only where there is some.
        const scratchKnown = draftId.value !== id || scratch.value.has(field);
        if (change.scratch !== undefined && (change.scratch !== null || scratchKnown)) await writeScratch(id, field, change.scratch);
        if (change.value !== undefined) await writeValue(id, field, change.value, options);
        saveFailed.value = false;
        forgetChange(owner, id, field, number);
        return true;
      } catch {
        saveFailed.value = true;
        return false;
      }
    });
  }

  /** The draft whose kept changes saveKept() is writing: not shown before they are (a sync's reload waits). */
  let savingKeptOf: string | null = null;

  /**
   * Writes what this tab changed in a draft and never saw written (the page went away first),
   * before the draft is shown: the official sees what they typed, not the value before it. No
   * undo step: the history only knows changes it saw written.
   */
  async function saveKept(id: string): Promise<void> {
    const r = replica();
    const kept = unsavedChanges(r.owner, id);
    if (kept.length === 0) return;
    savingKeptOf = id;
    try {
      await serial(async () => {
        for (const { field, change: typed, number } of kept) {
          if (typed.scratch !== undefined) await r.setScratch(id, field, typed.scratch);
          if (typed.value !== undefined) await r.edit(id, field, typed.value, { coalesce: true });
          forgetChange(r.owner, id, field, number);
        }
      });
      sync.editMade();
    } catch {
      saveFailed.value = true;
    } finally {
      savingKeptOf = null;
    }
  }

  /** Sets a field of the open draft (a sum taken, an undo). `typing`: part of a run of keystrokes in one box (one undo step). */
  function setField(field: FieldKey, value: FieldValue, options: WriteOptions = {}): Promise<boolean> {
    return change(field, { value }, options);
  }

  /** Ends a run of keystrokes (the box lost focus): the next keystroke is a new undo step. */
  function endTyping(): void {
    if (draftId.value !== null) undoStacks.endTyping(draftId.value);
  }

  /** Undoes the last change: a new edit restoring the value before it. Returns the field. */
  async function undo(): Promise<FieldKey | null> {
    const id = draftId.value;
    const step = id === null ? undefined : undoStacks.pop(id);
    if (step === undefined || id === null) return null;
    undoDepth.value = undoStacks.depth(id);
    const isCell = parseField(step.field)?.kind === 'cell';
    await change(step.field, isCell ? { scratch: null, value: step.before } : { value: step.before }, { undo: true });
    return step.field;
  }

  /**
   * What was typed into a number cell: Tibetan, full-width or Arabic digits become the number,
   * nothing becomes blank (null, not 0). A negative count or a fraction is stored as typed (the
   * validator's R5 says what is wrong; it is not sent until fixed); text that is no number at all
   * is kept on the device and the cell keeps its value.
   */
  async function setCellText(key: CellKey, text: string): Promise<void> {
    const parsed = parseCellInput(text);
    const value = parsed.kind === 'invalid' ? undefined : parsed.kind === 'empty' ? null : parsed.value;
    await change(cellField(key), value === undefined ? { scratch: text } : { scratch: null, value }, { typing: true });
  }

  /**
   * Prose of a block in a language, saved on every input event (Android IMEs hold v-model back
   * until composition ends). Text with Private Use Area characters is kept on the device only,
   * never stored as the value: returns how many there are.
   */
  async function setText(block: ProseBlock, lang: Lang, text: string): Promise<number> {
    const field = fieldKey({ kind: 'text', block, lang });
    const checked = checkText(text);
    const typed: FieldChange = checked.privateUse > 0 ? { scratch: text } : { scratch: null, value: checked.text === '' ? null : checked.text };
    await change(field, typed, { typing: true });
    return checked.privateUse;
  }

  /** A metadata field (address, phone …): NFC, empty is null. */
  async function setMeta(name: MetaField, text: string): Promise<void> {
    const checked = checkText(text);
    if (checked.privateUse > 0) return;
    await change(metaField(name), { value: checked.text.trim() === '' ? null : checked.text }, { typing: true });
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

  /** Forgets the import report shown for the open draft. */
  async function dismissImportReport(): Promise<void> {
    const id = draftId.value;
    if (id === null) return;
    await replica().updateDraft(id, { importReport: null });
    await reloadOpen();
  }

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
      if (savingKeptOf === null || savingKeptOf !== draftId.value) void reloadOpen();
    },
  );

  return {
    saveFailed,
    draftId,
    row,
    fields,
    scratch,
    conflicts,
    clientId,
    unsentFields,
    previous,
    document,
    importReport,
    findings,
    completeness,
    undoDepth,
    saving,
    whenSaved,
    open,
    setField,
    setCellText,
    setText,
    setMeta,
    endTyping,
    undo,
    refusal,
    resolve,
    dismissImportReport,
    publish,
  };
});
