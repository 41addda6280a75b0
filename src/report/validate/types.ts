/** Validator output: codes, never sentences. The UI and the CLI turn them into zh/bo messages. */
import * as v from 'valibot';

/** Rule ids of report-format.md §4 (plus M1, blank cells), in the order findings are reported. */
export const RULE_IDS = [
  'R1', 'R2', 'R3', 'R4', 'R5', 'R6',
  'C1', 'C2', 'C3', 'C4', 'C5',
  'X1', 'X2', 'X3', 'X4', 'X5',
  'D1', 'D2', 'D3', 'D4',
  'M1',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['error', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * One thing the validator found; `params` fill the message's named placeholders. The schema is
 * what a finding is when it crosses a boundary (the publish API's answer, src/contract).
 */
export const FindingSchema = v.strictObject({
  rule: v.picklist(RULE_IDS),
  severity: v.picklist(SEVERITIES),
  /** The cells the finding is about, so the UI can link to them. */
  cells: v.array(v.string()),
  params: v.record(v.string(), v.union([v.string(), v.number()])),
});
export type Finding = v.InferOutput<typeof FindingSchema>;
