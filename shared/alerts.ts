import { z } from 'zod';
import { CargoCategory, Direction, GateId, OffsetDateTime } from './primitives.ts';

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

/**
 * Raised for operators when the queue forecast has a yard pass the configured share of its capacity within
 * the horizon: a suggested stop-receiving notice (đề xuất), ready for the composer.
 */
export const RecommendedNoticeAlert = z.object({
  id: z.string(),
  kind: z.literal('recommended_notice'),
  gateIds: z.array(GateId).min(1),
  direction: Direction,
  categories: z.array(CargoCategory).min(1),
  /** When the first of the gates reaches the line, by the forecast. */
  fullAt: OffsetDateTime,
  /** The highest share of yard capacity any of the gates reaches within the horizon, and the line. */
  peakShare: z.number().nonnegative(),
  threshold: z.number().positive(),
  effectiveFrom: OffsetDateTime,
  effectiveUntil: OffsetDateTime,
  raisedAt: OffsetDateTime,
});
export type RecommendedNoticeAlert = z.infer<typeof RecommendedNoticeAlert>;

export const Alert = z.discriminatedUnion('kind', [QueueAlert, LogAlert, RecommendedNoticeAlert]);
export type Alert = z.infer<typeof Alert>;
