/** The editor's steps: the particulars, the six sections (一…六), then the check (findings, publishing, export). */
import { SECTION_KEYS, type SectionKey } from '../report/model.ts';

export type EditorStep = 'info' | SectionKey | 'check';

/** Steps in order. */
export const EDITOR_STEPS: readonly EditorStep[] = ['info', ...SECTION_KEYS, 'check'];

/** True for a step name (route parameter). */
export function isEditorStep(value: unknown): value is EditorStep {
  return typeof value === 'string' && (EDITOR_STEPS as readonly string[]).includes(value);
}
