import type { Notice } from './notices.ts';
import type { CargoCategory, Direction } from './primitives.ts';

// Whether a stop-receiving notice covers a truck: same gate, its direction (or both), its cargo category
// (or all goods). One rule for the server (notifications, the declaration view) and the console (cards).

export interface CoveredTruck {
  gateId: string;
  direction: Direction;
  category: CargoCategory;
}

/** The notice acts at this gate in this direction (whatever the goods). */
export const noticeOnGate = (notice: Pick<Notice, 'gateIds' | 'direction'>, gateId: string, direction: Direction): boolean =>
  notice.gateIds.includes(gateId) && (notice.direction === 'both' || notice.direction === direction);

export const noticeCovers = (notice: Pick<Notice, 'gateIds' | 'direction' | 'categories'>, truck: CoveredTruck): boolean =>
  noticeOnGate(notice, truck.gateId, truck.direction) && (notice.categories === undefined || notice.categories.includes(truck.category));
