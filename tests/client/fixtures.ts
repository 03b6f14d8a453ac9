import type { GateStatus } from '../../shared/index.ts';

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
