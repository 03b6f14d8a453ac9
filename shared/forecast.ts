import { z } from 'zod';
import { NoticeDraft } from './notices.ts';
import { GateId, OffsetDateTime } from './primitives.ts';

// The queue ahead (dự báo hàng chờ): per gate, hour by hour, with a band, and a what-if for a draft notice.

export const ForecastPoint = z.object({
  /** Now, then the end of each local hour ahead. */
  at: OffsetDateTime,
  /** Trucks waiting then (expected value), and the band from the recent slow/fast days. */
  queue: z.number().nonnegative(),
  low: z.number().nonnegative(),
  high: z.number().nonnegative(),
});
export type ForecastPoint = z.infer<typeof ForecastPoint>;

/** A projection of one gate: both directions together, and each. */
export const GateProjection = z.object({
  total: z.array(ForecastPoint),
  export: z.array(ForecastPoint),
  import: z.array(ForecastPoint),
  /** When both directions together reach the yard capacity (the current hour's start when already there); null when not within the horizon. */
  yardFullAt: OffsetDateTime.nullable(),
});
export type GateProjection = z.infer<typeof GateProjection>;

export const ForecastQuery = z.object({ hours: z.coerce.number().int().min(1).max(168).default(72) });
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastResponse = GateProjection.extend({
  gateId: GateId,
  asOf: OffsetDateTime,
  horizonHours: z.number().int().positive(),
  yardCapacity: z.number().int().positive(),
});
export type ForecastResponse = z.infer<typeof ForecastResponse>;

/** POST /api/v1/forecast/what-if: the projected queue of each gate of a draft notice, without and with it. */
export const WhatIfRequest = NoticeDraft;
export type WhatIfRequest = z.infer<typeof WhatIfRequest>;

export const WhatIfResponse = z.object({
  asOf: OffsetDateTime,
  /** 72 h, or up to a day past the draft's end (at most 21 days). */
  horizonHours: z.number().int().positive(),
  gates: z.array(z.object({ gateId: GateId, yardCapacity: z.number().int().positive(), without: GateProjection, with: GateProjection })),
});
export type WhatIfResponse = z.infer<typeof WhatIfResponse>;

/** Body of POST /api/v1/notices: a draft, and the recommended notice it came from, if any (audited as issued as suggested or edited). */
export const NoticeRequest = NoticeDraft.extend({ recommendationId: z.string().min(1).max(200).optional() });
export type NoticeRequest = z.infer<typeof NoticeRequest>;
