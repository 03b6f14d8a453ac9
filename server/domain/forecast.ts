import type { ForecastPoint, GateProjection } from '../../shared/forecast.ts';
import { CARGO_CATEGORIES, DIRECTIONS, type CargoCategory, type Direction } from '../../shared/primitives.ts';
import { LANES, laneOf, type Lane } from '../../shared/lanes.ts';
import { percentile } from './buckets.ts';
import { slotOf, type FlowHour } from './flows.ts';
import { closureSpans, refusedSpans, within, type Span } from './spans.ts';
import type { GateState, LiveState, StopNoticeRecord } from './state.ts';
import { HOUR_MS, MINUTE_MS } from './time.ts';
import { clearanceShape, dayWindows, hourOfDayShape, laneRate, type DayShape, type LaneRate } from './waits.ts';

// The queue of one gate hour by hour ahead (dự báo hàng chờ), from what is already known:
//   arrivals = trucks declared and not yet arrived, each spread over when the gate's recent trucks took
//              from declaring to arriving (given it has not arrived yet), plus trucks not declared yet, at
//              each category's recent declaring rate — none while a notice (in force or scheduled) would
//              refuse their declaration;
//   clearance = each lane's smoothed daily rate, spread over the hours the gate clears.
// The band runs the same with the recent slow days' clearance and busy days' arrivals, and the reverse.

const WEEK_HOURS = 7 * 24;
const MAX_DELAY_SAMPLES = 240;
const GROUP_MS = 5 * 60_000;

export interface QueueTrack {
  /** Trucks waiting at the end of each hour (index 0 = now). */
  queue: number[];
  low: number[];
  high: number[];
}

export interface DirectionForecast extends QueueTrack {
  lanes: Record<Lane, number[]>;
  /** Expected arrivals and clearances per step (index 0 unused). */
  arrivals: number[];
  cleared: number[];
}

export interface GateForecast extends QueueTrack {
  gateId: string;
  /** Instants of the points: now, then the end of each local hour ahead. */
  times: number[];
  directions: Record<Direction, DirectionForecast>;
  yardCapacity: number;
  /** First point at which both directions together reach the yard capacity (now when already there). */
  yardFullAt?: number;
}

export interface ForecastOptions {
  horizonHours?: number;
  /** The notices to assume (default: the state's, in force and scheduled). A what-if adds a draft here. */
  notices?: readonly StopNoticeRecord[];
}

/** Index of the first sorted value ≥ x. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Count of delays δ (sorted, ms) with δ in [lo, hi). */
const countIn = (sorted: readonly number[], lo: number, hi: number): number => (hi <= lo ? 0 : lowerBound(sorted, hi) - lowerBound(sorted, lo));

/**
 * Share of trucks arriving at `t` that are not declared yet at `now` and whose declaring would be
 * accepted: declared at t − δ for a delay δ of the gate's recent trucks.
 */
function openUndeclaredShare(delays: readonly number[], spans: readonly Span[], nowMs: number, t: number): number {
  if (delays.length === 0) return t > nowMs && !within(spans, t) ? 1 : 0;
  // declared after now ⟺ δ < t − now; refused ⟺ t − δ in [a, b) ⟺ δ in (t − b, t − a]
  const undeclared = t - nowMs;
  let open = countIn(delays, 0, undeclared);
  for (const [a, b] of spans) open -= countIn(delays, Math.max(0, t - b + 1), Math.min(undeclared, t - a + 1));
  return Math.max(0, open) / delays.length;
}

function recentDelays(gate: GateState, direction: Direction, currentHour: number): number[] {
  const all: number[] = [];
  for (let h = currentHour - WEEK_HOURS; h <= currentHour; h++) for (const d of gate.buckets.flows.get(h)?.delays[direction] ?? []) all.push(d * MINUTE_MS);
  all.sort((a, b) => a - b);
  if (all.length <= MAX_DELAY_SAMPLES) return all;
  // Evenly spaced order statistics keep the distribution's shape at a bounded cost.
  return Array.from({ length: MAX_DELAY_SAMPLES }, (_, i) => all[Math.floor(((i + 0.5) * all.length) / MAX_DELAY_SAMPLES)] ?? 0);
}

/**
 * Trucks of a category declared per hour while declaring was open (recent week; the last four when
 * the week was mostly closed to it — after a long notice the rate before it is the best guess).
 */
function declaringRate(gate: GateState, direction: Direction, category: CargoCategory, spans: readonly Span[], hourStart: (h: number) => number, currentHour: number): number {
  const slot = slotOf(direction, category);
  for (const weeks of [1, 4]) {
    let count = 0;
    let openHours = 0;
    for (let h = currentHour - weeks * WEEK_HOURS; h < currentHour; h++) {
      if (within(spans, hourStart(h) + HOUR_MS / 2)) continue;
      openHours += 1;
      count += gate.buckets.flows.get(h)?.declared[slot] ?? 0;
    }
    if (openHours >= 24 || weeks === 4) return openHours === 0 ? 0 : count / openHours;
  }
  return 0;
}

interface LaneInputs {
  queue: number;
  known: number[];
  undeclared: number[];
  rate: LaneRate | undefined;
}

function directionForecast(state: Readonly<LiveState>, gate: GateState, direction: Direction, nowMs: number, times: readonly number[], notices: readonly StopNoticeRecord[]): DirectionForecast {
  const lt = state.localTime;
  const steps = times.length - 1;
  const currentHour = lt.hourIndex(nowMs);
  const hod = (k: number): number => (((currentHour + k - 1) % 24) + 24) % 24;
  const stepHours = (k: number): number => ((times[k] ?? 0) - (times[k - 1] ?? 0)) / HOUR_MS;
  const lanes: Record<Lane, LaneInputs> = {
    fresh: emptyLane(times.length),
    other: emptyLane(times.length),
  };
  for (const id of gate.queuedIds) {
    const d = state.declarations.get(id);
    if (d && d.declared.direction === direction) lanes[laneOf(d.declared.cargo.category, state.rules.perishable)].queue += 1;
  }
  const delays = recentDelays(gate, direction, currentHour);
  const arrivalShape: DayShape = hourOfDayShape(gate.buckets.flows, currentHour, (h: FlowHour) =>
    CARGO_CATEGORIES.reduce((s, c) => s + (h.arrived[slotOf(direction, c)] ?? 0), 0),
  );
  // Declared, not arrived: spread over the delays still possible for it, weighted by when in the day
  // trucks arrive (a truck declared at 20:00 with a 10 h delay rarely arrives at 06:00 if nothing does).
  const stepOf = (t: number): number => {
    const k = lt.hourIndex(t) - currentHour + 1;
    return k >= 1 && k <= steps ? k : -1;
  };
  const dayShare = (t: number): number => arrivalShape[((lt.hourIndex(t) % 24) + 24) % 24] ?? 0;
  // Trucks declared within the same 5 minutes of one lane share one spread: the cost follows the minutes, not the trucks.
  const groups = new Map<string, { lane: Lane; declaredAt: number; count: number }>();
  for (const id of gate.expectedIds) {
    const d = state.declarations.get(id);
    if (!d || d.declared.direction !== direction) continue;
    const lane = laneOf(d.declared.cargo.category, state.rules.perishable);
    const declaredAt = Math.floor(Date.parse(d.declared.occurredAt) / GROUP_MS) * GROUP_MS + GROUP_MS / 2;
    const key = `${lane}@${declaredAt}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { lane, declaredAt, count: 1 });
  }
  for (const { lane, declaredAt, count } of groups.values()) {
    const known = lanes[lane].known;
    if (delays.length === 0) {
      const k = stepOf(Math.max(nowMs, declaredAt));
      if (k > 0) known[k] = (known[k] ?? 0) + count;
      continue;
    }
    const first = lowerBound(delays, nowMs - declaredAt + 1);
    let weight = 0;
    for (let i = first; i < delays.length; i++) weight += dayShare(declaredAt + (delays[i] ?? 0));
    if (weight === 0) continue; // overdue beyond every delay seen: not coming, as far as anyone can tell
    for (let i = first; i < delays.length; i++) {
      const t = declaredAt + (delays[i] ?? 0);
      const k = stepOf(t);
      if (k > 0) known[k] = (known[k] ?? 0) + (count * dayShare(t)) / weight;
    }
  }
  // Not declared yet: each category's declaring rate, shaped by when trucks arrive in the day.
  for (const category of CARGO_CATEGORIES) {
    const spans = refusedSpans(notices, gate.info.id, direction, category);
    const perHour = declaringRate(gate, direction, category, spans, (h) => lt.hourStart(h), currentHour);
    if (perHour === 0) continue;
    const undeclared = lanes[laneOf(category, state.rules.perishable)].undeclared;
    for (let k = 1; k <= steps; k++) {
      const mid = ((times[k - 1] ?? 0) + (times[k] ?? 0)) / 2;
      undeclared[k] = (undeclared[k] ?? 0) + perHour * 24 * (arrivalShape[hod(k)] ?? 0) * stepHours(k) * openUndeclaredShare(delays, spans, nowMs, mid);
    }
  }
  const shape = clearanceShape(gate, lt, direction, nowMs);
  // Closed to every good: nothing clears either (and those hours say nothing of the rate when open).
  const closed = closureSpans(notices, gate.info.id, direction);
  const clearing = times.map((t, k) => (k === 0 ? 0 : within(closed, ((times[k - 1] ?? t) + t) / 2) ? 0 : 1));
  for (const lane of LANES) lanes[lane].rate = laneRate(gate, lt, direction, lane, nowMs, closed, state.rules.perishable);
  // Busy and quiet days of declaring, as multipliers of the usual.
  const declaredDays = dayWindows(gate.buckets.flows, lt, nowMs, (h) => CARGO_CATEGORIES.reduce((s, c) => s + (h.declared[slotOf(direction, c)] ?? 0), 0));
  const mean = declaredDays.reduce((a, b) => a + b, 0) / Math.max(1, declaredDays.length);
  const busy = mean > 0 ? Math.min(2, Math.max(1, (percentile(declaredDays, 0.75) ?? mean) / mean)) : 1;
  const quiet = mean > 0 ? Math.max(0.5, Math.min(1, (percentile(declaredDays, 0.25) ?? mean) / mean)) : 1;

  const run = (arrivalFactor: number, pickRate: (r: LaneRate) => number): { total: number[]; byLane: Record<Lane, number[]>; arrivals: number[]; cleared: number[] } => {
    const byLane = { fresh: [lanes.fresh.queue], other: [lanes.other.queue] };
    const arrivals = [0];
    const cleared = [0];
    for (let k = 1; k <= steps; k++) {
      let inflow = 0;
      let outflow = 0;
      for (const lane of LANES) {
        const l = lanes[lane];
        const before = byLane[lane][k - 1] ?? 0;
        const came = (l.known[k] ?? 0) + (l.undeclared[k] ?? 0) * arrivalFactor;
        const capacity = l.rate ? pickRate(l.rate) * (shape[hod(k)] ?? 0) * stepHours(k) * (clearing[k] ?? 0) : 0;
        const went = Math.min(before + came, capacity);
        byLane[lane].push(before + came - went);
        inflow += came;
        outflow += went;
      }
      arrivals.push(inflow);
      cleared.push(outflow);
    }
    return { total: times.map((_, k) => (byLane.fresh[k] ?? 0) + (byLane.other[k] ?? 0)), byLane, arrivals, cleared };
  };
  const central = run(1, (r) => r.perDay);
  const low = run(quiet, (r) => r.high);
  const high = run(busy, (r) => r.low);
  return { queue: central.total, low: low.total, high: high.total, lanes: central.byLane, arrivals: central.arrivals, cleared: central.cleared };
}

const emptyLane = (length: number): LaneInputs => ({
  queue: 0,
  known: new Array<number>(length).fill(0),
  undeclared: new Array<number>(length).fill(0),
  rate: undefined,
});

/** The end of each local hour from now, `horizonHours` of them, after the instant now. */
export function forecastTimes(state: Readonly<LiveState>, nowMs: number, horizonHours: number): number[] {
  const lt = state.localTime;
  const current = lt.hourIndex(nowMs);
  return [nowMs, ...Array.from({ length: horizonHours }, (_, i) => lt.hourStart(current + i + 1))];
}

export function forecastGate(state: Readonly<LiveState>, gateId: string, nowMs: number, opts: ForecastOptions = {}): GateForecast | undefined {
  const gate = state.gates.get(gateId);
  if (!gate) return undefined;
  const notices = opts.notices ?? [...state.notices.values()];
  const times = forecastTimes(state, nowMs, opts.horizonHours ?? 72);
  const directions = {
    export: directionForecast(state, gate, 'export', nowMs, times, notices),
    import: directionForecast(state, gate, 'import', nowMs, times, notices),
  };
  const sum = (pick: (d: DirectionForecast) => number[]): number[] => times.map((_, k) => DIRECTIONS.reduce((s, d) => s + (pick(directions[d])[k] ?? 0), 0));
  const queue = sum((d) => d.queue);
  const fullIndex = queue.findIndex((q) => q >= gate.info.yardCapacity);
  const forecast: GateForecast = { gateId, times, directions, queue, low: sum((d) => d.low), high: sum((d) => d.high), yardCapacity: gate.info.yardCapacity };
  if (fullIndex >= 0) forecast.yardFullAt = times[fullIndex];
  return forecast;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

/** A forecast as the API shows it: points with times, queues to one decimal. */
export function projectionOf(f: GateForecast, formatIso: (ms: number) => string, nowMs: number, hourStart: number): GateProjection {
  const points = (track: QueueTrack): ForecastPoint[] =>
    f.times.map((t, k) => ({ at: formatIso(t), queue: round1(track.queue[k] ?? 0), low: round1(track.low[k] ?? 0), high: round1(track.high[k] ?? 0) }));
  return {
    total: points(f),
    export: points(f.directions.export),
    import: points(f.directions.import),
    yardFullAt: f.yardFullAt === undefined ? null : formatIso(f.yardFullAt === nowMs ? hourStart : f.yardFullAt),
  };
}
