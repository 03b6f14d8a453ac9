import type { RecommendedNoticeAlert } from '../../shared/alerts.ts';
import type { NoticeDraft } from '../../shared/notices.ts';
import { recommendNotices, type RecommendPolicy, type Recommendation } from '../domain/recommend.ts';
import type { LiveState } from '../domain/index.ts';

// When recommended notices are worked out, and what became of them. The forecast behind them moves
// with the journal and the clock's hour, so they are recomputed when either moved — at most every
// `everyMs` (a replay at a day a minute would otherwise ask for it every second). Dismissals live in the
// audit log (shared by every node); this node reads them back every so often.

export interface RecommendationBoard {
  /** Current, not dismissed, newest concern first. */
  alerts(): RecommendedNoticeAlert[];
  get(id: string): Recommendation | undefined;
  /** Recompute when due; true when the set shown to operators changed. */
  refresh(position: number, nowMs: number): boolean;
  /** Hide one (this node at once; others when they read the audit log). True when it was shown. */
  dismiss(id: string): boolean;
  /** Ids dismissed anywhere in the deployment (read from the audit log); true when the set shown changed. */
  setDismissed(ids: Iterable<string>): boolean;
}

export function createRecommendationBoard(
  read: <T>(query: (state: Readonly<LiveState>) => T) => T,
  formatIso: (ms: number) => string,
  hourIndex: (ms: number) => number,
  policy: RecommendPolicy,
  everyMs: number,
  wallNow: () => number = Date.now,
): RecommendationBoard {
  let current: Recommendation[] = [];
  const raisedAt = new Map<string, number>();
  const dismissed = new Set<string>();
  let computedFor = '';
  let computedAtWall = -Infinity;
  const shownIds = (): string => current.filter((r) => !dismissed.has(r.id)).map((r) => r.id).join(',');

  return {
    alerts: () =>
      current
        .filter((r) => !dismissed.has(r.id))
        .map((r) => ({
          id: r.id,
          kind: 'recommended_notice',
          gateIds: r.gateIds,
          direction: r.direction,
          categories: r.categories,
          fullAt: formatIso(r.fullAt),
          peakShare: r.peakShare,
          threshold: policy.fillShare,
          effectiveFrom: formatIso(r.effectiveFrom),
          effectiveUntil: formatIso(r.effectiveUntil),
          raisedAt: formatIso(raisedAt.get(r.id) ?? r.fullAt),
        })),
    get: (id) => current.find((r) => r.id === id),
    refresh(position, nowMs) {
      const key = `${position}@${hourIndex(nowMs)}`;
      if (key === computedFor || wallNow() - computedAtWall < everyMs) return false;
      const before = shownIds();
      current = read((s) => recommendNotices(s, nowMs, policy));
      for (const r of current) if (!raisedAt.has(r.id)) raisedAt.set(r.id, nowMs);
      computedFor = key;
      computedAtWall = wallNow();
      return shownIds() !== before;
    },
    dismiss(id) {
      const shown = current.some((r) => r.id === id) && !dismissed.has(id);
      dismissed.add(id);
      return shown;
    },
    setDismissed(ids) {
      const before = shownIds();
      for (const id of ids) dismissed.add(id);
      return shownIds() !== before;
    },
  };
}

/** How an issued notice relates to the recommendation it came from: the fields an operator changed, if any. */
export function editedFields(r: Recommendation, draft: NoticeDraft, formatIso: (ms: number) => string): string[] {
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => [...(a ?? [])].sort().join() === [...(b ?? [])].sort().join();
  const at = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));
  const changed: string[] = [];
  if (!same(r.gateIds, draft.gateIds)) changed.push('gateIds');
  if (draft.direction !== r.direction) changed.push('direction');
  if (!same(r.categories, draft.categories)) changed.push('categories');
  if (at(draft.effectiveFrom) !== at(formatIso(r.effectiveFrom))) changed.push('effectiveFrom');
  if (at(draft.effectiveUntil) !== at(formatIso(r.effectiveUntil))) changed.push('effectiveUntil');
  return changed;
}
