import { noticeCovers } from '../../shared/covering.ts';
import { statusOf, type DeclarationState } from './declaration.ts';
import { isActiveAt } from './notices.ts';
import type { LiveState, StopNoticeRecord } from './state.ts';

// Which stop-receiving notices cover a truck not yet cleared (its card carries them; its owner is told
// when one starts or ends). A finished truck (cleared, cancelled) is covered by nothing.

const truckOf = (d: DeclarationState): { gateId: string; direction: DeclarationState['declared']['direction']; category: DeclarationState['declared']['cargo']['category'] } => ({
  gateId: d.declared.gateId,
  direction: d.declared.direction,
  category: d.declared.cargo.category,
});

export const isUnfinished = (d: DeclarationState): boolean => {
  const status = statusOf(d);
  return status === 'expected' || status === 'queued';
};

/** Ids of the notices in force at `nowMs` covering this truck, while it is not cleared or cancelled. */
export function coveringNoticeIds(state: Readonly<LiveState>, d: DeclarationState, nowMs: number): string[] {
  if (!isUnfinished(d)) return [];
  const truck = truckOf(d);
  return [...state.notices.values()].filter((n) => isActiveAt(n, nowMs) && noticeCovers(n.notice, truck)).map((n) => n.notice.id);
}

/** The unfinished trucks a notice covers (whatever the clock), grouped by owner's tax code. O(declarations). */
export function trucksCoveredBy(state: Readonly<LiveState>, n: StopNoticeRecord): Map<string, DeclarationState[]> {
  const byOwner = new Map<string, DeclarationState[]>();
  for (const d of state.declarations.values()) {
    if (!isUnfinished(d) || !noticeCovers(n.notice, truckOf(d))) continue;
    const list = byOwner.get(d.declared.enterprise.taxCode);
    if (list) list.push(d);
    else byOwner.set(d.declared.enterprise.taxCode, [d]);
  }
  return byOwner;
}
