/**
 * A conflict as the official sees it. Kept in db (the device database stores it; db sits below
 * sync, which produces it) and free of Dexie, so the pure sync code and its Node tests can use it.
 */
import type { FieldKey, FieldValue } from '../report/fields.ts';

/**
 * A conflict as the official sees it. It belongs to the draft, not to a device: every device of
 * the agency learns it from the server's list, with who made each side and when (absent until a
 * pull brought them, e.g. just after the ack that made it). `mine` is the side pushed last.
 */
export interface OpenConflict {
  id: string;
  draftId: string;
  field: FieldKey;
  mine: FieldValue;
  theirs: FieldValue;
  theirsRev: number;
  mineClientId?: string;
  /** Username, and when the server received it (ISO). */
  mineBy?: string;
  mineAt?: string;
  theirsClientId?: string;
  theirsBy?: string;
  theirsAt?: string;
}
