import { z } from 'zod';
import { GateId, OffsetDateTime } from './primitives.ts';

/** Raised for operators when a gate's queue passes its configured share of yard capacity. */
export const QueueAlert = z.object({
  id: z.string(),
  gateId: GateId,
  kind: z.literal('queue_over_capacity'),
  queue: z.number().int().nonnegative(),
  yardCapacity: z.number().int().positive(),
  share: z.number().nonnegative(),
  threshold: z.number().positive(),
  raisedAt: OffsetDateTime,
});
export type QueueAlert = z.infer<typeof QueueAlert>;

/**
 * Raised for operators while the event log holds rows the server could not decode at start (not JSON,
 * not an event's shape): those rows are missing from every figure until someone repairs them.
 */
export const LogAlert = z.object({
  id: z.string(),
  kind: z.literal('log_undecodable'),
  /** How many rows; `seqs` lists the first of them (their position in the log). */
  count: z.number().int().positive(),
  seqs: z.array(z.number().int().positive()),
  raisedAt: OffsetDateTime,
});
export type LogAlert = z.infer<typeof LogAlert>;

export const Alert = z.discriminatedUnion('kind', [QueueAlert, LogAlert]);
export type Alert = z.infer<typeof Alert>;
