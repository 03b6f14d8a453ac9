import type { HistoryResponse } from '../../../../shared/index.ts';
import { toCsv, type CsvCell } from '../../ui/csv.ts';

// A gate's history as CSV: one row per bucket, headers in both languages, numbers unformatted.

const HEADER = [
  'Bắt đầu / Start',
  'Vào bãi xuất / Arrived export',
  'Vào bãi nhập / Arrived import',
  'Thông quan xuất / Cleared export',
  'Thông quan nhập / Cleared import',
  'Hàng chờ xuất cuối kỳ / Export queue at end',
  'Hàng chờ nhập cuối kỳ / Import queue at end',
  'Thời gian chờ trung vị (phút) / Median wait (min)',
  'Thời gian chờ P90 (phút) / P90 wait (min)',
];

export function buildHistoryCsv(history: HistoryResponse): string {
  const rows: CsvCell[][] = [
    HEADER,
    ...history.buckets.map((b): CsvCell[] => [
      b.start,
      b.arrived.export,
      b.arrived.import,
      b.cleared.export,
      b.cleared.import,
      b.queue.export,
      b.queue.import,
      b.medianWaitMinutes,
      b.p90WaitMinutes,
    ]),
  ];
  return toCsv(rows);
}

/** `lich-su_tan-thanh_2022-01-01_2022-03-31_ngay.csv` (…_gio.csv for hourly buckets). */
export const historyCsvFilename = (gateId: string, from: string, to: string, bucket: 'day' | 'hour'): string =>
  `lich-su_${gateId}_${from}_${to}_${bucket === 'day' ? 'ngay' : 'gio'}.csv`;
