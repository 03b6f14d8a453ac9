import type { CargoCategory, Direction } from '../../../shared/primitives.ts';
import type { ScheduledNotice } from './params.ts';

// Which scheduled notice would refuse a declaration (the same rule as the server's not_receiving),
// so the generator never sends trucks the notices stop — except the refused attempts it means to send.

export interface NoticeWindow {
  gateIds: string[];
  direction: 'export' | 'import' | 'both';
  categories?: CargoCategory[];
  from: number;
  until: number;
}

export const noticeWindows = (notices: readonly ScheduledNotice[]): NoticeWindow[] =>
  notices.map(({ draft }) => ({
    gateIds: draft.gateIds,
    direction: draft.direction,
    categories: draft.categories,
    from: Date.parse(draft.effectiveFrom),
    until: draft.effectiveUntil ? Date.parse(draft.effectiveUntil) : Infinity,
  }));

export function coveringWindow(
  windows: readonly NoticeWindow[],
  gateId: string,
  direction: Direction,
  category: CargoCategory | undefined,
  at: number,
): NoticeWindow | undefined {
  return windows.find(
    (w) =>
      w.gateIds.includes(gateId) &&
      (w.direction === 'both' || w.direction === direction) &&
      (category === undefined || w.categories === undefined || w.categories.includes(category)) &&
      at >= w.from &&
      at < w.until,
  );
}
