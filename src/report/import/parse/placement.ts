/**
 * Checks on where the rows were placed, beside the sums (issue 9): a figure moved into another row
 * keeps every sum within its row (R1, R4), so the arithmetic alone cannot see it. A row is in doubt
 * (its cells `uncertain`) when
 * - `label_loose`: its label was matched only typo-tolerantly, or inside longer text, and the rows
 *   around it in the template were not matched exactly in the source rows around it;
 * - `row_shift`: a row was read blank or not found while a source row with as many figures as it
 *   has cells was left unassigned: the figures between the two may each sit one row off (labels
 *   printed apart from their figures, a definition naming another row's label). The rows between
 *   them, and the blank row, are in doubt;
 * - `source_reused`: one source row's figures were placed in two rows;
 * - `row_order`: it was found out of the template's order, by its own label among the source rows
 *   left over.
 */
import type { RowMatch, RowSpec } from './rows.ts';

export type PlacementReason = 'label_loose' | 'row_shift' | 'source_reused' | 'row_order';

export interface PlacementDoubt {
  /** The row's id in the table model. */
  row: string;
  reason: PlacementReason;
}

/** Where a row sits in the source, in segment order; a row not found sits just after the last found row before it. */
function positions(specs: readonly RowSpec[], match: RowMatch): Map<string, number> {
  const at = new Map<string, number>();
  let last = -1;
  for (const spec of specs) {
    const evidence = match.evidence.get(spec.id);
    if (evidence !== undefined) last = evidence.segment;
    // A missing row lies after the last row found, and before the next figures.
    at.set(spec.id, evidence?.segment ?? last + 0.5);
  }
  return at;
}

/** The doubts about a table's placement, at most one per row (the first found applies). */
export function placementDoubts(specs: readonly RowSpec[], match: RowMatch): PlacementDoubt[] {
  const doubts = new Map<string, PlacementReason>();
  const doubt = (row: string, reason: PlacementReason): void => {
    if (!doubts.has(row)) doubts.set(row, reason);
  };

  for (const [row, evidence] of match.evidence) if (evidence.outOfOrder === true) doubt(row, 'row_order');

  const bySegment = new Map<number, string[]>();
  for (const [row, evidence] of match.evidence) {
    if (evidence.blank) continue;
    bySegment.set(evidence.segment, [...(bySegment.get(evidence.segment) ?? []), row]);
  }
  for (const rows of bySegment.values()) if (rows.length > 1) for (const row of rows) doubt(row, 'source_reused');

  const at = positions(specs, match);
  for (const gap of specs) {
    const evidence = match.evidence.get(gap.id);
    const isGap = evidence === undefined ? match.missing.includes(gap.id) : evidence.blank;
    if (!isGap) continue;
    const gapAt = at.get(gap.id) ?? 0;
    for (const source of match.unassigned) {
      if (source.figures !== gap.valueCount) continue;
      const [from, to] = source.segment < gapAt ? [source.segment, gapAt] : [gapAt, source.segment];
      const between = specs.filter((spec) => {
        const e = match.evidence.get(spec.id);
        return e !== undefined && !e.blank && e.segment >= from && e.segment <= to;
      });
      if (between.length === 0) continue;
      for (const spec of between) doubt(spec.id, 'row_shift');
      if (evidence !== undefined) doubt(gap.id, 'row_shift');
    }
  }

  specs.forEach((spec, index) => {
    const evidence = match.evidence.get(spec.id);
    if (evidence === undefined || !evidence.loose || evidence.blank) return;
    // Held in place by its neighbours: the template's rows before and after it were matched
    // exactly in the source rows right before and after its own (其他法律行政止公开, a typo of the
    // official print, between 属于国家秘密 and 危及“三安全一稳定”).
    const before = specs[index - 1];
    const after = specs[index + 1];
    const exactAt = (neighbour: RowSpec | undefined, segments: readonly number[]): boolean => {
      if (neighbour === undefined) return true;
      const e = match.evidence.get(neighbour.id);
      return e !== undefined && !e.loose && segments.includes(e.segment);
    };
    if (exactAt(before, [evidence.segment - 1, evidence.segment]) && exactAt(after, [evidence.segment + 1])) return;
    doubt(spec.id, 'label_loose');
  });
  return [...doubts].map(([row, reason]) => ({ row, reason }));
}
