import type { Role } from '../../shared/auth.ts';
import { noticeCovers } from '../../shared/covering.ts';
import type { GateStatusValue } from '../../shared/gates.ts';
import type { Notice, NoticeDraft } from '../../shared/notices.ts';
import { DIRECTIONS } from '../../shared/primitives.ts';
import type { NoticeCovering } from './decide.ts';
import type { LiveState, StopNoticeRecord } from './state.ts';
import { DAY_MS } from './time.ts';

// Stop-receiving notices (thông báo tạm dừng tiếp nhận) as seen by the rest of the domain.

export function isActiveAt(n: StopNoticeRecord, atMs: number): boolean {
  if (atMs < n.fromMs) return false;
  if (n.untilMs !== undefined && atMs >= n.untilMs) return false;
  return n.liftedAtMs === undefined || atMs < n.liftedAtMs;
}

/** When the notice stops (lifted or expired), if it does. */
export const endOf = (n: StopNoticeRecord): number | undefined =>
  n.liftedAtMs !== undefined && (n.untilMs === undefined || n.liftedAtMs < n.untilMs) ? n.liftedAtMs : n.untilMs;

export const activeNoticesAt = (state: LiveState, gateId: string, atMs: number): StopNoticeRecord[] =>
  [...state.notices.values()].filter((n) => n.notice.gateIds.includes(gateId) && isActiveAt(n, atMs));

export const noticeCoveringIn =
  (state: LiveState): NoticeCovering =>
  (gateId, direction, category, atMs) =>
    activeNoticesAt(state, gateId, atMs).find(({ notice }) => noticeCovers(notice, { gateId, direction, category }))?.notice.id;

/** stopped = every direction closed to all goods; restricted = any other active notice. */
export function gateStatusValue(active: readonly StopNoticeRecord[]): GateStatusValue {
  if (active.length === 0) return 'receiving';
  const closed = (direction: string): boolean =>
    active.some(({ notice }) => notice.categories === undefined && (notice.direction === 'both' || notice.direction === direction));
  return DIRECTIONS.every(closed) ? 'stopped' : 'restricted';
}

export const noticeView = (n: StopNoticeRecord, nowMs: number): Notice => ({ ...n.notice, active: isActiveAt(n, nowMs) });

/**
 * A notice as a reader outside the office sees it (the public board, traders): the issuing office, not
 * the operator's username. Staff (operators, border forces) and the audit log keep the person.
 */
export function publicNotice(n: Notice, office: string): Notice {
  return { ...n, issuedBy: office, ...(n.liftedBy === undefined ? {} : { liftedBy: office }) };
}

/** Whether a reader sees who issued and lifted notices. */
export const seesNoticeAuthors = (role: Role | undefined): boolean => role === 'operator' || role === 'border_force';

export const noticesList = (state: LiveState, nowMs: number): Notice[] => [...state.notices.values()].map((n) => noticeView(n, nowMs));

/** Active, upcoming and those that ended within `days` of the clock; newest issued first. */
export function recentNotices(state: LiveState, nowMs: number, days = 30): Notice[] {
  const since = nowMs - days * DAY_MS;
  return [...state.notices.values()]
    .filter((n) => {
      const end = endOf(n);
      return end === undefined || end >= since;
    })
    .sort((a, b) => b.notice.issuedAt.localeCompare(a.notice.issuedAt) || b.notice.id.localeCompare(a.notice.id))
    .map((n) => noticeView(n, nowMs));
}

/** Every notice in force at some time in [fromMs, toMs), oldest first — for charts of a past period. */
export function noticesDuring(state: LiveState, fromMs: number, toMs: number, nowMs: number): Notice[] {
  return [...state.notices.values()]
    .filter((n) => n.fromMs < toMs && (endOf(n) ?? Infinity) > fromMs)
    .sort((a, b) => a.fromMs - b.fromMs || a.notice.id.localeCompare(b.notice.id))
    .map((n) => noticeView(n, nowMs));
}

/** Parse a stored or new notice once into the record the domain reads. */
export function noticeRecord(notice: Omit<Notice, 'active'>): StopNoticeRecord {
  const record: StopNoticeRecord = { notice, fromMs: Date.parse(notice.effectiveFrom) };
  if (notice.effectiveUntil !== undefined) record.untilMs = Date.parse(notice.effectiveUntil);
  if (notice.liftedAt !== undefined) record.liftedAtMs = Date.parse(notice.liftedAt);
  return record;
}

export const putNotice = (state: LiveState, notice: Omit<Notice, 'active'>): StopNoticeRecord => {
  const record = noticeRecord(notice);
  state.notices.set(notice.id, record);
  return record;
};

/** `TB-2022-0007`: numbered per year of issue (số thông báo), in issue order. */
export function nextNoticeId(state: LiveState, year: string): string {
  const prefix = `TB-${year}-`;
  let last = 0;
  for (const id of state.notices.keys()) if (id.startsWith(prefix)) last = Math.max(last, Number(id.slice(prefix.length)) || 0);
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}

export type DraftProblem = { field: string; message: string };

/** What zod cannot know: the gates configured here and the order of the two times. */
export function draftProblem(state: LiveState, draft: NoticeDraft): DraftProblem | undefined {
  const unknown = draft.gateIds.findIndex((id) => !state.gates.has(id));
  if (unknown >= 0) return { field: `gateIds.${unknown}`, message: `gate ${draft.gateIds[unknown]} is not configured` };
  if (draft.effectiveUntil !== undefined && Date.parse(draft.effectiveUntil) <= Date.parse(draft.effectiveFrom)) {
    return { field: 'effectiveUntil', message: 'effectiveUntil must be after effectiveFrom' };
  }
  return undefined;
}

export type LiftOutcome = { ok: true; record: StopNoticeRecord } | { ok: false; reason: 'not_found' | 'conflict'; message: string };

/** Lifting (dỡ bỏ) ends a notice now; a notice already lifted or expired cannot be lifted again. */
export function liftCheck(state: LiveState, id: string, nowMs: number): LiftOutcome {
  const record = state.notices.get(id);
  if (!record) return { ok: false, reason: 'not_found', message: `no notice ${id}` };
  if (record.liftedAtMs !== undefined) return { ok: false, reason: 'conflict', message: `notice ${id} was already lifted` };
  if (record.untilMs !== undefined && record.untilMs <= nowMs) return { ok: false, reason: 'conflict', message: `notice ${id} has already expired` };
  return { ok: true, record };
}
