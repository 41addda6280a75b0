/** Field keys and values on the wire (drafting and sync): checked with the domain's field parser. */
import * as v from 'valibot';
import { isFieldKey, MAX_FIELD_NAME, type FieldKey } from '../report/fields.ts';

/** What a field holds (report/fields.ts FieldValue): a JSON scalar. */
export const FieldValueSchema = v.union([v.string(), v.number(), v.boolean(), v.null()]);

/** A field key (report/fields.ts): checked with its parser, so the output is typed `FieldKey`. */
export const FieldKeySchema = v.custom<FieldKey>(isFieldKey, `not a field key (kind:name, a name of at most ${MAX_FIELD_NAME} characters)`);
