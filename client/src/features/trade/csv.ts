import { tradeRows, type TradeReport } from '../../../../shared/index.ts';
import { toCsv } from '../../ui/csv.ts';

// The trade report as a CSV file: headers in both languages, numbers unformatted (USD, percent ×100,
// change as a fraction) so a spreadsheet can compute with them.

export const buildTradeCsv = (report: TradeReport): string => toCsv(tradeRows(report));

/** `kim-ngach_2022-01-01_2022-03-31.csv`, with the gate when filtered. */
export const tradeCsvFilename = (report: Pick<TradeReport, 'from' | 'to' | 'gateId'>): string =>
  `kim-ngach_${report.from}_${report.to}${report.gateId ? `_${report.gateId}` : ''}.csv`;
