import type { TradeReport, TradeTotals } from '../../../../shared/index.ts';
import { roundTo, toCsv, type CsvCell } from '../../ui/csv.ts';

// The trade report as a CSV file: headers in both languages, numbers unformatted (USD, percent ×100,
// change as a fraction) so a spreadsheet can compute with them.

const HEADER = [
  'Mục / Section',
  'Chỉ tiêu / Item',
  'Xuất khẩu / Export',
  'Nhập khẩu / Import',
  'Tổng kim ngạch / Total',
  'Hàng địa phương xuất khẩu / Local export',
];

type Four = { exportUsd: number | null; importUsd: number | null; totalUsd: number | null; localExportUsd: number | null };
/** Money to cents, percent of plan to 0.01, change as a fraction to 0.0001. */
const four = (v: Four | null, digits = 2): CsvCell[] =>
  v ? [v.exportUsd, v.importUsd, v.totalUsd, v.localExportUsd].map((n) => roundTo(n, digits)) : [null, null, null, null];
const totals = (v: TradeTotals): CsvCell[] => four(v);

export function buildTradeCsv(report: TradeReport): string {
  const period = `${report.from}..${report.to}`;
  const scope = report.gateId ?? 'all';
  const rows: CsvCell[][] = [
    HEADER,
    ['Thực hiện (USD) / Actual (USD)', `${period} ${scope}`, ...totals(report.actual)],
    ['Kế hoạch năm (USD) / Year plan (USD)', report.from.slice(0, 4), ...four(report.plan)],
    ['Đạt % kế hoạch / Percent of plan', period, ...four(report.percentOfPlan)],
    [
      'Cùng kỳ năm trước (USD) / Same period last year (USD)',
      report.previousYearSource ?? '',
      ...four(report.previousYear),
    ],
    ['So với cùng kỳ (tỷ lệ) / Change vs last year (fraction)', period, ...four(report.changeVsPreviousYear, 4)],
    ...report.byGate.map((g): CsvCell[] => ['Theo cửa khẩu (USD) / By gate (USD)', g.gateId, ...totals(g.actual)]),
    ...report.byCategory.map((c): CsvCell[] => ['Theo mặt hàng (USD) / By goods (USD)', c.category, ...totals(c.actual)]),
  ];
  return toCsv(rows);
}

/** `kim-ngach_2022-01-01_2022-03-31.csv`, with the gate when filtered. */
export const tradeCsvFilename = (report: Pick<TradeReport, 'from' | 'to' | 'gateId'>): string =>
  `kim-ngach_${report.from}_${report.to}${report.gateId ? `_${report.gateId}` : ''}.csv`;
