import { historyRows, type HistoryResponse } from '../../../../shared/index.ts';
import { toCsv } from '../../ui/csv.ts';

// A gate's history as CSV: one row per bucket, headers in both languages, numbers unformatted.

export const buildHistoryCsv = (history: HistoryResponse): string => toCsv(historyRows(history));

/** `lich-su_tan-thanh_2022-01-01_2022-03-31_ngay.csv` (…_gio.csv for hourly buckets). */
export const historyCsvFilename = (gateId: string, from: string, to: string, bucket: 'day' | 'hour'): string =>
  `lich-su_${gateId}_${from}_${to}_${bucket === 'day' ? 'ngay' : 'gio'}.csv`;
