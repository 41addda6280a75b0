/**
 * The undo steps of each draft, kept for the tab in sessionStorage so that a reload (or a phone
 * that discarded the tab in the background) can still undo. The edits themselves are in
 * IndexedDB; this is only the way back. Tab-scoped on purpose: another tab has its own history,
 * and undoing there what was typed here would surprise. A history that does not parse is dropped.
 */
import * as v from 'valibot';
import { FieldKeySchema } from '../contract/sync.ts';
import type { FieldKey, FieldValue } from '../report/fields.ts';

/** One undo step: the field and the value it had before. */
export interface UndoStep {
  field: FieldKey;
  before: FieldValue;
  /** Still growing (typing in the same box). */
  open: boolean;
}

const UndoStepsSchema = v.array(
  v.object({
    field: FieldKeySchema,
    before: v.nullable(v.union([v.string(), v.number(), v.boolean()])),
    open: v.boolean(),
  }),
);

const key = (draftId: string): string => `lotho.undo.${draftId}`;

/** The steps kept for `draftId` in this tab (none when absent, unreadable or storage is blocked). */
export function loadUndo(draftId: string): UndoStep[] {
  try {
    const text = sessionStorage.getItem(key(draftId));
    if (text === null) return [];
    const parsed = v.safeParse(UndoStepsSchema, JSON.parse(text));
    // A reload ends any run of keystrokes.
    return parsed.success ? parsed.output.map((step) => ({ ...step, open: false })) : [];
  } catch {
    return [];
  }
}

/** Keeps `steps` for `draftId` in this tab; a full or blocked storage only loses the way back. */
export function saveUndo(draftId: string, steps: readonly UndoStep[]): void {
  try {
    if (steps.length === 0) sessionStorage.removeItem(key(draftId));
    else sessionStorage.setItem(key(draftId), JSON.stringify(steps));
  } catch {
    // Nothing else to do: the edits themselves are saved.
  }
}

/** Forgets every draft's steps in this tab (sign-out: the next official on a shared phone starts clean). */
export function clearUndo(): void {
  try {
    for (const name of Object.keys(sessionStorage)) if (name.startsWith('lotho.undo.')) sessionStorage.removeItem(name);
  } catch {
    // Blocked storage holds nothing to forget.
  }
}

/** Most undo steps kept per draft. */
const UNDO_LIMIT = 200;

/**
 * The undo stacks of the drafts opened in this tab. A run of keystrokes in one box is one step;
 * every change is kept in sessionStorage at once.
 */
export class UndoStacks {
  private readonly stacks = new Map<string, UndoStep[]>();

  private stack(draftId: string): UndoStep[] {
    let stack = this.stacks.get(draftId);
    if (stack === undefined) {
      stack = loadUndo(draftId);
      this.stacks.set(draftId, stack);
    }
    return stack;
  }

  /** How many steps a draft can undo. */
  depth(draftId: string): number {
    return this.stack(draftId).length;
  }

  /** Records a change of `field` from `before`; typing into the box the last step was about extends it. */
  record(draftId: string, field: FieldKey, before: FieldValue, typing: boolean): void {
    const stack = this.stack(draftId);
    const top = stack.at(-1);
    if (top !== undefined && top.open && top.field === field && typing) return;
    if (top !== undefined) top.open = false;
    stack.push({ field, before, open: typing });
    if (stack.length > UNDO_LIMIT) stack.shift();
    saveUndo(draftId, stack);
  }

  /** Ends a run of keystrokes (the box lost focus): the next keystroke is a new step. */
  endTyping(draftId: string): void {
    const top = this.stack(draftId).at(-1);
    if (top !== undefined) top.open = false;
  }

  /** Takes the last step off a draft's stack. */
  pop(draftId: string): UndoStep | undefined {
    const stack = this.stack(draftId);
    const step = stack.pop();
    if (step !== undefined) saveUndo(draftId, stack);
    return step;
  }
}
