/**
 * The validator's findings as sentences in the page's language (describeFinding with the locale
 * file of that language), and by cell, so each input can show what is wrong with it.
 */
import { computed, type Ref } from 'vue';
import type { CellKey, Lang, TemplateId } from '../report/model.ts';
import { describeFinding, type Finding, type Severity } from '../report/validate/index.ts';
import { useReportMessages } from './useReportMessages.ts';

/** A finding with its sentence. */
export interface DescribedFinding {
  finding: Finding;
  text: string;
}

/** What the findings say about one cell. */
export interface CellFindings {
  severity: Severity;
  notes: string[];
}

export function useFindings(findings: Ref<Finding[]>, template: Ref<TemplateId | null>, lang: Ref<Lang>) {
  const messages = useReportMessages(lang);

  const described = computed<DescribedFinding[]>(() => {
    const tree = messages.value;
    const id = template.value ?? undefined;
    return findings.value.map((finding) => ({ finding, text: tree === null ? finding.rule : describeFinding(finding, tree, id) }));
  });

  const byCell = computed<Map<CellKey, CellFindings>>(() => {
    const map = new Map<CellKey, CellFindings>();
    for (const { finding, text } of described.value) {
      // Blank cells (M1) are listed once per row in the findings, not marked on every empty box.
      if (finding.rule === 'M1') continue;
      for (const cell of finding.cells) {
        const entry = map.get(cell) ?? { severity: finding.severity, notes: [] };
        if (finding.severity === 'error') entry.severity = 'error';
        // A sum rule names every part; the sentence goes to the cell it is about (params.cell).
        const about = finding.params.cell;
        if ((about === undefined || about === cell) && !entry.notes.includes(text)) entry.notes.push(text);
        map.set(cell, entry);
      }
    }
    return map;
  });

  const counts = computed(() => ({
    errors: findings.value.filter((f) => f.severity === 'error').length,
    warnings: findings.value.filter((f) => f.severity === 'warning').length,
  }));

  return { described, byCell, counts, messages };
}
