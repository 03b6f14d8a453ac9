import type { Direction } from '../../../shared/primitives.ts';
import type { Lane } from '../../../shared/lanes.ts';
import { type Rng, between } from '../rng.ts';
import { HOUR_MS, addDays, datesBetween, interpolate, localMidnight, stepAt } from './calendar.ts';
import type { LaneFlows, ScenarioParams } from './params.ts';

// The flows of one gate, direction and lane (shared/lanes.ts): when trucks arrive and when the
// gate clears them. Each lane is first-in-first-out at its own daily capacity, so fresh fruit —
// the bulk of the fresh lane — clears every day it waits, at the lane's pace, and other goods
// pass in hours. The backlogs are what these flows leave, not an input.

export interface TruckSlot {
  gateId: string;
  direction: Direction;
  lane: Lane;
  fruit: boolean;
  declaredAt: number;
  arrivedAt: number;
  /** From the eve's yard: already waiting when the period starts. */
  initial: boolean;
  clearedAt?: number;
  /** Turned away at the gate (quay đầu) instead of being cleared. */
  cancelledAt?: number;
}

const ARRIVAL_HOURS: [number, number] = [5, 23];
const CLEARANCE_HOURS: [number, number] = [7, 21];
/** The yard needs half an hour between a truck's arrival and its call to the border. */
const MIN_WAIT_MS = 0.5 * HOUR_MS;

function timesInDay(rng: Rng, date: string, n: number, hours: [number, number]): number[] {
  const base = localMidnight(date);
  return Array.from({ length: n }, () => base + between(rng, hours[0], hours[1]) * HOUR_MS).sort((a, b) => a - b);
}

/** Arrival times of one lane: the eve's yard (spread since backlogStart), then each day's trucks. */
export function plannedArrivals(rng: Rng, params: ScenarioParams, flows: LaneFlows): { at: number; initial: boolean }[] {
  const start = localMidnight(params.backlogStart);
  const eve = localMidnight(addDays(params.from, -1)) + 20 * HOUR_MS;
  const yard = Array.from({ length: flows.waiting }, () => start + rng() * (eve - start)).sort((a, b) => a - b);
  const out = yard.map((at) => ({ at, initial: true }));
  for (const date of datesBetween(params.from, params.to)) {
    const n = Math.max(0, Math.round(interpolate(flows.arrivals, date) * between(rng, 0.92, 1.08)));
    for (const at of timesInDay(rng, date, n, ARRIVAL_HOURS)) out.push({ at, initial: false });
  }
  return out;
}

/** Clears a lane's trucks (sorted by arrival) first in, first out; no clearance while `closed`. */
export function clearLane(rng: Rng, params: ScenarioParams, trucks: readonly TruckSlot[], capacity: LaneFlows['capacity'], closed: (t: number) => boolean): void {
  let head = 0;
  const ready = (t: number): TruckSlot | undefined => {
    while (head < trucks.length && (trucks[head]?.cancelledAt ?? Infinity) <= t) head++;
    const truck = trucks[head];
    return truck && truck.arrivedAt <= t - MIN_WAIT_MS ? truck : undefined;
  };
  for (const date of datesBetween(params.from, params.to)) {
    for (const t of timesInDay(rng, date, Math.round(stepAt(capacity, date) * between(rng, 0.9, 1.1)), CLEARANCE_HOURS)) {
      const truck = closed(t) ? undefined : ready(t);
      if (!truck) continue;
      truck.clearedAt = t;
      delete truck.cancelledAt;
      head++;
    }
  }
}
