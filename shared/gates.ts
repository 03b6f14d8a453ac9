import { z } from 'zod';
import { Lane } from './lanes.ts';
import { Force, GateId, LocalDate, OffsetDateTime, PerDirection } from './primitives.ts';
import { ServicePattern } from './procedures.ts';

// Gate status and history as read by anyone (CONTRACT §2, §3).

export const GateStatusValue = z.enum(['receiving', 'restricted', 'stopped']);
export type GateStatusValue = z.infer<typeof GateStatusValue>;

/** One lane of one direction at a gate (luồng hàng): what waits, how fast it clears, how long a truck arriving now waits. */
export const LaneWait = z.object({
  lane: Lane,
  /** Trucks of this lane in the yard now. */
  queue: z.number().int().nonnegative(),
  /** Smoothed trucks cleared a day (24 h windows, the newest counting most); null when none cleared in a week. */
  clearedPerDay: z.number().nonnegative().nullable(),
  /** For a truck of this lane arriving now, minutes until it is cleared; null when unknown. */
  estimatedWaitMinutes: z.number().nonnegative().nullable(),
  /** The same at the recent fast (low) and slow (high) days' rates. */
  estimatedWaitRange: z.object({ low: z.number().nonnegative(), high: z.number().nonnegative() }).nullable(),
  /** Waits of this lane's trucks cleared in the last 24 h (7 days when fewer than 5). */
  measured: z.object({ count: z.number().int().nonnegative(), medianMinutes: z.number().nonnegative().nullable(), p90Minutes: z.number().nonnegative().nullable() }),
});
export type LaneWait = z.infer<typeof LaneWait>;

export const GateStatus = z.object({
  id: GateId,
  name: z.object({ vi: z.string(), en: z.string() }),
  lat: z.number(),
  lon: z.number(),
  status: GateStatusValue,
  /** Ids of the stop-receiving notices in force at this gate now. */
  activeNotices: z.array(z.string()),
  /** Queued trucks (in the yard, not cleared or cancelled), per direction. */
  queue: PerDirection,
  /** Declared trucks not yet arrived, per direction. */
  expected: PerDirection,
  /** Queued trucks still lacking a `confirmed` check from each force. */
  awaiting: z.record(Force, z.number().int().nonnegative()),
  /** Queued trucks whose hand-over step (shared/procedures.ts) is open. */
  awaitingHandover: z.number().int().nonnegative(),
  /** Queued trucks with every step of their procedure confirmed: they may clear. */
  readyToClear: z.number().int().nonnegative(),
  /** How the gate serves its perishable and other trucks now; null: first come, first served. */
  servicePattern: ServicePattern.nullable(),
  /** Cleared in the hour before the server clock (both directions). */
  clearedLastHour: z.number().int().nonnegative(),
  /** Cleared since local midnight of the server clock, per direction. */
  clearedToday: PerDirection,
  /** Queue ÷ recent clearance rate (smoothed over 24 h windows); null when nothing was cleared in a week and the queue is not empty. */
  estimatedWaitMinutes: z.number().nonnegative().nullable(),
  yardCapacity: z.number().int().positive(),
  /** Per direction, one entry per lane (fresh produce, other goods). */
  waits: z.object({ export: z.array(LaneWait), import: z.array(LaneWait) }),
  /** When the forecast has both directions together fill the yard within 72 h (the current hour's start when already full); null otherwise. */
  yardFullAt: OffsetDateTime.nullable(),
});
export type GateStatus = z.infer<typeof GateStatus>;

export const GatesResponse = z.object({ asOf: OffsetDateTime, gates: z.array(GateStatus) });

/** Query of GET /api/v1/gates: `asOf` — the gates as they stood at that past instant (with an offset, not after the server clock). */
export const GatesQuery = z.object({ asOf: OffsetDateTime.optional() });
export type GatesQuery = z.infer<typeof GatesQuery>;
export type GatesResponse = z.infer<typeof GatesResponse>;

export const HistoryBucketSize = z.enum(['day', 'hour']);
export type HistoryBucketSize = z.infer<typeof HistoryBucketSize>;

/** Query of GET /api/v1/gates/:id/history — local dates (inclusive) or datetimes with offset. */
export const HistoryQuery = z.object({
  from: z.union([LocalDate, OffsetDateTime]),
  to: z.union([LocalDate, OffsetDateTime]),
  bucket: HistoryBucketSize.default('day'),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryBucket = z.object({
  /** Local start of the bucket, with offset. */
  start: OffsetDateTime,
  /** Trucks that entered the yard in this bucket (by `arrived.occurredAt`). */
  arrived: PerDirection,
  /** Trucks cleared in this bucket (by `cleared.occurredAt`). */
  cleared: PerDirection,
  /** Trucks waiting in the yard at the end of the bucket (hàng chờ cuối kỳ), per direction. */
  queue: PerDirection,
  /** Wait (cleared − arrived) of the trucks cleared in this bucket; null when none. */
  medianWaitMinutes: z.number().nonnegative().nullable(),
  p90WaitMinutes: z.number().nonnegative().nullable(),
});
export type HistoryBucket = z.infer<typeof HistoryBucket>;

export const HistoryResponse = z.object({
  gateId: GateId,
  bucket: HistoryBucketSize,
  buckets: z.array(HistoryBucket),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;
