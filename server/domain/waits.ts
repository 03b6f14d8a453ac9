import { CARGO_CATEGORIES, type CargoCategory, type Direction } from '../../shared/primitives.ts';
import { DEFAULT_PERISHABLE, LANES, laneOf, type Lane } from '../../shared/lanes.ts';
import type { ServicePattern } from '../../shared/procedures.ts';
import { patternAt } from './procedures.ts';
import { percentile } from './buckets.ts';
import type { DeclarationState } from './declaration.ts';
import { slotOf, type FlowHour, type GateFlows } from './flows.ts';
import type { GateState, LiveState } from './state.ts';
import { closureSpans, within, type Span } from './spans.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, type LocalTime } from './time.ts';

// Waits you can plan with (thời gian chờ theo luồng): per gate × direction × lane, the trucks ahead
// divided by a smoothed clearance rate of that lane, cleared on the gate's usual hours of the day —
// beside what was measured. The rate reads whole 24 h windows ending at the current hour, so it
// does not swing with the time of day (a 6 h window is empty every night) and moves only hourly.

/** Rolling day windows the rate looks back over, and how fast an older one loses weight. */
const WINDOWS = 7;
const HALF_LIFE_DAYS = 1;

export interface LaneRate {
  /** Smoothed trucks cleared per day (the newest window counts most). */
  perDay: number;
  /** The slow and fast ends of the recent days (25th / 75th percentile of the windows), bracketing perDay. */
  low: number;
  high: number;
}

/** Where the clearances of a gate × direction fall in the day: 24 shares summing to 1. */
export type DayShape = readonly number[];

export const categoriesOf = (lane: Lane, perishable: readonly CargoCategory[] = DEFAULT_PERISHABLE): CargoCategory[] =>
  CARGO_CATEGORIES.filter((c) => laneOf(c, perishable) === lane);

const sumSlots = (counts: readonly number[], slots: readonly number[]): number => slots.reduce((s, i) => s + (counts[i] ?? 0), 0);

export const laneSlots = (direction: Direction, lane: Lane, perishable: readonly CargoCategory[] = DEFAULT_PERISHABLE): number[] =>
  categoriesOf(lane, perishable).map((c) => slotOf(direction, c));

/** The hour index holding `nowMs` and the first hour a gate recorded anything (windows before it are not zeros, they are unknown). */
function hourSpan(flows: GateFlows, lt: LocalTime, nowMs: number): { current: number; first: number } {
  let first = Infinity;
  for (const h of flows.keys()) if (h < first) first = h;
  return { current: lt.hourIndex(nowMs), first };
}

/** Sum of `pick(hour)` over hours [from, to). */
function sumHours(flows: GateFlows, from: number, to: number, pick: (h: FlowHour) => number): number {
  let total = 0;
  for (let h = from; h < to; h++) {
    const hour = flows.get(h);
    if (hour) total += pick(hour);
  }
  return total;
}

/** A window needs this many hours the gate was open to say how much it clears a day. */
const MIN_OPEN_HOURS = 6;

/**
 * Per-day counts of the whole 24 h windows before the current hour (newest first), only those after the
 * gate's first record. Hours in `closed` spans (the gate shut to every good) are left out and the rest
 * scaled to a day: a closure says nothing about how fast the yard clears when open.
 */
export function dayWindows(flows: GateFlows, lt: LocalTime, nowMs: number, pick: (h: FlowHour) => number, closed: readonly Span[] = [], windows = WINDOWS): number[] {
  const { current, first } = hourSpan(flows, lt, nowMs);
  const out: number[] = [];
  for (let k = 0; k < windows; k++) {
    const to = current - 24 * k;
    const from = to - 24;
    if (from < first && k > 0) break; // the gate had no data yet: an empty window is not a slow day
    if (closed.length === 0) {
      out.push(sumHours(flows, from, to, pick));
      continue;
    }
    let open = 0;
    let count = 0;
    for (let h = from; h < to; h++) {
      if (within(closed, lt.hourStart(h) + HOUR_MS / 2)) continue;
      open += 1;
      const hour = flows.get(h);
      if (hour) count += pick(hour);
    }
    if (open >= MIN_OPEN_HOURS) out.push((count * 24) / open);
  }
  return out;
}

/** Exponentially weighted mean (the first value newest) with its 25th/75th percentiles as the range. */
export function smoothRate(windows: readonly number[]): LaneRate | undefined {
  if (windows.length === 0) return undefined;
  let num = 0;
  let den = 0;
  windows.forEach((c, k) => {
    const w = 0.5 ** (k / HALF_LIFE_DAYS);
    num += w * c;
    den += w;
  });
  const perDay = num / den;
  // A day with nothing cleared would make the late end infinite; four times the likely wait is as late as it says.
  const low = Math.max(perDay / 4, Math.min(perDay, percentile(windows, 0.25) ?? perDay));
  const high = Math.max(perDay, percentile(windows, 0.75) ?? perDay);
  return { perDay, low, high };
}

export const laneRate = (
  gate: GateState,
  lt: LocalTime,
  direction: Direction,
  lane: Lane,
  nowMs: number,
  closed: readonly Span[] = [],
  perishable: readonly CargoCategory[] = DEFAULT_PERISHABLE,
): LaneRate | undefined => {
  const slots = laneSlots(direction, lane, perishable);
  return smoothRate(dayWindows(gate.buckets.flows, lt, nowMs, (h) => sumSlots(h.cleared, slots), closed));
};

/** The closures of a gate × direction by the state's notices, and when clearing can start: after the one in force now (undefined: no end known). */
export function clearingStart(state: Readonly<LiveState>, gateId: string, direction: Direction, nowMs: number): { closed: Span[]; from: number | undefined } {
  const closed = closureSpans([...state.notices.values()], gateId, direction);
  const current = within(closed, nowMs);
  return { closed, from: current ? (Number.isFinite(current[1]) ? current[1] : undefined) : nowMs };
}

/** Shares of a direction's clearances per local hour of day over the last week; flat when none. */
export function clearanceShape(gate: GateState, lt: LocalTime, direction: Direction, nowMs: number): DayShape {
  const slots = CARGO_CATEGORIES.map((c) => slotOf(direction, c));
  return hourOfDayShape(gate.buckets.flows, lt.hourIndex(nowMs), (h) => sumSlots(h.cleared, slots));
}

export function hourOfDayShape(flows: GateFlows, currentHour: number, pick: (h: FlowHour) => number): DayShape {
  const byHour = new Array<number>(24).fill(0);
  for (let h = currentHour - 24 * WINDOWS; h < currentHour; h++) {
    const hour = flows.get(h);
    const at = ((h % 24) + 24) % 24;
    if (hour) byHour[at] = (byHour[at] ?? 0) + pick(hour);
  }
  const total = byHour.reduce((a, b) => a + b, 0);
  return total === 0 ? new Array<number>(24).fill(1 / 24) : byHour.map((v) => v / total);
}

/**
 * When the n-th truck of a lane is cleared (n ≥ 1), clearing `perDay` a day spread over the day by
 * `shape`, starting at `fromMs`; undefined when the lane clears nothing. Whole days are skipped in one
 * step, so a 20-day wait costs no more than a short one.
 */
export function clearedBy(n: number, perDay: number, shape: DayShape, lt: LocalTime, fromMs: number): number | undefined {
  if (n <= 0) return fromMs;
  if (!(perDay > 0)) return undefined;
  const days = Math.floor((n - 1e-9) / perDay);
  let remaining = n - days * perDay;
  let t = fromMs + days * DAY_MS;
  for (let guard = 0; guard < 48; guard++) {
    const hour = lt.hourIndex(t);
    const end = lt.hourStart(hour + 1);
    const capacity = perDay * (shape[((hour % 24) + 24) % 24] ?? 0) * ((end - t) / HOUR_MS);
    if (capacity >= remaining) return t + (remaining / capacity) * (end - t);
    remaining -= capacity;
    t = end;
  }
  return t; // the shape leaves no hour (cannot happen: it sums to 1); stay finite
}

export interface LaneWait {
  lane: Lane;
  /** Trucks of the lane in the yard now. */
  queue: number;
  /** Smoothed trucks cleared a day in this lane; null when the lane cleared nothing in the last week. */
  clearedPerDay: number | null;
  /** For a truck arriving now: minutes until it is cleared, and the range from the recent slow and fast days. */
  estimatedWaitMinutes: number | null;
  estimatedWaitRange: { low: number; high: number } | null;
  /** Waits of the trucks of this lane cleared in the last 24 h (the last 7 days when fewer than 5). */
  measured: { count: number; medianMinutes: number | null; p90Minutes: number | null };
}

const minutesUntil = (at: number | undefined, nowMs: number): number | null => (at === undefined ? null : Math.max(0, Math.round((at - nowMs) / MINUTE_MS)));

function measuredWaits(gate: GateState, lt: LocalTime, direction: Direction, lane: Lane, nowMs: number, perishable: readonly CargoCategory[]): LaneWait['measured'] {
  const slots = laneSlots(direction, lane, perishable);
  const current = lt.hourIndex(nowMs);
  const collect = (hours: number): number[] => {
    const out: number[] = [];
    for (let h = current - hours; h <= current; h++) {
      const hour = gate.buckets.flows.get(h);
      if (!hour) continue;
      for (const s of slots) for (const w of hour.waits[s] ?? []) out.push(w);
    }
    return out;
  };
  let waits = collect(24);
  if (waits.length < 5) waits = collect(24 * WINDOWS);
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v));
  return { count: waits.length, medianMinutes: round(percentile(waits, 0.5)), p90Minutes: round(percentile(waits, 0.9)) };
}

/** The queued trucks of a gate by direction × lane, oldest arrival first (ties by id): queue positions read these. */
export type LaneQueues = Record<Direction, Record<Lane, string[]>>;

export function laneQueues(state: Readonly<LiveState>, gate: GateState): LaneQueues {
  const out: Record<Direction, Record<Lane, { id: string; at: number }[]>> = { export: { fresh: [], other: [] }, import: { fresh: [], other: [] } };
  for (const id of gate.queuedIds) {
    const d = state.declarations.get(id);
    if (!d || d.arrivedAt === undefined) continue;
    out[d.declared.direction][laneOf(d.declared.cargo.category, state.rules.perishable)].push({ id, at: d.arrivedAt });
  }
  const sorted = (xs: { id: string; at: number }[]): string[] => xs.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => x.id);
  return {
    export: { fresh: sorted(out.export.fresh), other: sorted(out.export.other) },
    import: { fresh: sorted(out.import.fresh), other: sorted(out.import.other) },
  };
}

export function laneWaits(state: Readonly<LiveState>, gate: GateState, direction: Direction, queues: LaneQueues, nowMs: number): LaneWait[] {
  const lt = state.localTime;
  const shape = clearanceShape(gate, lt, direction, nowMs);
  const { closed, from } = clearingStart(state, gate.info.id, direction, nowMs);
  const { perishable } = state.rules;
  const pattern = patternAt(state.rules, gate.info.id, nowMs);
  const rates = { fresh: laneRate(gate, lt, direction, 'fresh', nowMs, closed, perishable), other: laneRate(gate, lt, direction, 'other', nowMs, closed, perishable) };
  const lengths = { fresh: queues[direction].fresh.length, other: queues[direction].other.length };
  return LANES.map((lane) => {
    const queue = lengths[lane];
    const { rate, n } = servedAs(pattern, rates, lane, queue, lengths);
    const at = (perDay: number | undefined): number | undefined =>
      perDay === undefined || from === undefined ? undefined : clearedBy(n, perDay, shape, lt, from);
    const wait = minutesUntil(at(rate?.perDay), nowMs);
    const fast = minutesUntil(at(rate?.high), nowMs);
    const slow = minutesUntil(at(rate?.low), nowMs);
    return {
      lane,
      queue,
      clearedPerDay: rate && rate.perDay > 0 ? Math.round(rate.perDay * 10) / 10 : null,
      estimatedWaitMinutes: queue === 0 && wait === null ? 0 : wait,
      estimatedWaitRange: wait === null ? null : { low: fast ?? wait, high: slow ?? wait },
      measured: measuredWaits(gate, lt, direction, lane, nowMs, perishable),
    };
  });
}

/**
 * 1-based place in the service order of the truck at 0-based `index` of its lane, both lanes served by the
 * pattern (`priority` fresh, then `regular` others, a lane with nobody left giving its turns away) — the
 * closed form of `serviceOrder` (shared/procedures.ts), for a truck in the lines or one joining one.
 */
export function patternPlace(pattern: ServicePattern, lane: Lane, index: number, lengths: Record<Lane, number>): number {
  if (lane === 'fresh') return index + 1 + Math.min(lengths.other, Math.floor(index / pattern.priority) * pattern.regular);
  const freshBefore = pattern.regular === 0 ? lengths.fresh : Math.min(lengths.fresh, (Math.floor(index / pattern.regular) + 1) * pattern.priority);
  return index + 1 + freshBefore;
}

/** Both lanes' rates as one line's: what the gate × direction clears, whichever lane it serves. */
function combined(rates: Record<Lane, LaneRate | undefined>): LaneRate | undefined {
  const { fresh, other } = rates;
  if (!fresh || !other) return fresh ?? other;
  return { perDay: fresh.perDay + other.perDay, low: fresh.low + other.low, high: fresh.high + other.high };
}

/**
 * How the truck at 0-based `index` of `lane` is served: without a pattern each lane clears at its own rate
 * (the n-th of its lane); with one, both lanes form one line at their joint rate (the n-th of that line).
 */
export function servedAs(pattern: ServicePattern | null, rates: Record<Lane, LaneRate | undefined>, lane: Lane, index: number, lengths: Record<Lane, number>): { rate: LaneRate | undefined; n: number } {
  if (pattern === null) return { rate: rates[lane], n: index + 1 };
  return { rate: combined(rates), n: patternPlace(pattern, lane, index, lengths) };
}

/** The gate's own rate (every lane and direction) for the contract's estimatedWaitMinutes: queue ÷ recent clearance rate. */
export function gateWaitMinutes(gate: GateState, lt: LocalTime, queueLength: number, nowMs: number): number | null {
  const rate = smoothRate(dayWindows(gate.buckets.flows, lt, nowMs, (h) => h.cleared.reduce((a, b) => a + b, 0)));
  if (!rate || rate.perDay === 0) return queueLength === 0 ? 0 : null;
  return Math.round((queueLength / rate.perDay) * 24 * 60);
}

export interface Eta {
  /** Most likely clearance time, and the early and late ends of its range (epoch ms). */
  at: number;
  earliest: number;
  latest: number;
  /** Trucks ahead of it in its lane (queued trucks only). */
  ahead?: number;
}

/** The usual declare → arrive delay of a gate × direction over the last week (median, minutes); undefined with no arrivals. */
export function usualDelayMinutes(gate: GateState, lt: LocalTime, direction: Direction, nowMs: number): number | undefined {
  const current = lt.hourIndex(nowMs);
  const delays: number[] = [];
  for (let h = current - 24 * WINDOWS; h <= current; h++) for (const d of gate.buckets.flows.get(h)?.delays[direction] ?? []) delays.push(d);
  return percentile(delays, 0.5) ?? undefined;
}

/** What every truck of one gate × direction × lane shares at one instant (worked out once per read, not per truck). */
interface LaneOutlook {
  pattern: ServicePattern | null;
  rates: Record<Lane, LaneRate | undefined>;
  lengths: Record<Lane, number>;
  opens: number | undefined;
  shape: DayShape;
  delayMinutes: number;
  /** Queue position by id (0-based), instead of a scan of the line per truck. */
  index: Map<string, number>;
  length: number;
}

/** Outlooks hang off the lane queues of one read: `${gateId}:${direction}:${lane}:${nowMs}` → outlook. */
const outlooks = new WeakMap<LaneQueues, Map<string, LaneOutlook>>();

function laneOutlook(state: Readonly<LiveState>, gate: GateState, direction: Direction, lane: Lane, queues: LaneQueues, nowMs: number): LaneOutlook {
  let byKey = outlooks.get(queues);
  if (!byKey) {
    byKey = new Map();
    outlooks.set(queues, byKey);
  }
  const key = `${gate.info.id}:${direction}:${lane}:${nowMs}`;
  const known = byKey.get(key);
  if (known) return known;
  const lt = state.localTime;
  const { closed, from: opens } = clearingStart(state, gate.info.id, direction, nowMs);
  const line = queues[direction][lane];
  const { perishable } = state.rules;
  const outlook: LaneOutlook = {
    pattern: patternAt(state.rules, gate.info.id, nowMs),
    rates: { fresh: laneRate(gate, lt, direction, 'fresh', nowMs, closed, perishable), other: laneRate(gate, lt, direction, 'other', nowMs, closed, perishable) },
    lengths: { fresh: queues[direction].fresh.length, other: queues[direction].other.length },
    opens,
    shape: clearanceShape(gate, lt, direction, nowMs),
    delayMinutes: usualDelayMinutes(gate, lt, direction, nowMs) ?? 0,
    index: new Map(line.map((id, i) => [id, i])),
    length: line.length,
  };
  byKey.set(key, outlook);
  return outlook;
}

/**
 * A truck's estimated clearance: queued — after the trucks ahead of it in its lane; expected — after
 * its usual arrival (declared + the gate's median delay, or now if that passed), behind today's lane queue.
 * `queues` must be the gate's lane queues at `nowMs`; trucks read with the same queues share the lane's work.
 */
export function etaOf(state: Readonly<LiveState>, id: string, decl: DeclarationState, queues: LaneQueues, nowMs: number): Eta | undefined {
  const gate = state.gates.get(decl.declared.gateId);
  if (!gate || decl.clearedAt !== undefined || decl.cancelledAt !== undefined) return undefined;
  const lt = state.localTime;
  const { direction, cargo } = decl.declared;
  const lane = laneOf(cargo.category, state.rules.perishable);
  const { pattern, rates, lengths, opens, shape, delayMinutes, index, length } = laneOutlook(state, gate, direction, lane, queues, nowMs);
  let from = opens;
  let place: number;
  if (decl.arrivedAt !== undefined) {
    const i = index.get(id);
    if (i === undefined) return undefined;
    place = i;
  } else {
    if (opens !== undefined) from = Math.max(opens, Date.parse(decl.declared.occurredAt) + delayMinutes * MINUTE_MS);
    place = length;
  }
  const { rate, n } = servedAs(pattern, rates, lane, place, lengths);
  if (!rate || rate.perDay === 0 || from === undefined) return undefined;
  const ahead = decl.arrivedAt === undefined ? undefined : n - 1;
  const at = clearedBy(n, rate.perDay, shape, lt, from);
  const earliest = clearedBy(n, rate.high, shape, lt, from);
  const latest = clearedBy(n, rate.low, shape, lt, from);
  if (at === undefined) return undefined;
  return { at, earliest: earliest ?? at, latest: latest ?? at, ...(ahead === undefined ? {} : { ahead }) };
}
