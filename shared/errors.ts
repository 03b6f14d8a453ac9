import { z } from 'zod';

/** Per-item rejection codes of POST /api/v1/events (CONTRACT §1) — spelled one way everywhere. */
export const RejectCode = z.enum(['invalid', 'conflict', 'unknown_declaration', 'unknown_gate', 'forbidden', 'not_receiving']);
export type RejectCode = z.infer<typeof RejectCode>;

/** Whole-request error codes, one per HTTP status we answer with. */
export const ErrorCode = z.enum([
  'bad_request', // 400
  'unauthorized', // 401
  'forbidden', // 403
  'not_found', // 404
  'conflict', // 409 — the act clashes with the current state (e.g. lifting a lifted notice)
  'not_receiving', // 409 — a stop-receiving notice forbids it (e.g. an amendment into a stopped category); names `noticeId`
  'request_timeout', // 408
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'rate_limited', // 429
  'internal', // 500
  'unavailable', // 503
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ERROR_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  not_receiving: 409,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

/** The one error body: `{ error, message }`, for every non-2xx answer. */
export const ErrorBody = z.object({
  error: ErrorCode,
  message: z.string(),
  /** A refusal because of a stop-receiving notice names it (e.g. an amendment into a stopped category). */
  noticeId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
