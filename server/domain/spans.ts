import { noticeCovers, noticeOnGate } from '../../shared/covering.ts';
import type { CargoCategory, Direction } from '../../shared/primitives.ts';
import { endOf } from './notices.ts';
import type { StopNoticeRecord } from './state.ts';

// Spans of time in which notices act on one gate × direction, merged: when declarations of a category
// are refused (the forecast's arrivals), and when the gate is closed to every good (no clearance either —
// a closure like Hữu Nghị's in March 2022 stops the yard, not only the gate's door).

export type Span = [from: number, until: number];

function merged(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

const spanOf = (n: StopNoticeRecord): Span => [n.fromMs, endOf(n) ?? Infinity];

/** When declaring a category at this gate and direction is refused. */
export const refusedSpans = (notices: readonly StopNoticeRecord[], gateId: string, direction: Direction, category: CargoCategory): Span[] =>
  merged(notices.filter((n) => noticeCovers(n.notice, { gateId, direction, category })).map(spanOf));

/** When the gate is closed to every category in this direction. */
export const closureSpans = (notices: readonly StopNoticeRecord[], gateId: string, direction: Direction): Span[] =>
  merged(notices.filter((n) => n.notice.categories === undefined && noticeOnGate(n.notice, gateId, direction)).map(spanOf));

export const within = (spans: readonly Span[], t: number): Span | undefined => spans.find(([a, b]) => t >= a && t < b);
