import { z } from 'zod';
import { CargoCategory, GateId, LocalDate } from './primitives.ts';

// Trade against plan — kim ngạch xuất nhập khẩu so với kế hoạch (CONTRACT §2, §3 GET /api/v1/trade).

export const TradeQuery = z.object({ from: LocalDate, to: LocalDate, gateId: GateId.optional() });
export type TradeQuery = z.infer<typeof TradeQuery>;

/** USD per direction; total = export + import; local export is part of export. */
export const TradeTotals = z.object({
  exportUsd: z.number(),
  importUsd: z.number(),
  totalUsd: z.number(),
  localExportUsd: z.number(),
});
export type TradeTotals = z.infer<typeof TradeTotals>;

/** The same four figures as ratios; null where there is nothing to compare with. */
export const TradeRatios = z.object({
  exportUsd: z.number().nullable(),
  importUsd: z.number().nullable(),
  totalUsd: z.number().nullable(),
  localExportUsd: z.number().nullable(),
});
export type TradeRatios = z.infer<typeof TradeRatios>;

export const TradeReport = z.object({
  from: LocalDate,
  to: LocalDate,
  gateId: GateId.optional(),
  /** Cleared value in the period, dated by the cleared event. */
  actual: TradeTotals,
  /** The plan of the year `from` falls in (the whole province), or null when none is configured. */
  plan: TradeTotals.nullable(),
  /** 100 × actual ÷ plan. */
  percentOfPlan: TradeRatios,
  /** The same period a year earlier: from the log when it has data then, else a configured baseline. */
  previousYear: TradeTotals.nullable(),
  previousYearSource: z.enum(['log', 'baseline']).nullable(),
  /** actual ÷ previousYear − 1 (−0.303 = giảm 30,3 %). */
  changeVsPreviousYear: TradeRatios,
  byGate: z.array(z.object({ gateId: GateId, actual: TradeTotals })),
  byCategory: z.array(z.object({ category: CargoCategory, actual: TradeTotals })),
});
export type TradeReport = z.infer<typeof TradeReport>;
