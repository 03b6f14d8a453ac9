import type { CargoCategory, Direction } from '../../shared/primitives.ts';

// Trade value (kim ngạch) of cleared declarations, dated by the clearance: kept now so the
// /trade report (a later issue) can be read without a replay.

export interface TradeCell {
  valueUsd: number;
  /** Part of valueUsd that is local exports (hàng địa phương xuất khẩu). */
  localExportUsd: number;
  count: number;
}

export type TradeTable = Map<string, TradeCell>;

export const tradeKey = (date: string, direction: Direction, gateId: string, category: CargoCategory): string =>
  `${date}|${direction}|${gateId}|${category}`;

export function recordTrade(
  table: TradeTable,
  key: string,
  valueUsd: number,
  localExport: boolean,
  /** −1 takes a clearance out again (an amendment changed its value or category). */
  sign: 1 | -1 = 1,
): void {
  let cell = table.get(key);
  if (!cell) {
    cell = { valueUsd: 0, localExportUsd: 0, count: 0 };
    table.set(key, cell);
  }
  cell.valueUsd += sign * valueUsd;
  if (localExport) cell.localExportUsd += sign * valueUsd;
  cell.count += sign;
}
