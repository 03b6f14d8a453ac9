import { z } from 'zod';
import { GateId, OffsetDateTime } from './primitives.ts';

/** Raised for operators when a gate's queue passes its configured share of yard capacity. */
export const Alert = z.object({
  id: z.string(),
  gateId: GateId,
  kind: z.literal('queue_over_capacity'),
  queue: z.number().int().nonnegative(),
  yardCapacity: z.number().int().positive(),
  share: z.number().nonnegative(),
  threshold: z.number().positive(),
  raisedAt: OffsetDateTime,
});
export type Alert = z.infer<typeof Alert>;
