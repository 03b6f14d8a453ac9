import type { GateStatusValue } from '../../shared/gates.ts';
import type { Notice } from '../../shared/notices.ts';
import { DIRECTIONS } from '../../shared/primitives.ts';
import type { NoticeCovering } from './decide.ts';
import type { LiveState, StopNoticeRecord } from './state.ts';

// Stop-receiving notices (thông báo tạm dừng tiếp nhận) as seen by the rest of the domain.
// Issuing and lifting them is a later issue; the map in state is empty until then.

export function isActiveAt(n: StopNoticeRecord, atMs: number): boolean {
  if (atMs < n.fromMs) return false;
  if (n.untilMs !== undefined && atMs >= n.untilMs) return false;
  return n.liftedAtMs === undefined || atMs < n.liftedAtMs;
}

export const activeNoticesAt = (state: LiveState, gateId: string, atMs: number): StopNoticeRecord[] =>
  [...state.notices.values()].filter((n) => n.notice.gateIds.includes(gateId) && isActiveAt(n, atMs));

export const noticeCoveringIn =
  (state: LiveState): NoticeCovering =>
  (gateId, direction, category, atMs) =>
    activeNoticesAt(state, gateId, atMs).find(
      ({ notice }) =>
        (notice.direction === 'both' || notice.direction === direction) &&
        (notice.categories === undefined || notice.categories.includes(category)),
    )?.notice.id;

/** stopped = every direction closed to all goods; restricted = any other active notice. */
export function gateStatusValue(active: readonly StopNoticeRecord[]): GateStatusValue {
  if (active.length === 0) return 'receiving';
  const closed = (direction: string): boolean =>
    active.some(({ notice }) => notice.categories === undefined && (notice.direction === 'both' || notice.direction === direction));
  return DIRECTIONS.every(closed) ? 'stopped' : 'restricted';
}

export const noticesList = (state: LiveState, nowMs: number): Notice[] =>
  [...state.notices.values()].map((n) => ({ ...n.notice, active: isActiveAt(n, nowMs) }));
