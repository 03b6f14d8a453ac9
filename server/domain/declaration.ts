import type { AmendmentChanges, CheckResult, DeclaredEvent } from '../../shared/events.ts';
import type { Force, StepActor } from '../../shared/primitives.ts';
import { procedureOf, stepsLeft, type Rules } from './procedures.ts';

// One declaration (tờ khai) and what its events say about it. Status is derived from which
// events are present, never from the order they came in (CONTRACT §1 "order does not matter").

export interface CheckState {
  at: number;
  result: CheckResult;
  eventId: string;
  note?: string;
}

export interface DeclarationState {
  /** The declaration as it stands: the declared values with the amendments that count (server/domain/amendments.ts). */
  declared: DeclaredEvent;
  /** Only on a declaration with amendments: what was declared, and every amendment received (any order). */
  original?: DeclaredEvent;
  amendments?: AmendmentState[];
  arrivedAt?: number;
  clearedAt?: number;
  cancelledAt?: number;
  /** Latest check per force (kiểm tra của biên phòng / hải quan / kiểm dịch), and the latest hand-over step. */
  checks: Checks;
}

/** One `amended` event as the state keeps it. */
export interface AmendmentState {
  eventId: string;
  at: number;
  changes: AmendmentChanges;
  by?: string;
}

/** A hand-over step (shared/procedures.ts) as it stands: who confirmed or refused it. */
export interface StepState extends CheckState {
  by: StepActor;
}

export type Checks = Partial<Record<Force, CheckState>> & { handover?: StepState };

export type DeclarationStatus = 'expected' | 'queued' | 'cleared' | 'cancelled';

export function statusOf(d: DeclarationState): DeclarationStatus {
  if (d.clearedAt !== undefined) return 'cleared'; // cleared wins over a later cancel: the truck left
  if (d.cancelledAt !== undefined) return 'cancelled';
  return d.arrivedAt !== undefined ? 'queued' : 'expected';
}

/** A later check replaces an earlier one; equal times are broken by eventId so any arrival order agrees. */
export function isNewerCheck(current: CheckState | undefined, next: CheckState): boolean {
  if (!current) return true;
  return next.at > current.at || (next.at === current.at && next.eventId > current.eventId);
}

/** What one declaration adds to its gate × direction counters. */
export interface Contribution {
  expected: number;
  queued: number;
  cleared: number;
  /** Queued with that force's check open (on its worklist) under the truck's procedure. */
  awaiting: Record<Force, number>;
  /** Queued with its hand-over step open. */
  handover: number;
  /** Queued with every step of its procedure confirmed: may clear. */
  ready: number;
}

export const zeroAwaiting = (): Record<Force, number> => ({ border_guard: 0, customs: 0, quarantine: 0 });

/** A declaration's share of the counters; its procedure (the rules) decides which checks it awaits. */
export function contributionOf(d: DeclarationState | undefined, rules: Rules): Contribution {
  const c: Contribution = { expected: 0, queued: 0, cleared: 0, awaiting: zeroAwaiting(), handover: 0, ready: 0 };
  if (!d) return c;
  const status = statusOf(d);
  if (status === 'expected') c.expected = 1;
  if (status === 'cleared') c.cleared = 1;
  if (status === 'queued') {
    c.queued = 1;
    const { pending, open } = stepsLeft(procedureOf(rules, d, d.arrivedAt ?? 0).procedure, d);
    for (const key of open) {
      if (key === 'handover') c.handover = 1;
      else c.awaiting[key] = 1;
    }
    if (pending.length === 0) c.ready = 1;
  }
  return c;
}

/** [arrived, left) — left = cleared, else cancelled (CONTRACT §2); a truck cleared before it arrived never queued. */
export function queueSpanOf(d: DeclarationState): readonly [number, number | undefined] | undefined {
  if (d.arrivedAt === undefined) return undefined;
  const leftAt = d.clearedAt ?? d.cancelledAt;
  if (leftAt !== undefined && leftAt <= d.arrivedAt) return undefined;
  return [d.arrivedAt, leftAt];
}
