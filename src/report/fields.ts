/**
 * A report as a flat map of fields, the unit of editing, merging and audit: each cell, each unit,
 * each prose block in each language, and each metadata value. Sync merges per field (issue 4):
 * changes to different fields merge; the same field changed on both sides is a conflict.
 *
 * A field key is a string on the wire and in storage, typed here: `FieldKey` says which strings
 * are keys, `fieldKey` is the one way to build one and `parseField` the one way to read one. No
 * other module writes `cell:…` by hand or slices a key apart.
 */
import type { BilingualText, CellKey, Lang, ReportDocument, ReportMeta, SectionKey, TemplateId } from './model.ts';
import { LANGS, SECTION_KEYS } from './model.ts';

/** Prose blocks: the preamble and the six sections. */
export type ProseBlock = 'preamble' | SectionKey;
/** Prose blocks in print order. */
export const PROSE_BLOCKS: readonly ProseBlock[] = ['preamble', ...SECTION_KEYS];

/**
 * Names of the `meta:<name>` fields. Metadata is editable field by field; agency.zh/agency.bo and
 * the period are split so two officials can fix the Tibetan name and the postcode at the same time
 * without a conflict.
 */
export const META_FIELDS = ['agency.zh', 'agency.bo', 'level', 'year', 'template', 'period.start', 'period.end', 'publishedOn',
  'address', 'postcode', 'phone', 'email', 'website', 'notice', 'declaredParts'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** The key of one field. */
export type FieldKey =
  | `cell:${CellKey}`
  | `unit:${CellKey}`
  | `text:${ProseBlock}:${Lang}`
  | `original:${ProseBlock}`
  | `reviewed:${ProseBlock}`
  | `meta:${MetaField}`;

/** What a field key names, as `parseField` reads it and `fieldKey` writes it. */
export type FieldName =
  | { kind: 'cell'; cell: CellKey }
  | { kind: 'unit'; cell: CellKey }
  | { kind: 'text'; block: ProseBlock; lang: Lang }
  | { kind: 'original'; block: ProseBlock }
  | { kind: 'reviewed'; block: ProseBlock }
  | { kind: 'meta'; name: MetaField };

/** The kinds of field, the part of a key before the first colon. */
export type FieldKind = FieldName['kind'];
export const FIELD_KINDS: readonly FieldKind[] = ['cell', 'unit', 'text', 'original', 'reviewed', 'meta'];

/** Longest name after a field key's kind (`cell:` + at most this many characters). */
export const MAX_FIELD_NAME = 120;

/** The key of a field. The one constructor: every key in the app, server and tests is made here. */
export function fieldKey(name: FieldName): FieldKey {
  switch (name.kind) {
    case 'cell': return `cell:${name.cell}`;
    case 'unit': return `unit:${name.cell}`;
    case 'text': return `text:${name.block}:${name.lang}`;
    case 'original': return `original:${name.block}`;
    case 'reviewed': return `reviewed:${name.block}`;
    case 'meta': return `meta:${name.name}`;
  }
}

/** `cell:<key>`: shorthand for the most common key. */
export function cellField(cell: CellKey): FieldKey {
  return fieldKey({ kind: 'cell', cell });
}

/** `text:<block>:<lang>`. */
export function textField(block: ProseBlock, lang: Lang): FieldKey {
  return fieldKey({ kind: 'text', block, lang });
}

/** `meta:<name>`. */
export function metaField(name: MetaField): FieldKey {
  return fieldKey({ kind: 'meta', name });
}

/**
 * A cell key as a field may name it: letters, digits, `_` and `.` (`table.row.column`). Whether
 * the draft's template has the cell is field-rules.ts's question, answered with a reason.
 */
const CELL_KEY = /^[A-Za-z0-9_.]+$/u;

function isProseBlock(name: string): name is ProseBlock {
  return (PROSE_BLOCKS as readonly string[]).includes(name);
}

function isMetaField(name: string): name is MetaField {
  return (META_FIELDS as readonly string[]).includes(name);
}

function isLang(name: string): name is Lang {
  return (LANGS as readonly string[]).includes(name);
}

/**
 * What a string names as a field key, or why it is none (English, for logs and API clients). The
 * cell key is read for its shape only; whether a template has that cell is field-rules.ts's call.
 */
export function readField(text: string): FieldName | { problem: string } {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (colon < 0 || rest === '' || rest.length > MAX_FIELD_NAME) return { problem: 'not a field key' };
  switch (kind) {
    case 'cell':
    case 'unit':
      return CELL_KEY.test(rest) ? { kind, cell: rest } : { problem: 'not a cell key' };
    case 'text': {
      const [block = '', lang = '', ...more] = rest.split(':');
      return isProseBlock(block) && isLang(lang) && more.length === 0 ? { kind, block, lang } : { problem: 'not a text block and language' };
    }
    case 'original':
    case 'reviewed':
      return isProseBlock(rest) ? { kind, block: rest } : { problem: 'not a text block' };
    case 'meta':
      return isMetaField(rest) ? { kind, name: rest } : { problem: 'not a metadata field' };
    default:
      return { problem: 'not a field key' };
  }
}

/** What a field key names, or undefined when the string is not a field key. The one parser. */
export function parseField(text: string): FieldName | undefined {
  const read = readField(text);
  return 'problem' in read ? undefined : read;
}

/** True when a string is a field key (for schemas at the boundaries: wire, storage, IndexedDB). */
export function isFieldKey(text: unknown): text is FieldKey {
  return typeof text === 'string' && parseField(text) !== undefined;
}

/** The cell a `cell:` field holds, or undefined for any other field. */
export function cellOfField(field: FieldKey): CellKey | undefined {
  const name = parseField(field);
  return name?.kind === 'cell' ? name.cell : undefined;
}

/** What a field holds: JSON scalars only, so fields compare and store simply. */
export type FieldValue = string | number | boolean | null;

function readMeta(meta: ReportMeta, field: MetaField): FieldValue {
  switch (field) {
    case 'agency.zh': return meta.agency.zh;
    case 'agency.bo': return meta.agency.bo ?? null;
    case 'period.start': return meta.period?.start ?? null;
    case 'period.end': return meta.period?.end ?? null;
    default: return meta[field] ?? null;
  }
}

function blockOf(doc: ReportDocument, block: ProseBlock): BilingualText | undefined {
  return block === 'preamble' ? doc.preamble : doc.sections[block];
}

/** The fields of a report. Absent cells are absent fields; blank cells are null fields. */
export function toFields(doc: ReportDocument): Map<FieldKey, FieldValue> {
  const fields = new Map<FieldKey, FieldValue>();
  for (const [cell, value] of Object.entries(doc.cells)) fields.set(fieldKey({ kind: 'cell', cell }), value);
  for (const [cell, unit] of Object.entries(doc.units)) fields.set(fieldKey({ kind: 'unit', cell }), unit);
  for (const block of PROSE_BLOCKS) {
    const text = blockOf(doc, block);
    if (text === undefined) continue;
    for (const lang of LANGS) fields.set(fieldKey({ kind: 'text', block, lang }), text[lang] ?? null);
    fields.set(fieldKey({ kind: 'original', block }), text.original);
    fields.set(fieldKey({ kind: 'reviewed', block }), text.translationReviewed);
  }
  for (const name of META_FIELDS) fields.set(fieldKey({ kind: 'meta', name }), readMeta(doc.meta, name));
  return fields;
}

function setMeta(meta: ReportMeta, field: MetaField, value: FieldValue): void {
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

function setText(doc: ReportDocument, name: Extract<FieldName, { block: ProseBlock }>, value: FieldValue): void {
  const text: BilingualText = blockOf(doc, name.block) ?? { original: 'zh', translationReviewed: false };
  if (name.kind === 'text') {
    if (typeof value === 'string') text[name.lang] = value;
    else Reflect.deleteProperty(text, name.lang);
  } else if (name.kind === 'original') {
    if (value === 'zh' || value === 'bo') text.original = value;
  } else {
    text.translationReviewed = value === true;
  }
  if (name.block === 'preamble') doc.preamble = text;
  else doc.sections[name.block] = text;
}

/**
 * A copy of `doc` with the given fields set (null text deletes that language; null unit deletes
 * it). A key that is not a field key is skipped.
 */
export function applyFields(doc: ReportDocument, fields: Iterable<[FieldKey, FieldValue]>): ReportDocument {
  const next = structuredClone(doc);
  for (const [key, value] of fields) {
    const name = parseField(key);
    if (name === undefined) continue;
    switch (name.kind) {
      case 'cell':
        next.cells[name.cell] = typeof value === 'number' ? value : null;
        break;
      case 'unit':
        if (typeof value === 'string') next.units[name.cell] = value;
        else Reflect.deleteProperty(next.units, name.cell);
        break;
      case 'meta':
        setMeta(next.meta, name.name, value);
        break;
      default:
        setText(next, name, value);
    }
  }
  return next;
}

/** What fixes a draft's shape: the report id it publishes as, its year and its template. */
export interface DraftShape {
  reportId: string;
  year: number;
  template: TemplateId;
}

/**
 * The report document a draft's fields make: what the editor shows and validates, what the server
 * validates and publishes. Year and template are the draft's, fixed at creation (field-rules.ts),
 * whatever a field says; the agency and level are the fields' (the server passes its own as
 * `base` for a draft whose fields lack them).
 */
export function documentOfFields(
  shape: DraftShape,
  fields: Iterable<[FieldKey, FieldValue]>,
  base: Pick<ReportMeta, 'agency' | 'level'> = { agency: { zh: '' }, level: 'county' },
): ReportDocument {
  const skeleton: ReportDocument = {
    schema: 1,
    id: shape.reportId,
    meta: { agency: structuredClone(base.agency), level: base.level, year: shape.year, template: shape.template },
    sections: {},
    cells: {},
    units: {},
  };
  const doc = applyFields(skeleton, fields);
  doc.meta.year = shape.year;
  doc.meta.template = shape.template;
  return doc;
}

/** True when two field values are the same (fields are scalars). */
export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/** Values by field key, as JSON objects hold them (IndexedDB rows, the wire's `fields`). */
export type FieldRecord<T> = Partial<Record<FieldKey, T>>;

/**
 * The entries of a FieldRecord with their keys typed; a key that is not a field key (a record read
 * from older storage) is left out.
 */
export function fieldEntries<T>(record: FieldRecord<T>): [FieldKey, T][] {
  const entries: [FieldKey, T][] = [];
  for (const [key, value] of Object.entries<T | undefined>(record)) {
    if (value !== undefined && isFieldKey(key)) entries.push([key, value]);
  }
  return entries;
}
