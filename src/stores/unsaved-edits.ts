/**
 * What an official changed in a draft that may not be in IndexedDB yet, kept for the tab in
 * sessionStorage the moment it is typed (a synchronous write, done before the page can go away).
 * The editor's writes to IndexedDB are queued one after the other and take a while (WebKit's
 * most); a reload, or a tab the phone discards, right after a keystroke aborts the write in
 * flight, and a page cannot hold its unload for an asynchronous write. What is still kept here
 * when the draft next opens in this tab is saved then (the same value again is no new edit).
 * Tab-scoped like the undo history: another tab never replays what this one typed, so it can
 * never put back an older value over a newer one saved there.
 */
import * as v from 'valibot';
import { FieldKeySchema, FieldValueSchema } from '../contract/sync.ts';
import type { FieldKey, FieldValue } from '../report/fields.ts';

/** A change of one field: its value, and what was typed that is not a value (null: nothing). */
export interface FieldChange {
  value?: FieldValue;
  scratch?: string | null;
}

/** A change still to be saved, with its number: a later change of the field has a higher one. */
export interface UnsavedChange {
  field: FieldKey;
  change: FieldChange;
  number: number;
}

const UnsavedSchema = v.array(
  v.object({
    field: FieldKeySchema,
    change: v.object({ value: v.optional(FieldValueSchema), scratch: v.optional(v.nullable(v.string())) }),
    number: v.number(),
  }),
);

const key = (owner: string, draftId: string): string => `lotho.unsaved.${owner}.${draftId}`;

function read(owner: string, draftId: string): UnsavedChange[] {
  try {
    const text = sessionStorage.getItem(key(owner, draftId));
    if (text === null) return [];
    const parsed = v.safeParse(UnsavedSchema, JSON.parse(text));
    return parsed.success ? parsed.output : [];
  } catch {
    return [];
  }
}

function write(owner: string, draftId: string, changes: readonly UnsavedChange[]): void {
  try {
    if (changes.length === 0) sessionStorage.removeItem(key(owner, draftId));
    else sessionStorage.setItem(key(owner, draftId), JSON.stringify(changes));
  } catch {
    // Full or blocked storage: the write to IndexedDB is all there is, as before.
  }
}

let counter = 0;

/**
 * Keeps a change of `field` until forget() is called with the number returned. A later change of
 * the same field takes over the kept one (what it does not say, e.g. typed text cleared, stays).
 */
export function rememberChange(owner: string, draftId: string, field: FieldKey, change: FieldChange): number {
  const changes = read(owner, draftId);
  counter = Math.max(counter, ...changes.map((c) => c.number)) + 1;
  const earlier = changes.find((c) => c.field === field);
  const kept: UnsavedChange = { field, change: { ...earlier?.change, ...change }, number: counter };
  write(owner, draftId, [...changes.filter((c) => c.field !== field), kept]);
  return counter;
}

/** The change numbered `number` is in IndexedDB: forgotten, unless a later change of the field came since. */
export function forgetChange(owner: string, draftId: string, field: FieldKey, number: number): void {
  const changes = read(owner, draftId);
  const kept = changes.find((c) => c.field === field);
  if (kept === undefined || kept.number !== number) return;
  write(owner, draftId, changes.filter((c) => c !== kept));
}

/** The changes of a draft this tab made and has not seen saved, oldest first. */
export function unsavedChanges(owner: string, draftId: string): UnsavedChange[] {
  return read(owner, draftId).sort((a, b) => a.number - b.number);
}

/** Forgets every draft's kept changes in this tab (sign-out, once everything is on the server). */
export function clearUnsaved(): void {
  try {
    for (const name of Object.keys(sessionStorage)) if (name.startsWith('lotho.unsaved.')) sessionStorage.removeItem(name);
  } catch {
    // Blocked storage holds nothing to forget.
  }
}
