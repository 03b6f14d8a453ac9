import type { HistoryResponse } from './gates.ts';
import type { TradeReport, TradeTotals } from './trade.ts';

// The trade report and a gate's history as tables — the rows of their CSV files and Excel sheets (one
// layout for both): headings in both languages, numbers unformatted (money to cents, percent of plan to
// 0.01, change vs last year as a fraction to 0.0001) so a spreadsheet can compute with them.

export type TableCell = string | number | null;

const roundTo = (value: number | null, digits: number): number | null => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

const TRADE_HEADER = [
  'Mục / Section',
  'Chỉ tiêu / Item',
  'Xuất khẩu / Export',
  'Nhập khẩu / Import',
  'Tổng kim ngạch / Total',
  'Hàng địa phương xuất khẩu / Local export',
];

type Four = { exportUsd: number | null; importUsd: number | null; totalUsd: number | null; localExportUsd: number | null };
const four = (v: Four | null, digits = 2): TableCell[] =>
  v ? [v.exportUsd, v.importUsd, v.totalUsd, v.localExportUsd].map((n) => roundTo(n, digits)) : [null, null, null, null];
const totals = (v: TradeTotals): TableCell[] => four(v);

export function tradeRows(report: TradeReport): TableCell[][] {
  const period = `${report.from}..${report.to}`;
  const scope = report.gateId ?? 'all';
  return [
    TRADE_HEADER,
    ['Thực hiện (USD) / Actual (USD)', `${period} ${scope}`, ...totals(report.actual)],
    ['Kế hoạch năm (USD) / Year plan (USD)', report.from.slice(0, 4), ...four(report.plan)],
    ['Đạt % kế hoạch / Percent of plan', period, ...four(report.percentOfPlan)],
    ['Cùng kỳ năm trước (USD) / Same period last year (USD)', report.previousYearSource ?? '', ...four(report.previousYear)],
    ['So với cùng kỳ (tỷ lệ) / Change vs last year (fraction)', period, ...four(report.changeVsPreviousYear, 4)],
    ...report.byGate.map((g): TableCell[] => ['Theo cửa khẩu (USD) / By gate (USD)', g.gateId, ...totals(g.actual)]),
    ...report.byCategory.map((c): TableCell[] => ['Theo mặt hàng (USD) / By goods (USD)', c.category, ...totals(c.actual)]),
  ];
}

const HISTORY_HEADER = [
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

export function historyRows(history: HistoryResponse): TableCell[][] {
  return [
    HISTORY_HEADER,
    ...history.buckets.map((b): TableCell[] => [
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
}
