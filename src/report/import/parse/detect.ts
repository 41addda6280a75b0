/**
 * Template detection from table headers (report-format.md §6), not from the year or the cited
 * notice. The evidence is read from the template registry: the label texts only one registered
 * template prints. Headers may be truncated (本年增/, 申请人无正当理由…), so a label counts by its
 * shortest start that no other template's text contains.
 */
import { lookupMessage, ZH_MESSAGES } from '../../labels.ts';
import { registeredTemplates, newestTemplate, templateForYear, type TemplateDef, type TemplateId } from '../../templates/index.ts';
import { bareKey } from './text.ts';

export interface TemplateDecision {
  id: TemplateId;
  decidedBy: 'headers' | 'year' | 'document';
  evidence: string[];
}

// Below this, a label's start says too little to tell a template (本年, 其他).
const MIN_EVIDENCE = 3;

/** Every text a template's tables print: captions, merged heads, rows and columns of 二, 三, 四. */
function labelsOf(template: TemplateDef): string[] {
  const { active, activeHead, requests, appeals } = template;
  const keys = [
    activeHead.caption,
    ...activeHead.items.map((i) => i.label),
    ...active.flatMap((r) => [r.label, ...r.columns.map((c) => c.label)]),
    requests.cornerNote,
    requests.columnsCaption,
    ...[...requests.columnGroups, ...requests.rowGroups].map((g) => g.label),
    ...requests.rows.map((r) => r.label),
    ...(requests.collapsedOtherHandling === undefined ? [] : [requests.collapsedOtherHandling.label]),
    ...requests.columns.map((c) => c.label),
    ...[...appeals.parents, ...appeals.groups].map((g) => g.label),
    ...appeals.columns.map((c) => c.label),
  ];
  // A label without its official text (a template registered without its locale labels) is no evidence.
  return [...new Set(keys.flatMap((key) => {
    const text = lookupMessage(ZH_MESSAGES, key);
    return text === undefined ? [] : [bareKey(text)];
  }))];
}

/** A label only one template prints, and the shortest start of it that tells the template. */
interface Evidence {
  start: string;
  label: string;
}

const evidenceCache = new Map<string, Map<TemplateId, Evidence[]>>();

/** Per template, the texts that name it: the shortest start of each of its labels no other template prints. */
function evidenceByTemplate(): Map<TemplateId, Evidence[]> {
  const templates = registeredTemplates();
  const cacheKey = templates.map((t) => t.id).join(',');
  const cached = evidenceCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const labels = new Map(templates.map((t) => [t.id, labelsOf(t)]));
  const evidence = new Map<TemplateId, Evidence[]>();
  for (const template of templates) {
    const others = templates.filter((t) => t.id !== template.id).flatMap((t) => labels.get(t.id) ?? []);
    const own = (labels.get(template.id) ?? []).flatMap((label) => {
      for (let length = MIN_EVIDENCE; length <= label.length; length += 1) {
        const start = label.slice(0, length);
        if (!others.some((o) => o.includes(start))) return [{ start, label }];
      }
      return [];
    });
    evidence.set(template.id, own);
  }
  evidenceCache.set(cacheKey, evidence);
  return evidence;
}

/** The label as far as the table text prints it where it prints the label's start, if it does. */
function printedPart(key: string, evidence: Evidence): string | undefined {
  const at = key.indexOf(evidence.start);
  if (at < 0) return undefined;
  let length = evidence.start.length;
  while (length < evidence.label.length && key[at + length] === evidence.label[length]) length += 1;
  return evidence.label.slice(0, length);
}

/**
 * Decides the template from the label text of the table regions: the registered template with the
 * most evidence; a tie goes to the newer (mixed documents, 2021 columns with a 2019-style （六）
 * row, corpus 03/04, are the newer one). Without evidence, the year decides, then the newest.
 */
export function detectTemplate(tableText: string, year: number | undefined): TemplateDecision {
  const key = bareKey(tableText);
  const byNewest = registeredTemplates().sort((a, b) => b.reportYears.from - a.reportYears.from);
  const evidence = evidenceByTemplate();
  let best: TemplateDecision | undefined;
  for (const template of byNewest) {
    const found = (evidence.get(template.id) ?? []).flatMap((e) => {
      const printed = printedPart(key, e);
      return printed === undefined ? [] : [printed];
    });
    if (found.length > 0 && (best === undefined || found.length > best.evidence.length)) {
      best = { id: template.id, decidedBy: 'headers', evidence: found };
    }
  }
  if (best !== undefined) return best;
  if (year !== undefined) return { id: templateForYear(year).id, decidedBy: 'year', evidence: [] };
  return { id: newestTemplate().id, decidedBy: 'document', evidence: [] };
}
