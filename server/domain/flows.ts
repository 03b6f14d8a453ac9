import { CARGO_CATEGORIES, DIRECTIONS, type CargoCategory, type Direction } from '../../shared/primitives.ts';
import { appended } from './buckets.ts';
import type { LocalTime } from './time.ts';

// Hourly flows of one gate by direction × cargo category (luồng xe theo giờ): trucks declared, arrived
// and cleared, the waits of those cleared and the declare→arrive delays of those arrived. Waits, ETAs
// and the forecast read lanes as sums of categories, so which categories form a lane can change
// without touching what is recorded. One event touches one hour (O(1)).

export interface FlowHour {
  /** Counts per slot (see `slotOf`). */
  declared: number[];
  arrived: number[];
  cleared: number[];
  /** Waits (cleared − arrived, minutes) of the trucks cleared in this hour, per slot (created on first use). */
  waits: Record<number, number[]>;
  /** Declare → arrive delays (minutes) of the trucks that arrived in this hour, per direction. */
  delays: Record<Direction, number[]>;
}

/** Hour index (local) → flows; lives in the gate's buckets so snapshots carry it. */
export type GateFlows = Map<number, FlowHour>;

const CATEGORY_INDEX = new Map(CARGO_CATEGORIES.map((c, i) => [c, i]));
export const SLOTS = DIRECTIONS.length * CARGO_CATEGORIES.length;

/** Index of a direction × category in a FlowHour's arrays. */
export const slotOf = (direction: Direction, category: CargoCategory): number =>
  (direction === 'export' ? 0 : 1) * CARGO_CATEGORIES.length + (CATEGORY_INDEX.get(category) ?? 0);

const emptyHour = (): FlowHour => ({
  declared: new Array<number>(SLOTS).fill(0),
  arrived: new Array<number>(SLOTS).fill(0),
  cleared: new Array<number>(SLOTS).fill(0),
  waits: {},
  delays: { export: [], import: [] },
});

function hourOf(flows: GateFlows, lt: LocalTime, at: number): FlowHour {
  const key = lt.hourIndex(at);
  let hour = flows.get(key);
  if (!hour) {
    hour = emptyHour();
    flows.set(key, hour);
  }
  return hour;
}

const bump = (counts: number[], slot: number, sign: 1 | -1 = 1): void => {
  counts[slot] = (counts[slot] ?? 0) + sign;
};

/** The samples with one added (exactly as long: buckets.ts `appended`), or (sign −1) one equal sample taken out. */
function sample(values: number[], value: number, sign: 1 | -1): number[] {
  if (sign === 1) return appended(values, value);
  const i = values.lastIndexOf(value);
  if (i >= 0) values.splice(i, 1);
  return values;
}

export interface TruckKind {
  direction: Direction;
  category: CargoCategory;
}

// `sign` −1 takes a truck's record out again: an amendment that changes its category moves it to another slot.

export function flowDeclared(flows: GateFlows, lt: LocalTime, kind: TruckKind, at: number, sign: 1 | -1 = 1): void {
  bump(hourOf(flows, lt, at).declared, slotOf(kind.direction, kind.category), sign);
}

/** A truck entered the yard; its delay since declaring is kept when it is not negative (a gate's clock may lag). */
export function flowArrived(flows: GateFlows, lt: LocalTime, kind: TruckKind, declaredAt: number, at: number, sign: 1 | -1 = 1): void {
  const hour = hourOf(flows, lt, at);
  bump(hour.arrived, slotOf(kind.direction, kind.category), sign);
  if (at >= declaredAt) hour.delays[kind.direction] = sample(hour.delays[kind.direction], (at - declaredAt) / 60_000, sign);
}

export function flowCleared(flows: GateFlows, lt: LocalTime, kind: TruckKind, at: number, sign: 1 | -1 = 1): void {
  bump(hourOf(flows, lt, at).cleared, slotOf(kind.direction, kind.category), sign);
}

/** The wait belongs to the hour of the clearance, whichever of arrived/cleared came in last. */
export function flowWait(flows: GateFlows, lt: LocalTime, kind: TruckKind, arrivedAt: number, clearedAt: number, sign: 1 | -1 = 1): void {
  if (clearedAt < arrivedAt) return;
  const hour = hourOf(flows, lt, clearedAt);
  const slot = slotOf(kind.direction, kind.category);
  hour.waits[slot] = sample(hour.waits[slot] ?? [], (clearedAt - arrivedAt) / 60_000, sign);
}
