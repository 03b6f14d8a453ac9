import { z } from 'zod';
import { Notice } from './notices.ts';
import { CargoCategory, GateId, LocalDate, OffsetDateTime, PerDirection } from './primitives.ts';

// The daily bulletin (bản tin hằng ngày) as the Department of Industry and Trade publishes it: per gate at
// 20:00 — the trucks waiting, by direction and goods; those newly arrived from inland and those cleared in
// the 24 hours to 20:00; those that turned around (left the yard without clearing — to another gate or
// home); and the notices in force.

export const BulletinQuery = z.object({ date: LocalDate });
export type BulletinQuery = z.infer<typeof BulletinQuery>;

const ByCategory = z.record(CargoCategory, z.number().int().nonnegative());

export const BulletinGate = z.object({
  gateId: GateId,
  name: z.object({ vi: z.string(), en: z.string() }),
  /** Queued at 20:00, per direction, and per direction × category. */
  waiting: PerDirection,
  waitingByCategory: z.object({ export: ByCategory, import: ByCategory }),
  /** Arrived, cleared and turned around in the 24 h to 20:00. */
  arrived: PerDirection,
  cleared: PerDirection,
  turnedAround: PerDirection,
  /** Ids of the notices in force at this gate at 20:00. */
  notices: z.array(z.string()),
});
export type BulletinGate = z.infer<typeof BulletinGate>;

export const Bulletin = z.object({
  date: LocalDate,
  /** 20:00 of `date`, local time: the instant the backlog is counted at. */
  at: OffsetDateTime,
  /** The 24 h the flows are counted over: [from, at), whole hours as the history's buckets. */
  from: OffsetDateTime,
  gates: z.array(BulletinGate),
  /** Every gate together. */
  total: BulletinGate.omit({ gateId: true, name: true, notices: true }),
  /** The notices in force at 20:00 (any gate). */
  notices: z.array(Notice),
});
export type Bulletin = z.infer<typeof Bulletin>;
