import { laneOf } from '../../shared/lanes.ts';
import type { CargoCategory, Direction } from '../../shared/primitives.ts';
import type { ServicePattern } from '../../shared/procedures.ts';
import type { TruckEvent } from '../../shared/events.ts';

// What a service pattern would have done to a yard (npm run priority): the yard's real capacity is kept —
// one service slot at each recorded clearance of that gate × direction — and only WHICH waiting truck takes
// each slot changes: first come first served across both lanes, or the pattern (`priority` perishable,
// then `regular` others, and again; a lane with nobody waiting gives its turn away). A truck cancelled
// before it is served leaves the line. Pure: trucks in, waits out.

export interface SimTruck {
  id: string;
  gateId: string;
  direction: Direction;
  category: CargoCategory;
  arrivedAt: number;
  clearedAt?: number;
  cancelledAt?: number;
}

export type Discipline = { kind: 'recorded' } | { kind: 'fifo' } | { kind: 'pattern'; pattern: ServicePattern };

export interface SimResult {
  /** Minutes waited by each truck served (by id). */
  waits: Map<string, number>;
  /** Trucks still in the line at `endMs`, with the minutes waited so far. */
  waiting: Map<string, number>;
}

/** The trucks of a replay: those that entered a yard (a `cleared` without `arrived` never queued). */
export function trucksOf(events: readonly TruckEvent[]): SimTruck[] {
  const byId = new Map<string, Partial<SimTruck> & { id: string }>();
  for (const e of events) {
    const t = byId.get(e.declarationId) ?? { id: e.declarationId };
    const at = Date.parse(e.occurredAt);
    if (e.type === 'declared') Object.assign(t, { gateId: e.gateId, direction: e.direction, category: e.cargo.category });
    else if (e.type === 'arrived') t.arrivedAt = at;
    else if (e.type === 'cleared') t.clearedAt = at;
    else if (e.type === 'cancelled') t.cancelledAt = at;
    byId.set(e.declarationId, t);
  }
  return [...byId.values()].filter((t): t is SimTruck => t.gateId !== undefined && t.arrivedAt !== undefined && (t.clearedAt === undefined || t.clearedAt > t.arrivedAt));
}

/** Serve one gate × direction's trucks by a discipline on its recorded clearance slots. */
export function simulateLine(trucks: readonly SimTruck[], discipline: Discipline, endMs: number, perishable?: readonly CargoCategory[]): SimResult {
  const waits = new Map<string, number>();
  const waiting = new Map<string, number>();
  const minutes = (ms: number): number => ms / 60_000;
  if (discipline.kind === 'recorded') {
    for (const t of trucks) {
      if (t.clearedAt !== undefined) waits.set(t.id, minutes(t.clearedAt - t.arrivedAt));
      else if (t.cancelledAt === undefined) waiting.set(t.id, minutes(endMs - t.arrivedAt));
    }
    return { waits, waiting };
  }
  const slots = trucks.flatMap((t) => (t.clearedAt === undefined ? [] : [t.clearedAt])).sort((a, b) => a - b);
  const byArrival = [...trucks].sort((a, b) => a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : 1));
  const lanes: { fresh: SimTruck[]; other: SimTruck[] } = { fresh: [], other: [] };
  const heads = { fresh: 0, other: 0 };
  let next = 0;
  let turn = 0;
  const gone = (t: SimTruck, at: number): boolean => t.cancelledAt !== undefined && t.cancelledAt <= at;
  const head = (lane: 'fresh' | 'other', at: number): SimTruck | undefined => {
    const line = lanes[lane];
    while (heads[lane] < line.length && gone(line[heads[lane]] as SimTruck, at)) heads[lane] += 1;
    return line[heads[lane]];
  };
  for (const slot of slots) {
    while (next < byArrival.length && (byArrival[next] as SimTruck).arrivedAt <= slot) {
      const t = byArrival[next++] as SimTruck;
      lanes[laneOf(t.category, perishable)].push(t);
    }
    const f = head('fresh', slot);
    const o = head('other', slot);
    if (!f && !o) continue; // nobody to serve: the slot is lost, as it would have been
    let lane: 'fresh' | 'other';
    if (discipline.kind === 'fifo') lane = !o || (f && (f.arrivedAt < o.arrivedAt || (f.arrivedAt === o.arrivedAt && f.id < o.id))) ? 'fresh' : 'other';
    else {
      const { priority, regular } = discipline.pattern;
      const wants = turn % (priority + regular) < priority ? 'fresh' : 'other';
      lane = wants === 'fresh' ? (f ? 'fresh' : 'other') : o ? 'other' : 'fresh';
      turn += 1;
    }
    const served = lane === 'fresh' ? f : o;
    if (!served) continue;
    heads[lane] += 1;
    waits.set(served.id, minutes(slot - served.arrivedAt));
  }
  for (const lane of ['fresh', 'other'] as const) {
    for (let i = heads[lane]; i < lanes[lane].length; i++) {
      const t = lanes[lane][i] as SimTruck;
      if (!gone(t, endMs) && !waits.has(t.id)) waiting.set(t.id, minutes(endMs - t.arrivedAt));
    }
  }
  // Arrived after the last slot: still waiting.
  for (let i = next; i < byArrival.length; i++) {
    const t = byArrival[i] as SimTruck;
    if (!gone(t, endMs) && t.arrivedAt <= endMs) waiting.set(t.id, minutes(endMs - t.arrivedAt));
  }
  return { waits, waiting };
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
  const out: SimResult = { waits: new Map(), waiting: new Map() };
  for (const line of lines.values()) {
    const r = simulateLine(line, discipline, endMs, perishable);
    for (const [k, v] of r.waits) out.waits.set(k, v);
    for (const [k, v] of r.waiting) out.waiting.set(k, v);
  }
  return out;
}
