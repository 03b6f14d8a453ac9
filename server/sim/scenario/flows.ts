import type { Direction } from '../../../shared/primitives.ts';
import { type Rng, between } from '../rng.ts';
import { HOUR_MS, addDays, datesBetween, interpolate, localMidnight, stepAt } from './calendar.ts';
import type { GateScenario, ScenarioParams } from './params.ts';

// Day-by-day flows of one gate and direction: which trucks arrive when and which are cleared.
// Arrivals make the yard follow the scenario's backlog curve:
//   arrivals(d) = backlog(d) − backlog(d − 1) + capacity(d).
// Two lanes: fresh fruit, held up by the Chinese side's controls, and other goods, which pass
// first once they have waited a few hours — so the backlog is mostly fruit, as reported.

export interface TruckSlot {
  gateId: string;
  direction: Direction;
  declaredAt: number;
  arrivedAt: number;
  fruit: boolean;
  clearedAt?: number;
  /** Turned away at the gate (quay đầu) instead of being cleared. */
  cancelledAt?: number;
}

/** Decides, at arrival, when the truck declared and whether it carries fresh fruit. */
export type Classify = (gateId: string, direction: Direction, arrivedAt: number) => { declaredAt: number; fruit: boolean };

const ARRIVAL_HOURS: [number, number] = [5, 23];
const CLEARANCE_HOURS: [number, number] = [7, 21];
const TURN_AWAY_RATE = 0.005;
const OTHER_GOODS_PRIORITY_AFTER_MS = 6 * HOUR_MS;

function timesInDay(rng: Rng, date: string, n: number, hours: [number, number]): number[] {
  const base = localMidnight(date);
  return Array.from({ length: n }, () => base + between(rng, hours[0], hours[1]) * HOUR_MS).sort((a, b) => a - b);
}

/** A first-in-first-out lane that skips trucks turned away before their turn. */
class Lane {
  private head = 0;
  readonly trucks: TruckSlot[] = [];
  ready(t: number): TruckSlot | undefined {
    while (this.head < this.trucks.length && (this.trucks[this.head]?.cancelledAt ?? Infinity) <= t) this.head++;
    const truck = this.trucks[this.head];
    return truck && truck.arrivedAt <= t - 0.5 * HOUR_MS ? truck : undefined;
  }
  clear(truck: TruckSlot, t: number): void {
    truck.clearedAt = t;
    delete truck.cancelledAt;
    this.head++;
  }
}

export function gateFlows(rng: Rng, params: ScenarioParams, gateId: string, gate: GateScenario, direction: Direction, classify: Classify): TruckSlot[] {
  const backlog = direction === 'export' ? gate.exportBacklog : gate.importBacklog;
  const capacity = direction === 'export' ? gate.exportCapacity : gate.importCapacity;
  const lanes = { fruit: new Lane(), other: new Lane() };
  const arrive = (arrivedAt: number, mayTurnAway: boolean): void => {
    const truck: TruckSlot = { gateId, direction, arrivedAt, ...classify(gateId, direction, arrivedAt) };
    if (mayTurnAway && rng() < TURN_AWAY_RATE) truck.cancelledAt = arrivedAt + between(rng, 2, 48) * HOUR_MS;
    (truck.fruit ? lanes.fruit : lanes.other).trucks.push(truck);
  };
  // The yard on the eve of the period: trucks that arrived since backlogStart and still wait.
  const dayBefore = addDays(params.from, -1);
  const start = localMidnight(params.backlogStart);
  const eve = localMidnight(dayBefore) + 20 * HOUR_MS;
  const initial = Math.round(interpolate(backlog, dayBefore));
  Array.from({ length: initial }, () => start + rng() * (eve - start))
    .sort((a, b) => a - b)
    .forEach((t) => arrive(t, false));

  for (const date of datesBetween(params.from, params.to)) {
    const wanted = interpolate(backlog, date) - interpolate(backlog, addDays(date, -1)) + stepAt(capacity, date);
    for (const t of timesInDay(rng, date, Math.max(0, Math.round(wanted * between(rng, 0.92, 1.08))), ARRIVAL_HOURS)) arrive(t, true);
    for (const t of timesInDay(rng, date, Math.round(stepAt(capacity, date) * between(rng, 0.9, 1.1)), CLEARANCE_HOURS)) {
      const other = lanes.other.ready(t);
      const fruit = lanes.fruit.ready(t);
      if (other && (t - other.arrivedAt >= OTHER_GOODS_PRIORITY_AFTER_MS || !fruit)) lanes.other.clear(other, t);
      else if (fruit) lanes.fruit.clear(fruit, t);
    }
  }
  return [...lanes.fruit.trucks, ...lanes.other.trucks].sort((a, b) => a.arrivedAt - b.arrivedAt);
}
