/** Validator output: codes, never sentences. The UI and the CLI turn them into zh/bo messages. */
import type { CellKey } from '../model.ts';

/** Rule ids of report-format.md §4 (plus M1, blank cells). */
export type RuleId =
  | 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6'
  | 'C1' | 'C2' | 'C3' | 'C4' | 'C5'
  | 'X1' | 'X2' | 'X3' | 'X4' | 'X5'
  | 'D1' | 'D2' | 'D3' | 'D4'
  | 'M1';

export type Severity = 'error' | 'warning';

/** One thing the validator found; `params` fill the message's named placeholders. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** The cells the finding is about, so the UI can link to them. */
  cells: CellKey[];
  params: Record<string, string | number>;
}
