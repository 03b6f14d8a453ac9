import type { ForecastPoint, GateStatus, RecommendedNoticeAlert, WhatIfResponse } from '../../shared/index.ts';
import { iso } from '../helpers/truck-events.ts';

// Deterministic gate values for client tests.

export const gateStatus = (id: string, queueExport: number, overrides: Partial<GateStatus> = {}): GateStatus => ({
  id,
  name: { vi: `Cửa khẩu ${id}`, en: `${id} Border Gate` },
  lat: 21.97,
  lon: 106.71,
  status: 'receiving',
  activeNotices: [],
  queue: { export: queueExport, import: 10 },
  expected: { export: 5, import: 2 },
  awaiting: { border_guard: 0, customs: 0, quarantine: 0 },
  awaitingHandover: 0,
  readyToClear: 3,
  servicePattern: null,
  clearedLastHour: 12,
  clearedToday: { export: 100, import: 40 },
  estimatedWaitMinutes: 95,
  yardCapacity: 1200,
  waits: {
    export: [
      { lane: 'fresh', queue: Math.round(queueExport * 0.7), clearedPerDay: 40, estimatedWaitMinutes: 25 * 60, estimatedWaitRange: { low: 20 * 60, high: 32 * 60 }, measured: { count: 38, medianMinutes: 22 * 60, p90Minutes: 30 * 60 } },
      { lane: 'other', queue: queueExport - Math.round(queueExport * 0.7), clearedPerDay: 60, estimatedWaitMinutes: 5 * 60, estimatedWaitRange: { low: 4 * 60, high: 7 * 60 }, measured: { count: 61, medianMinutes: 4 * 60, p90Minutes: 9 * 60 } },
    ],
    import: [
      { lane: 'fresh', queue: 2, clearedPerDay: 10, estimatedWaitMinutes: 180, estimatedWaitRange: { low: 120, high: 240 }, measured: { count: 9, medianMinutes: 150, p90Minutes: 260 } },
      { lane: 'other', queue: 8, clearedPerDay: 30, estimatedWaitMinutes: 240, estimatedWaitRange: { low: 200, high: 300 }, measured: { count: 31, medianMinutes: 200, p90Minutes: 330 } },
    ],
  },
  yardFullAt: null,
  ...overrides,
});

export const AS_OF = '2022-01-19T08:15:00+07:00';

/** A recommended notice for Hữu Nghị's export fresh fruit: the yard at 90 % at 14:00, from midnight for two days. */
export const recommendation = (overrides: Partial<RecommendedNoticeAlert> = {}): RecommendedNoticeAlert => ({
  id: 'rec-huu-nghi-export-2022-02-11',
  kind: 'recommended_notice',
  gateIds: ['huu-nghi'],
  direction: 'export',
  categories: ['fresh_fruit'],
  fullAt: '2022-02-10T14:00:00+07:00',
  peakShare: 1.29,
  threshold: 0.9,
  effectiveFrom: '2022-02-11T00:00:00+07:00',
  effectiveUntil: '2022-02-13T00:00:00+07:00',
  raisedAt: '2022-02-10T08:00:00+07:00',
  ...overrides,
});

const HOUR_MS = 3_600_000;
const pointsFrom = (startIso: string, queueAt: (hour: number) => number, hours = 72): ForecastPoint[] =>
  Array.from({ length: hours + 1 }, (_, i) => {
    const queue = queueAt(i);
    return { at: iso(Date.parse(startIso) + i * HOUR_MS), queue, low: queue * 0.8, high: queue * 1.25 };
  });

/**
 * What-if at 08:00 on 10 Feb for the recommendation above: without the notice the queue grows by half a truck an
 * hour (82 at the notice's end, 00:00 on the 13th = hour 64); with it, it falls by half a truck an hour from
 * midnight on the 11th (hour 16): 34 at the end.
 */
export const whatIfResponse = (): WhatIfResponse => {
  const start = '2022-02-10T08:00:00+07:00';
  const without = pointsFrom(start, (h) => 50 + h / 2);
  const withIt = pointsFrom(start, (h) => (h <= 16 ? 50 + h / 2 : 58 - (h - 16) / 2));
  const projection = (total: ForecastPoint[], yardFullAt: string | null) => ({ total, export: total, import: total.map((p) => ({ ...p, queue: 0, low: 0, high: 0 })), yardFullAt });
  return {
    asOf: start,
    horizonHours: 72,
    gates: [{ gateId: 'huu-nghi', yardCapacity: 60, without: projection(without, '2022-02-10T14:00:00+07:00'), with: projection(withIt, '2022-02-10T14:00:00+07:00') }],
  };
};
