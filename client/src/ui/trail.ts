import type { AmendmentRecord, DeclarationView } from '../../../shared/index.ts';

// A truck's trail (hành trình): every event of its declaration in time order, with the time since the
// step before — pure, so it is tested without a browser.

export type TrailStep =
  | { kind: 'declared' }
  | { kind: 'amended'; changes: AmendmentRecord[]; by?: string }
  | { kind: 'arrived' }
  | { kind: 'checked'; force: string; result: string; note?: string }
  | { kind: 'step'; by: string; result: string; note?: string }
  | { kind: 'cleared' }
  | { kind: 'cancelled'; reason: string };

export interface TrailRow {
  eventId: string;
  at: string;
  /** Minutes since the row before (none for the first). */
  sinceMinutes?: number;
  step: TrailStep;
}

export function trailRows(d: DeclarationView): TrailRow[] {
  const events = [...d.events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.eventId < b.eventId ? -1 : 1));
  const rows: TrailRow[] = [];
  let last: number | undefined;
  for (const e of events) {
    let step: TrailStep;
    switch (e.type) {
      case 'declared':
      case 'arrived':
      case 'cleared':
        step = { kind: e.type };
        break;
      case 'cancelled':
        step = { kind: 'cancelled', reason: e.reason };
        break;
      case 'checked':
        step = { kind: 'checked', force: e.force, result: e.result, ...(e.note === undefined ? {} : { note: e.note }) };
        break;
      case 'step':
        step = { kind: 'step', by: e.by, result: e.result, ...(e.note === undefined ? {} : { note: e.note }) };
        break;
      case 'amended':
        step = { kind: 'amended', changes: (d.amendments ?? []).filter((a) => a.eventId === e.eventId), ...(e.by === undefined ? {} : { by: e.by }) };
        break;
    }
    const at = Date.parse(e.occurredAt);
    rows.push({ eventId: e.eventId, at: e.occurredAt, ...(last === undefined ? {} : { sinceMinutes: Math.max(0, Math.round((at - last) / 60_000)) }), step });
    last = at;
  }
  return rows;
}
