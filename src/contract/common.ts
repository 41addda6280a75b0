/** Pieces the wire schemas share: ids, integers, timestamps, field keys and values. */
import * as v from 'valibot';
import { isFieldKey, MAX_FIELD_NAME, type FieldKey } from '../report/fields.ts';

/** A report id as it may appear in a URL: lower-case letters, digits and '-', at most 64. */
export const ReportIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/u, 'a report id is 1–64 of a-z, 0-9 and -, starting with a letter or digit'),
);

/** An agency id: a slug that prefixes its report ids (`<agency>-<year>`). */
export const AgencyIdSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,47}$/u, 'an agency id is 1–48 of a-z, 0-9 and -, starting with a letter or digit'),
);

export const IntSchema = v.pipe(v.number(), v.integer());
export const TimestampSchema = v.pipe(v.string(), v.isoTimestamp());

/** What a field holds (report/fields.ts FieldValue): a JSON scalar. */
export const FieldValueSchema = v.union([v.string(), v.number(), v.boolean(), v.null()]);

/** A field key (report/fields.ts): checked with its parser, so the output is typed `FieldKey`. */
export const FieldKeySchema = v.custom<FieldKey>(isFieldKey, `not a field key (kind:name, a name of at most ${MAX_FIELD_NAME} characters)`);
