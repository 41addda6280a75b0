/**
 * What one field of a draft may hold, checked before an edit is accepted (issue 4: the server
 * refuses a push with a wrong value and stores nothing). The report schema (schema.ts) checks a
 * whole document; this checks one field against the draft's template, with the same limits.
 */
import { readField, type FieldValue, type MetaField } from './fields.ts';
import { ADMIN_LEVELS } from './model.ts';
import { MAX_META_TEXT, MAX_TEXT_BLOCK } from './schema.ts';
import { cellSpec, type TemplateDef } from './templates/index.ts';
import { cellValueProblem, describeValueProblem, textValueProblem, type ValueProblem } from './values.ts';

/** Longest unit text (元, 万元 …), as the report schema allows. */
const MAX_UNIT = 20;
/**
 * Metadata fixed when a draft is created: the year names the report (`<agency>-<year>`) and the
 * template decides which cells exist.
 */
const FIXED_META: readonly MetaField[] = ['year', 'template'];

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The value policy's verdict on a cell edit (values.ts), for the editor to say it with the bound. */
export function cellEditProblem(template: TemplateDef, key: string, value: FieldValue): ValueProblem | undefined {
  const spec = cellSpec(template, key);
  if (spec === undefined || value === null) return undefined;
  if (typeof value !== 'number') return { code: 'not_a_number' };
  return cellValueProblem(spec.kind, value);
}

/** The value policy's verdict on a prose edit (values.ts): the length with its limit, NUL, a broken surrogate. */
export function textEditProblem(value: FieldValue): ValueProblem | undefined {
  return typeof value === 'string' ? textValueProblem(value, MAX_TEXT_BLOCK) : undefined;
}

function checkCell(template: TemplateDef, key: string, value: FieldValue): string | undefined {
  const spec = cellSpec(template, key);
  if (spec === undefined) return `not a cell of template ${template.id}`;
  if (value === null) return undefined;
  const problem = typeof value === 'number' ? cellValueProblem(spec.kind, value) : { code: 'not_a_number' as const };
  if (problem === undefined) return undefined;
  if (problem.code === 'not_a_number') return 'a cell holds a finite number or null (blank)';
  if (problem.code === 'too_large') return `${spec.kind === 'money' ? 'an amount' : 'a figure'} is ${describeValueProblem(problem)}`;
  if (spec.kind === 'count') return 'a count is a non-negative integer';
  if (spec.kind === 'signed') return 'this cell holds an integer';
  return 'an amount of money is not negative';
}

/** A text field's problem as a sentence, or undefined. */
function checkText(value: string, max: number, what: string): string | undefined {
  const problem = textValueProblem(value, max);
  return problem === undefined ? undefined : `${what}: ${describeValueProblem(problem)}`;
}

function checkMeta(name: MetaField, value: FieldValue): string | undefined {
  if (FIXED_META.includes(name)) return `meta:${name} is fixed when the draft is created`;
  if (name === 'level') return typeof value === 'string' && (ADMIN_LEVELS as readonly string[]).includes(value) ? undefined : `level is one of ${ADMIN_LEVELS.join(', ')}`;
  if (name === 'declaredParts') {
    return value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 99) ? undefined : 'declaredParts is an integer 0–99 or null';
  }
  if (name === 'agency.zh') {
    if (typeof value !== 'string' || value.trim() === '') return `agency.zh is a name of 1–${MAX_META_TEXT} characters`;
    return checkText(value, MAX_META_TEXT, 'agency.zh');
  }
  if (value === null) return undefined;
  if (typeof value !== 'string') return `meta:${name} is text or null`;
  if (name === 'period.start' || name === 'period.end' || name === 'publishedOn') {
    return isCalendarDate(value) ? undefined : `meta:${name} is a date YYYY-MM-DD`;
  }
  return checkText(value, MAX_META_TEXT, `meta:${name}`);
}

/**
 * Why `value` cannot be stored in `field` of a draft of `template`, or undefined when it can.
 * Reasons are English for logs and API clients; they are not shown to officials as they are.
 */
export function checkFieldValue(template: TemplateDef, field: string, value: FieldValue): string | undefined {
  const name = readField(field);
  if ('problem' in name) return name.problem;
  switch (name.kind) {
    case 'cell':
      return checkCell(template, name.cell, value);
    case 'unit':
      if (cellSpec(template, name.cell) === undefined) return `not a cell of template ${template.id}`;
      if (value === null) return undefined;
      return typeof value === 'string' && value.length >= 1 ? checkText(value, MAX_UNIT, 'a unit') : `a unit is 1–${MAX_UNIT} characters or null`;
    case 'text':
      if (value === null) return undefined;
      return typeof value === 'string' ? checkText(value, MAX_TEXT_BLOCK, 'text') : `text is at most ${MAX_TEXT_BLOCK} characters, or null`;
    case 'original':
      return value === 'zh' || value === 'bo' ? undefined : 'original is zh or bo';
    case 'reviewed':
      return typeof value === 'boolean' ? undefined : 'reviewed is true or false';
    case 'meta':
      return checkMeta(name.name, value);
  }
}
