import { laneOf, type Lane } from '../../shared/lanes.ts';
import type { CargoCategory, Direction } from '../../shared/primitives.ts';
import { serviceOrder, type ServicePattern } from '../../shared/procedures.ts';
import type { TruckEvent } from '../../shared/events.ts';

// What a service pattern would have done to a yard (npm run priority). Per gate × direction the yard is a
// queue: a truck joins at its `arrived` time and leaves when served or cancelled. The yard keeps the
// capacity it really had — a service slot at each recorded clearance of that gate × direction, so every hour
// clears exactly as many trucks as it did — and a discipline decides only WHICH waiting truck takes a slot:
// first come, first served across both lanes, a pattern (`priority` perishable, then `regular` others, and
// again — `serviceOrder`'s rotation, carried from one slot to the next), or as recorded. Pure: trucks in,
// outcomes out.

const HOUR_MS = 3_600_000;

export interface SimTruck {
  id: string;
  gateId: string;
  direction: Direction;
  category: CargoCategory;
  arrivedAt: number;
  /** As recorded: when it cleared, or when it was cancelled (a truck cleared is never cancelled). */
  clearedAt?: number;
  cancelledAt?: number;
}

/** `fcfs`: one line by arrival across both lanes (`serviceOrder(null, …)`); `recorded`: the scenario's own clearances. */
export type Discipline = { kind: 'recorded' } | { kind: 'fcfs' } | { kind: 'pattern'; pattern: ServicePattern };

/** What became of a truck by `endMs`, and the minutes it waited in the yard (so far, for one still waiting). */
export interface Outcome {
  state: 'cleared' | 'cancelled' | 'waiting';
  /** When it cleared, when it left cancelled, or `endMs`. */
  at: number;
  waitMinutes: number;
}

export interface SimResult {
  outcomes: Map<string, Outcome>;
  /** Slots that found nobody waiting (0 on consistent data: the truck recorded for a slot had arrived). */
  lostSlots: number;
}

/** The trucks of a replay that entered a yard, from their events (category as last declared or amended). */
export function trucksOf(events: readonly TruckEvent[]): SimTruck[] {
  const byId = new Map<string, Partial<SimTruck> & { id: string }>();
  for (const e of events) {
    const t = byId.get(e.declarationId) ?? { id: e.declarationId };
    const at = Date.parse(e.occurredAt);
    if (e.type === 'declared') Object.assign(t, { gateId: e.gateId, direction: e.direction, category: e.cargo.category });
    else if (e.type === 'amended' && e.changes.cargo?.category) t.category = e.changes.cargo.category;
    else if (e.type === 'arrived') t.arrivedAt = at;
    else if (e.type === 'cleared') t.clearedAt = at;
    else if (e.type === 'cancelled') t.cancelledAt = at;
    byId.set(e.declarationId, t);
  }
  return [...byId.values()].filter((t): t is SimTruck => t.gateId !== undefined && t.arrivedAt !== undefined);
}

/** Recorded clearances per hour (epoch hour index → trucks cleared): the capacity every discipline keeps. */
export function hourlyCapacity(trucks: readonly SimTruck[], endMs: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of trucks) {
    if (t.clearedAt === undefined || t.clearedAt > endMs) continue;
    const h = Math.floor(t.clearedAt / HOUR_MS);
    out.set(h, (out.get(h) ?? 0) + 1);
  }
  return out;
}

/** Where a pattern's rotation stands: the lane whose turn it is and how many of its turns are used. */
export interface Rotation {
  lane: Lane;
  used: number;
}
export const ROTATION_START: Rotation = { lane: 'fresh', used: 0 };

interface Keyed {
  at: number;
  id: string;
  truck?: SimTruck;
}
const pad = (n: number): Keyed[] => Array.from({ length: n }, (_, i) => ({ at: -Infinity, id: `\u0000${i}` }));

/**
 * The next truck served under `pattern` (null: first come, first served) from the heads of the two lanes,
 * and the rotation after it. `serviceOrder` is asked with the turns already used in this round standing in
 * front as placeholders, so its rotation carries from one slot to the next (a cycle, not restarted per slot).
 */
export function nextServed(pattern: ServicePattern | null, rotation: Rotation, fresh: SimTruck | undefined, other: SimTruck | undefined): { truck: SimTruck; lane: Lane; rotation: Rotation } | undefined {
  const key = (t: SimTruck | undefined): Keyed[] => (t ? [{ at: t.arrivedAt, id: t.id, truck: t }] : []);
  if (pattern === null) {
    const truck = serviceOrder(null, key(fresh), key(other))[0]?.truck;
    return truck ? { truck, lane: truck === fresh ? 'fresh' : 'other', rotation } : undefined;
  }
  const f = [...pad(rotation.lane === 'fresh' ? rotation.used : pattern.priority), ...key(fresh)];
  const o = [...pad(rotation.lane === 'other' ? rotation.used : 0), ...key(other)];
  const truck = serviceOrder(pattern, f, o).find((k) => k.truck)?.truck;
  if (!truck) return undefined;
  const lane: Lane = truck === fresh ? 'fresh' : 'other';
  let next: Rotation = lane === rotation.lane ? { lane, used: rotation.used + 1 } : { lane, used: 1 };
  if (next.lane === 'fresh' && next.used >= pattern.priority) next = { lane: 'other', used: 0 };
  if (next.lane === 'other' && next.used >= pattern.regular) next = { lane: 'fresh', used: 0 };
  return { truck, lane, rotation: next };
}

/** One gate × direction's trucks under a discipline, up to `endMs`. */
export function simulateLine(trucks: readonly SimTruck[], discipline: Discipline, endMs: number, perishable?: readonly CargoCategory[]): SimResult {
  const outcomes = new Map<string, Outcome>();
  const minutes = (ms: number): number => ms / 60_000;
  const inYard = trucks.filter((t) => t.arrivedAt <= endMs);
  const leftAt = (t: SimTruck): number | undefined => (t.cancelledAt !== undefined && t.cancelledAt <= endMs ? t.cancelledAt : undefined);
  if (discipline.kind === 'recorded') {
    for (const t of inYard) {
      const cancelled = leftAt(t);
      if (t.clearedAt !== undefined && t.clearedAt <= endMs) outcomes.set(t.id, { state: 'cleared', at: t.clearedAt, waitMinutes: minutes(t.clearedAt - t.arrivedAt) });
      else if (cancelled !== undefined) outcomes.set(t.id, { state: 'cancelled', at: cancelled, waitMinutes: minutes(cancelled - t.arrivedAt) });
      else outcomes.set(t.id, { state: 'waiting', at: endMs, waitMinutes: minutes(endMs - t.arrivedAt) });
    }
    return { outcomes, lostSlots: 0 };
  }
  const pattern = discipline.kind === 'pattern' ? discipline.pattern : null;
  const slots = inYard.flatMap((t) => (t.clearedAt === undefined || t.clearedAt > endMs ? [] : [t.clearedAt])).sort((a, b) => a - b);
  const byArrival = [...inYard].sort((a, b) => a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lanes: Record<Lane, SimTruck[]> = { fresh: [], other: [] };
  const heads: Record<Lane, number> = { fresh: 0, other: 0 };
  const head = (lane: Lane, at: number): SimTruck | undefined => {
    const line = lanes[lane];
    for (;;) {
      const t = line[heads[lane]];
      const cancelled = t && leftAt(t);
      if (t === undefined || cancelled === undefined || cancelled > at) return t;
      outcomes.set(t.id, { state: 'cancelled', at: cancelled, waitMinutes: minutes(cancelled - t.arrivedAt) });
      heads[lane] += 1;
    }
  };
  let joined = 0;
  let rotation = ROTATION_START;
  let lostSlots = 0;
  for (const slot of slots) {
    while (joined < byArrival.length && (byArrival[joined] as SimTruck).arrivedAt <= slot) {
      const t = byArrival[joined++] as SimTruck;
      lanes[laneOf(t.category, perishable)].push(t);
    }
    const next = nextServed(pattern, rotation, head('fresh', slot), head('other', slot));
    if (!next) {
      lostSlots += 1;
      continue;
    }
    rotation = next.rotation;
    heads[next.lane] += 1;
    outcomes.set(next.truck.id, { state: 'cleared', at: slot, waitMinutes: minutes(slot - next.truck.arrivedAt) });
  }
  // Whoever is left: cancelled later in the quarter, or still waiting at its end.
  for (const t of inYard) {
    if (outcomes.has(t.id)) continue;
    const cancelled = leftAt(t);
    outcomes.set(t.id, cancelled !== undefined ? { state: 'cancelled', at: cancelled, waitMinutes: minutes(cancelled - t.arrivedAt) } : { state: 'waiting', at: endMs, waitMinutes: minutes(endMs - t.arrivedAt) });
  }
  return { outcomes, lostSlots };
}

/** Every gate × direction of a replay under one discipline. */
export function simulateYards(trucks: readonly SimTruck[], discipline: Discipline, endMs: number, perishable?: readonly CargoCategory[]): SimResult {
  const lines = new Map<string, SimTruck[]>();
  for (const t of trucks) {
    const key = `${t.gateId}|${t.direction}`;
    const line = lines.get(key);
    if (line) line.push(t);
    else lines.set(key, [t]);
  }
  const out: SimResult = { outcomes: new Map(), lostSlots: 0 };
  for (const line of lines.values()) {
    const r = simulateLine(line, discipline, endMs, perishable);
    for (const [k, v] of r.outcomes) out.outcomes.set(k, v);
    out.lostSlots += r.lostSlots;
  }
  return out;
}
