/**
 * Pieces the wire schemas share: ids, integers, timestamps. Field keys and values are in
 * fields.ts: the reader's schemas need none of the drafting's field parser.
 */
import * as v from 'valibot';

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
