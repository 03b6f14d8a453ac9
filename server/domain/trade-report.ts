import type { Baseline, TradeFigures } from '../../shared/config.ts';
import { CARGO_CATEGORIES } from '../../shared/primitives.ts';
import type { TradeRatios, TradeReport, TradeTotals } from '../../shared/trade.ts';
import type { LiveState } from './state.ts';

// Trade against plan (CONTRACT §2): cleared value per direction dated by the cleared event, against
// the year's plan and the same period a year earlier. Reads the day × direction × gate × category
// table kept by the reducer — never the log.

export interface TradePlans {
  plans: Record<string, TradeFigures>;
  baselines: readonly Baseline[];
}

const zero = (): TradeTotals => ({ exportUsd: 0, importUsd: 0, totalUsd: 0, localExportUsd: 0 });
const withTotal = (f: TradeFigures): TradeTotals => ({ ...f, totalUsd: f.exportUsd + f.importUsd });
const FIELDS = ['exportUsd', 'importUsd', 'totalUsd', 'localExportUsd'] as const;
const ratios = (a: TradeTotals, b: TradeTotals | null, f: (x: number, y: number) => number): TradeRatios => {
  const out: TradeRatios = { exportUsd: null, importUsd: null, totalUsd: null, localExportUsd: null };
  if (b) for (const k of FIELDS) out[k] = b[k] > 0 ? f(a[k], b[k]) : null;
  return out;
};

/** Sums of the trade table over local dates [from, to], optionally one gate. */
function sumPeriod(state: LiveState, from: string, to: string, gateId?: string) {
  const total = zero();
  const byGate = new Map<string, TradeTotals>();
  const byCategory = new Map<string, TradeTotals>();
  let cells = 0;
  for (const [key, cell] of state.trade) {
    const [date = '', direction, gate = '', category] = key.split('|');
    if (date < from || date > to || (gateId !== undefined && gate !== gateId)) continue;
    cells++;
    for (const t of [total, getOr(byGate, gate), getOr(byCategory, category ?? '')]) {
      if (direction === 'export') {
        t.exportUsd += cell.valueUsd;
        t.localExportUsd += cell.localExportUsd;
      } else t.importUsd += cell.valueUsd;
      t.totalUsd += cell.valueUsd;
    }
  }
  return { total, byGate, byCategory, cells };
}

function getOr<K>(map: Map<K, TradeTotals>, key: K): TradeTotals {
  let t = map.get(key);
  if (!t) map.set(key, (t = zero()));
  return t;
}

const shiftYear = (date: string, years: number): string => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
const days = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/** A configured baseline, pro-rated by the days it shares with the period (province-wide only). */
function fromBaselines(baselines: readonly Baseline[], from: string, to: string): TradeTotals | null {
  const total = zero();
  let covered = 0;
  for (const b of baselines) {
    const lo = b.from > from ? b.from : from;
    const hi = b.to < to ? b.to : to;
    if (lo > hi) continue;
    const share = days(lo, hi) / days(b.from, b.to);
    covered += days(lo, hi);
    for (const k of ['exportUsd', 'importUsd', 'localExportUsd'] as const) total[k] += b[k] * share;
  }
  total.totalUsd = total.exportUsd + total.importUsd;
  return covered === days(from, to) ? total : null;
}

export function tradeReport(state: LiveState, plans: TradePlans, q: { from: string; to: string; gateId?: string }): TradeReport {
  const now = sumPeriod(state, q.from, q.to, q.gateId);
  const planFigures = plans.plans[q.from.slice(0, 4)];
  const plan = planFigures ? withTotal(planFigures) : null;
  const before = sumPeriod(state, shiftYear(q.from, -1), shiftYear(q.to, -1), q.gateId);
  const baseline = q.gateId === undefined ? fromBaselines(plans.baselines, shiftYear(q.from, -1), shiftYear(q.to, -1)) : null;
  const previousYear = before.cells > 0 ? before.total : baseline;
  return {
    from: q.from,
    to: q.to,
    ...(q.gateId === undefined ? {} : { gateId: q.gateId }),
    actual: now.total,
    plan,
    percentOfPlan: ratios(now.total, plan, (a, b) => (100 * a) / b),
    previousYear,
    previousYearSource: before.cells > 0 ? 'log' : baseline ? 'baseline' : null,
    changeVsPreviousYear: ratios(now.total, previousYear, (a, b) => a / b - 1),
    byGate: [...state.gates.keys()].filter((g) => q.gateId === undefined || g === q.gateId).map((gateId) => ({ gateId, actual: now.byGate.get(gateId) ?? zero() })),
    byCategory: CARGO_CATEGORIES.map((category) => ({ category, actual: now.byCategory.get(category) ?? zero() })),
  };
}
