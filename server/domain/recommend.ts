import { noticeCovers } from '../../shared/covering.ts';
import type { NoticeDraft } from '../../shared/notices.ts';
import { CARGO_CATEGORIES, type CargoCategory, type Direction } from '../../shared/primitives.ts';
import { forecastGate, type GateForecast } from './forecast.ts';
import { isActiveAt, noticeRecord } from './notices.ts';
import type { LiveState, StopNoticeRecord } from './state.ts';
import { DAY_MS } from './time.ts';

// Recommended notices (đề xuất thông báo): when the forecast says a yard passes a share of its capacity
// within a horizon, suggest the stop-receiving notice an operator would issue — the gates that fill,
// the direction that fills them, the categories that make up most of what waits there, from the next
// local midnight after a lead time until the forecast WITH the notice falls back below the line.

export interface RecommendPolicy {
  /** Share of yard capacity that counts as full (default 0.8, the queue alert's line). */
  fillShare: number;
  /** How far ahead the forecast is read (hours, default 72). */
  horizonHours: number;
  /** The notice starts at the first local midnight at least this long after now (default 12 h: trucks on the road arrive). */
  leadHours: number;
  /** Categories are taken, largest first, until they make up this share of the trucks waiting and coming (default 0.6). */
  categoryShare: number;
  /** The longest window suggested (days, default 21). */
  maxDays: number;
}

export const DEFAULT_RECOMMEND_POLICY: RecommendPolicy = { fillShare: 0.8, horizonHours: 72, leadHours: 12, categoryShare: 0.6, maxDays: 21 };

export interface Recommendation {
  id: string;
  gateIds: string[];
  direction: Direction;
  categories: CargoCategory[];
  /** When the first of the gates reaches the line, and the highest share of capacity any reaches in the horizon. */
  fullAt: number;
  peakShare: number;
  effectiveFrom: number;
  effectiveUntil: number;
}

/** What a notice draft would be as a record, to put into a what-if forecast. */
export function draftRecord(draft: NoticeDraft, nowIso: string): StopNoticeRecord {
  return noticeRecord({ ...draft, id: 'draft', issuedAt: nowIso, issuedBy: 'what-if' });
}

/** A what-if: each gate of a draft notice, projected without and with it, over 72 h or to a day past its end (≤ 21 days). */
export interface WhatIf {
  horizonHours: number;
  gates: { gateId: string; without: GateForecast; with: GateForecast }[];
}

const MAX_WHAT_IF_HOURS = 21 * 24;

export function whatIf(state: Readonly<LiveState>, draft: NoticeDraft, nowMs: number): WhatIf {
  // Long enough to see the queue come back after the notice ends.
  const until = draft.effectiveUntil === undefined ? undefined : Date.parse(draft.effectiveUntil);
  const horizonHours = Math.min(MAX_WHAT_IF_HOURS, Math.max(72, until === undefined ? 72 : Math.ceil((until - nowMs) / 3_600_000) + 24));
  const notices = [...state.notices.values()];
  const withIt = [...notices, draftRecord(draft, state.localTime.formatIso(nowMs))];
  return {
    horizonHours,
    gates: draft.gateIds.flatMap((gateId) => {
      const without = forecastGate(state, gateId, nowMs, { horizonHours, notices });
      const withNotice = forecastGate(state, gateId, nowMs, { horizonHours, notices: withIt });
      return without && withNotice ? [{ gateId, without, with: withNotice }] : [];
    }),
  };
}

interface Firing {
  gateId: string;
  direction: Direction;
  fullAt: number;
  peakShare: number;
}

function firing(f: GateForecast, policy: RecommendPolicy): Firing | undefined {
  const line = policy.fillShare * f.yardCapacity;
  const k = f.queue.findIndex((q) => q >= line);
  if (k < 0) return undefined;
  // The direction that fills the yard: the larger part of the queue when it reaches the line.
  const size = (d: Direction): number => f.directions[d].queue[k] ?? 0;
  const direction: Direction = size('export') >= size('import') ? 'export' : 'import';
  return { gateId: f.gateId, direction, fullAt: f.times[k] ?? 0, peakShare: Math.max(...f.queue) / f.yardCapacity };
}

/** Categories of the trucks waiting at and expected to the gates, largest first, until they make up `share`. */
function fillingCategories(state: Readonly<LiveState>, gateIds: readonly string[], direction: Direction, share: number): CargoCategory[] {
  const counts = new Map<CargoCategory, number>(CARGO_CATEGORIES.map((c) => [c, 0]));
  let total = 0;
  for (const gateId of gateIds) {
    const gate = state.gates.get(gateId);
    if (!gate) continue;
    for (const ids of [gate.queuedIds, gate.expectedIds]) {
      for (const id of ids) {
        const d = state.declarations.get(id);
        if (!d || d.declared.direction !== direction) continue;
        counts.set(d.declared.cargo.category, (counts.get(d.declared.cargo.category) ?? 0) + 1);
        total += 1;
      }
    }
  }
  const out: CargoCategory[] = [];
  let taken = 0;
  for (const [category, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    if (n === 0 || (total > 0 && taken / total >= share)) break;
    out.push(category);
    taken += n;
  }
  return out;
}

const coveredAt = (notices: readonly StopNoticeRecord[], gateId: string, direction: Direction, category: CargoCategory, at: number): boolean =>
  notices.some((n) => isActiveAt(n, at) && noticeCovers(n.notice, { gateId, direction, category }));

export function recommendNotices(state: Readonly<LiveState>, nowMs: number, policy: RecommendPolicy = DEFAULT_RECOMMEND_POLICY): Recommendation[] {
  const lt = state.localTime;
  const notices = [...state.notices.values()];
  const fired = [...state.gates.keys()].flatMap((id) => {
    const f = forecastGate(state, id, nowMs, { horizonHours: policy.horizonHours, notices });
    const fire = f && firing(f, policy);
    return fire ? [fire] : [];
  });
  const from = lt.dayStart(lt.dayIndex(nowMs + policy.leadHours * 3_600_000) + 1);
  const out: Recommendation[] = [];
  for (const direction of ['export', 'import'] as const) {
    const group = fired.filter((f) => f.direction === direction);
    if (group.length === 0) continue;
    const gateIds = group.map((f) => f.gateId).sort();
    // What fills the yards, less what a notice already stops from then; nothing left: nothing to suggest.
    const categories = fillingCategories(state, gateIds, direction, policy.categoryShare).filter(
      (c) => !gateIds.every((g) => coveredAt(notices, g, direction, c, from)),
    );
    if (categories.length === 0) continue;
    const horizon = policy.maxDays * 24;
    const draft: NoticeDraft = { gateIds, direction, categories, effectiveFrom: lt.formatIso(from), reason: { vi: 'đề xuất' } };
    const withIt = [...notices, draftRecord(draft, lt.formatIso(nowMs))];
    // Until the last of the gates is back under the line for good with the notice in force, at the next midnight.
    let back = nowMs;
    for (const gateId of gateIds) {
      const f = forecastGate(state, gateId, nowMs, { horizonHours: horizon, notices: withIt });
      if (!f) continue;
      const line = policy.fillShare * f.yardCapacity;
      // The last hour it is still over the line: a dip below that rises again is not "back".
      const last = f.queue.findLastIndex((q, i) => (f.times[i] ?? 0) > from && q >= line);
      back = Math.max(back, last < 0 ? from : last === f.queue.length - 1 ? from + policy.maxDays * DAY_MS : (f.times[last + 1] ?? from));
    }
    const until = Math.min(lt.dayStart(lt.dayIndex(back) + 1), from + policy.maxDays * DAY_MS);
    out.push({
      id: `rec-${direction}-${gateIds.join('+')}-${lt.dateOf(lt.dayIndex(from))}`,
      gateIds,
      direction,
      categories,
      fullAt: Math.min(...group.map((f) => f.fullAt)),
      peakShare: Math.round(Math.max(...group.map((f) => f.peakShare)) * 1000) / 1000,
      effectiveFrom: from,
      effectiveUntil: until,
    });
  }
  return out;
}
