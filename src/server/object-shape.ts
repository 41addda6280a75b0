/**
 * valibot's object and record schemas accept an array (its indexes read as keys: `[]` passes
 * `v.record(…)` and an all-optional `v.strictObject(…)`), which let a kiosk heartbeat with an
 * array for `contentVersions` through (issue 15). This walks a schema beside the value it
 * accepted and names the first place where an array stands for an object, for every route at
 * once (request.ts readJson).
 */
import type * as v from 'valibot';

interface SchemaNode {
  type: string;
  entries?: Record<string, SchemaNode>;
  value?: SchemaNode;
  item?: SchemaNode;
  wrapped?: SchemaNode;
  options?: SchemaNode[];
  key?: string;
  literal?: unknown;
}

const OBJECTS = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest', 'record']);
const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'undefinedable']);

function walk(schema: SchemaNode, value: unknown, path: string): string | undefined {
  if (OBJECTS.has(schema.type)) {
    if (Array.isArray(value)) return path;
    if (typeof value !== 'object' || value === null) return undefined;
    for (const [key, child] of Object.entries(value)) {
      const sub = schema.entries?.[key] ?? schema.value;
      const found = sub === undefined ? undefined : walk(sub, child, path === '' ? key : `${path}.${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (schema.type === 'array' && Array.isArray(value) && schema.item !== undefined) {
    for (const [i, child] of value.entries()) {
      const found = walk(schema.item, child, path === '' ? String(i) : `${path}.${String(i)}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (WRAPPERS.has(schema.type) && schema.wrapped !== undefined) return value === null || value === undefined ? undefined : walk(schema.wrapped, value, path);
  if (schema.type === 'variant' && schema.key !== undefined && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const tag = (value as Record<string, unknown>)[schema.key];
    const option = schema.options?.find((o) => o.entries?.[schema.key ?? '']?.literal === tag);
    return option === undefined ? undefined : walk(option, value, path);
  }
  if (schema.type === 'union') {
    const found = (schema.options ?? []).map((o) => walk(o, value, path));
    return found.every((f) => f !== undefined) ? found[0] : undefined;
  }
  return undefined;
}

/** The path (dot form, '' for the body) where `value` has an array that `schema` wants as an object. */
export function arrayForObject(schema: v.GenericSchema, value: unknown): string | undefined {
  return walk(schema, value, '');
}
