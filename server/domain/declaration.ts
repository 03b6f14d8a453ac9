import type { CheckResult, DeclaredEvent } from '../../shared/events.ts';
import { FORCES, type Force } from '../../shared/primitives.ts';

// One declaration (tờ khai) and what its events say about it. Status is derived from which
// events are present, never from the order they came in (CONTRACT §1 "order does not matter").

export interface CheckState {
  at: number;
  result: CheckResult;
  eventId: string;
  note?: string;
}

export interface DeclarationState {
  declared: DeclaredEvent;
  arrivedAt?: number;
  clearedAt?: number;
  cancelledAt?: number;
  /** Latest check per force (kiểm tra của biên phòng / hải quan / kiểm dịch). */
  checks: Partial<Record<Force, CheckState>>;
}

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
  awaiting: Record<Force, number>;
}

export const zeroAwaiting = (): Record<Force, number> => ({ border_guard: 0, customs: 0, quarantine: 0 });

export function contributionOf(d: DeclarationState | undefined): Contribution {
  const c: Contribution = { expected: 0, queued: 0, cleared: 0, awaiting: zeroAwaiting() };
  if (!d) return c;
  const status = statusOf(d);
  if (status === 'expected') c.expected = 1;
  if (status === 'cleared') c.cleared = 1;
  if (status === 'queued') {
    c.queued = 1;
    for (const force of FORCES) if (d.checks[force]?.result !== 'confirmed') c.awaiting[force] = 1;
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
