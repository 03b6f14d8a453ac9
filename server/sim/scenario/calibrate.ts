import { addDays, localMidnight } from './calendar.ts';
import type { Truck } from './lifecycle.ts';
import type { ScenarioParams } from './params.ts';

// Scale declared values so the period's cleared trade (dated by the cleared event) equals the
// source's table: export, import and local-goods export (CONTRACT §2 "Trade value").

export function calibrateValues(trucks: Truck[], params: ScenarioParams): void {
  const from = localMidnight(params.from);
  const to = localMidnight(addDays(params.to, 1));
  type Group = 'import' | 'export' | 'local';
  const groupOf = (t: Truck): Group => (t.direction === 'import' ? 'import' : t.goods.localGoods ? 'local' : 'export');
  const sums: Record<Group, number> = { import: 0, export: 0, local: 0 };
  for (const t of trucks) if (t.clearedAt !== undefined && t.clearedAt >= from && t.clearedAt < to) sums[groupOf(t)] += t.valueUsd;
  const target: Record<Group, number> = {
    import: params.trade.importUsd,
    export: params.trade.exportUsd - params.trade.localExportUsd,
    local: params.trade.localExportUsd,
  };
  for (const t of trucks) {
    const g = groupOf(t);
    const factor = sums[g] > 0 ? target[g] / sums[g] : 1;
    t.valueUsd = Math.round(t.valueUsd * factor * 100) / 100;
  }
}

