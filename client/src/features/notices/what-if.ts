import type { ForecastPoint, WhatIfResponse } from '../../../../shared/index.ts';

// What a draft notice would do to one gate's yard, in the words of the composer's summary line. Pure.

export type WhatIfGate = WhatIfResponse['gates'][number];

export interface WhatIfSummary {
  /** The moment compared: the notice's end when it has one within the forecast, else the forecast's last hour. */
  at: string;
  atEnd: boolean;
  withQueue: number;
  withoutQueue: number;
  fullWith: string | null;
  fullWithout: string | null;
}

/** The first point at or after `ms`, else the last. */
const pointAt = (points: readonly ForecastPoint[], ms: number): ForecastPoint | undefined =>
  points.find((p) => Date.parse(p.at) >= ms) ?? points[points.length - 1];

export function whatIfSummary(gate: WhatIfGate, effectiveUntil: string | undefined): WhatIfSummary | null {
  const last = gate.without.total[gate.without.total.length - 1];
  if (!last) return null;
  const untilMs = effectiveUntil === undefined ? NaN : Date.parse(effectiveUntil);
  const atEnd = Number.isFinite(untilMs) && untilMs <= Date.parse(last.at);
  const without = atEnd ? pointAt(gate.without.total, untilMs) : last;
  if (!without) return null;
  // Both projections share their hours; read "with" at the same moment.
  const withPoint = pointAt(gate.with.total, Date.parse(without.at));
  if (!withPoint) return null;
  return {
    at: without.at,
    atEnd,
    withQueue: withPoint.queue,
    withoutQueue: without.queue,
    fullWith: gate.with.yardFullAt,
    fullWithout: gate.without.yardFullAt,
  };
}

export interface WhatIfRow {
  t: number;
  without: number;
  with: number | null;
}

/** Chart rows: one per hour of the forecast, both projections side by side. */
export function whatIfRows(gate: WhatIfGate): WhatIfRow[] {
  const withAt = new Map(gate.with.total.map((p) => [p.at, p.queue]));
  return gate.without.total.map((p) => ({ t: Date.parse(p.at), without: p.queue, with: withAt.get(p.at) ?? null }));
}

/** "Cửa khẩu quốc tế Hữu Nghị" → "Hữu Nghị", "Tân Thanh Border Gate" → "Tân Thanh": the yard's name in a sentence. */
export const shortGateName = (name: string): string =>
  name.replace(/^cửa khẩu\s+(quốc tế\s+|chính\s+|phụ\s+)?/iu, '').replace(/\s+(international\s+)?border gate$/iu, '') || name;
