/** The body of every error response, and the validator's findings as they travel in it. */
import * as v from 'valibot';
import { FindingSchema } from '../report/validate/types.ts';
import { ACCOUNT_ERROR_CODES } from './accounts.ts';
import { REVIEW_ERROR_CODES } from './review.ts';

export { FindingSchema };

/** Codes of the JSON errors; the app turns them into zh/bo messages. */
export const API_ERROR_CODES = [
  'report_not_found',
  'invalid_report_id',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'zip_inflates_too_large',
  'internal_error',
  'unauthenticated',
  'forbidden',
  'invalid_credentials',
  'too_many_attempts',
  'unsupported_media_type',
  'invalid_json',
  'invalid_body',
  'invalid_field',
  'invalid_document',
  'invalid_query',
  'agency_mismatch',
  'draft_not_found',
  'draft_exists',
  'draft_id_taken',
  'unresolved_conflicts',
  'publish_blocked',
  'warnings_unacknowledged',
  'note_required',
  'agency_not_found',
  ...REVIEW_ERROR_CODES,
  ...ACCOUNT_ERROR_CODES,
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * The body of every error response. `message` is English for logs and curl, not for the UI.
 * `field` names the field a 422 is about; `findings` are the validator's (publish refused);
 * `requestId` is in a 500, to find its log lines.
 */
export const ApiErrorBodySchema = v.object({
  error: v.object({
    code: v.picklist(API_ERROR_CODES),
    message: v.string(),
    field: v.optional(v.string()),
    findings: v.optional(v.array(FindingSchema)),
    /** A 500's request id (also X-Request-Id): what the server's log lines about it carry. */
    requestId: v.optional(v.string()),
  }),
});
export type ApiErrorBody = v.InferOutput<typeof ApiErrorBodySchema>;
