/**
 * A report as a flat map of fields, the unit of editing, merging and audit: each cell, each unit,
 * each prose block in each language, and each metadata value. Sync merges per field (issue 4):
 * changes to different fields merge; the same field changed on both sides is a conflict.
 */
import type { BilingualText, ReportDocument, ReportMeta, SectionKey } from './model.ts';
import { LANGS, SECTION_KEYS } from './model.ts';

/** `cell:<cell key>`, `unit:<cell key>`, `text:<block>:<lang>`, `original:<block>`, `reviewed:<block>`, `meta:<name>`. */
export type FieldKey = string;

/** What a field holds: JSON scalars only, so fields compare and store simply. */
export type FieldValue = string | number | boolean | null;

/** Prose blocks: the preamble and the six sections. */
export type TextBlock = 'preamble' | SectionKey;
/** Prose blocks in print order. */
export const TEXT_BLOCKS: readonly TextBlock[] = ['preamble', ...SECTION_KEYS];

/**
 * Names of the `meta:<name>` fields. Metadata is editable field by field; agency.zh/agency.bo and
 * the period are split so two officials can fix the Tibetan name and the postcode at the same time
 * without a conflict.
 */
export const META_FIELDS = ['agency.zh', 'agency.bo', 'level', 'year', 'template', 'period.start', 'period.end', 'publishedOn',
  'address', 'postcode', 'phone', 'email', 'website', 'notice', 'declaredParts'] as const;
export type MetaField = (typeof META_FIELDS)[number];

function readMeta(meta: ReportMeta, field: MetaField): FieldValue {
  switch (field) {
    case 'agency.zh': return meta.agency.zh;
    case 'agency.bo': return meta.agency.bo ?? null;
    case 'period.start': return meta.period?.start ?? null;
    case 'period.end': return meta.period?.end ?? null;
    default: return meta[field] ?? null;
  }
}

function blockOf(doc: ReportDocument, block: TextBlock): BilingualText | undefined {
  return block === 'preamble' ? doc.preamble : doc.sections[block];
}

/** The fields of a report. Absent cells are absent fields; blank cells are null fields. */
export function toFields(doc: ReportDocument): Map<FieldKey, FieldValue> {
  const fields = new Map<FieldKey, FieldValue>();
  for (const [key, value] of Object.entries(doc.cells)) fields.set(`cell:${key}`, value);
  for (const [key, unit] of Object.entries(doc.units)) fields.set(`unit:${key}`, unit);
  for (const block of TEXT_BLOCKS) {
    const text = blockOf(doc, block);
    if (text === undefined) continue;
    for (const lang of LANGS) fields.set(`text:${block}:${lang}`, text[lang] ?? null);
    fields.set(`original:${block}`, text.original);
    fields.set(`reviewed:${block}`, text.translationReviewed);
  }
  for (const field of META_FIELDS) fields.set(`meta:${field}`, readMeta(doc.meta, field));
  return fields;
}

function setMeta(meta: ReportMeta, field: string, value: FieldValue): void {
  const text = typeof value === 'string' ? value : undefined;
  const record = meta as unknown as Record<string, unknown>;
  if (field === 'agency.zh') meta.agency.zh = text ?? '';
  else if (field === 'agency.bo') {
    if (text === undefined) delete meta.agency.bo;
    else meta.agency.bo = text;
  } else if (field === 'period.start' || field === 'period.end') {
    const period = meta.period ?? { start: '', end: '' };
    period[field === 'period.start' ? 'start' : 'end'] = text ?? '';
    if (period.start === '' && period.end === '') delete meta.period;
    else meta.period = period;
  } else if (value === null) {
    if (field !== 'level' && field !== 'year' && field !== 'template') Reflect.deleteProperty(record, field);
  } else {
    record[field] = value;
  }
}

/** A copy of `doc` with the given fields set (null text deletes that language; null unit deletes it). */
export function applyFields(doc: ReportDocument, fields: Iterable<[FieldKey, FieldValue]>): ReportDocument {
  const next = structuredClone(doc);
  for (const [key, value] of fields) {
    const [kind = '', name = '', lang] = key.split(':');
    if (kind === 'cell') next.cells[name] = typeof value === 'number' ? value : null;
    else if (kind === 'unit') {
      if (typeof value === 'string') next.units[name] = value;
      else Reflect.deleteProperty(next.units, name);
    } else if (kind === 'text' || kind === 'original' || kind === 'reviewed') {
      const block = name as TextBlock;
      const text: BilingualText = blockOf(next, block) ?? { original: 'zh', translationReviewed: false };
      if (kind === 'text' && (lang === 'zh' || lang === 'bo')) {
        if (typeof value === 'string') text[lang] = value;
        else Reflect.deleteProperty(text, lang);
      } else if (kind === 'original' && (value === 'zh' || value === 'bo')) text.original = value;
      else if (kind === 'reviewed') text.translationReviewed = value === true;
      if (block === 'preamble') next.preamble = text;
      else next.sections[block] = text;
    } else if (kind === 'meta') setMeta(next.meta, name, value);
  }
  return next;
}

/** True when two field values are the same (fields are scalars). */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}
