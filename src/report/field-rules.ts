/**
 * What one field of a draft may hold, checked before an edit is accepted (issue 4: the server
 * refuses a push with a wrong value and stores nothing). The report schema (schema.ts) checks a
 * whole document; this checks one field against the draft's template, with the same limits.
 */
import { META_FIELDS, TEXT_BLOCKS, type FieldKey, type FieldValue, type MetaField, type TextBlock } from './fields.ts';
import { ADMIN_LEVELS, LANGS } from './model.ts';
import { MAX_META_TEXT, MAX_TEXT_BLOCK } from './schema.ts';
import { cellSpec, type TemplateDef } from './templates/index.ts';

/** Longest unit text (元, 万元 …), as the report schema allows. */
const MAX_UNIT = 20;
/**
 * Metadata fixed when a draft is created: the year names the report (`<agency>-<year>`) and the
 * template decides which cells exist.
 */
const FIXED_META: readonly MetaField[] = ['year', 'template'];

function isBlock(name: string): name is TextBlock {
  return (TEXT_BLOCKS as readonly string[]).includes(name);
}

function isMetaField(name: string): name is MetaField {
  return (META_FIELDS as readonly string[]).includes(name);
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkCell(template: TemplateDef, key: string, value: FieldValue): string | undefined {
  const spec = cellSpec(template, key);
  if (spec === undefined) return `not a cell of template ${template.id}`;
  if (value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'a cell holds a finite number or null (blank)';
  if (spec.kind === 'count' && (!Number.isInteger(value) || value < 0)) return 'a count is a non-negative integer';
  if (spec.kind === 'signed' && !Number.isInteger(value)) return 'this cell holds an integer';
  if (spec.kind === 'money' && value < 0) return 'an amount of money is not negative';
  return undefined;
}

function checkMeta(name: MetaField, value: FieldValue): string | undefined {
  if (FIXED_META.includes(name)) return `meta:${name} is fixed when the draft is created`;
  if (name === 'level') return typeof value === 'string' && (ADMIN_LEVELS as readonly string[]).includes(value) ? undefined : `level is one of ${ADMIN_LEVELS.join(', ')}`;
  if (name === 'declaredParts') {
    return value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 99) ? undefined : 'declaredParts is an integer 0–99 or null';
  }
  if (name === 'agency.zh') {
    return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_META_TEXT ? undefined : `agency.zh is a name of 1–${MAX_META_TEXT} characters`;
  }
  if (value === null) return undefined;
  if (typeof value !== 'string') return `meta:${name} is text or null`;
  if (name === 'period.start' || name === 'period.end' || name === 'publishedOn') {
    return isCalendarDate(value) ? undefined : `meta:${name} is a date YYYY-MM-DD`;
  }
  return value.length <= MAX_META_TEXT ? undefined : `meta:${name} is longer than ${MAX_META_TEXT} characters`;
}

/**
 * Why `value` cannot be stored in `field` of a draft of `template`, or undefined when it can.
 * Reasons are English for logs and API clients; they are not shown to officials as they are.
 */
export function checkFieldValue(template: TemplateDef, field: FieldKey, value: FieldValue): string | undefined {
  const colon = field.indexOf(':');
  const kind = field.slice(0, colon);
  const name = field.slice(colon + 1);
  if (colon < 0 || name === '') return 'not a field key';
  switch (kind) {
    case 'cell':
      return checkCell(template, name, value);
    case 'unit':
      if (cellSpec(template, name) === undefined) return `not a cell of template ${template.id}`;
      return value === null || (typeof value === 'string' && value.length >= 1 && value.length <= MAX_UNIT) ? undefined : `a unit is 1–${MAX_UNIT} characters or null`;
    case 'text': {
      const [block = '', lang = '', ...rest] = name.split(':');
      if (!isBlock(block) || !(LANGS as readonly string[]).includes(lang) || rest.length > 0) return 'not a text block and language';
      return value === null || (typeof value === 'string' && value.length <= MAX_TEXT_BLOCK) ? undefined : `text is at most ${MAX_TEXT_BLOCK} characters, or null`;
    }
    case 'original':
      if (!isBlock(name)) return 'not a text block';
      return value === 'zh' || value === 'bo' ? undefined : 'original is zh or bo';
    case 'reviewed':
      if (!isBlock(name)) return 'not a text block';
      return typeof value === 'boolean' ? undefined : 'reviewed is true or false';
    case 'meta':
      return isMetaField(name) ? checkMeta(name, value) : 'not a metadata field';
    default:
      return 'not a field key';
  }
}
