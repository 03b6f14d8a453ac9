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
  ...overrides,
});

export const AS_OF = '2022-01-19T08:15:00+07:00';
