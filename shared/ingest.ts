import { z } from 'zod';
import { RejectCode } from './errors.ts';

/** Most events one POST /api/v1/events may carry. */
export const MAX_EVENTS_PER_BATCH = 10_000;

export const RejectedItem = z.object({
  index: z.number().int().nonnegative(),
  eventId: z.string().optional(),
  code: RejectCode,
  message: z.string(),
  noticeId: z.string().optional(),
});
export type RejectedItem = z.infer<typeof RejectedItem>;

/** Response 200 of POST /api/v1/events: accepted + duplicates + rejected.length = items sent. */
export const BatchResult = z.object({
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.array(RejectedItem),
});
export type BatchResult = z.infer<typeof BatchResult>;
