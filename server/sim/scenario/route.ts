import type { Direction } from '../../../shared/primitives.ts';
import type { Lane } from '../../../shared/lanes.ts';
import { type Rng, between } from '../rng.ts';
import { HOUR_MS, interpolate, localDateOf } from './calendar.ts';
import type { TruckSlot } from './flows.ts';
import { coveringWindow, type NoticeWindow } from './notices.ts';
import type { ScenarioParams } from './params.ts';

// Where and when a planned truck really goes, given the notices: fruit trucks stay home while a
// fruit notice holds (the refused attempts are sent apart); a truck bound for a closed gate turns
// to another (quay đầu sang cửa khẩu khác) and declares there; one that would declare while its
// gate is closed declares once it opens.

const TURN_AWAY_RATE = 0.005;

export type Route = (gateId: string, direction: Direction, lane: Lane, plan: { at: number; initial: boolean }) => TruckSlot | undefined;

export function router(rng: Rng, params: ScenarioParams, windows: readonly NoticeWindow[]): Route {
  const closures = windows.filter((w) => w.categories === undefined);
  return (gateId, direction, lane, { at, initial }) => {
    const fruit = direction === 'export' && lane === 'fresh' && rng() < interpolate(params.fruitShareOfFreshExports, localDateOf(at));
    let declaredAt = at - between(rng, 6, 36) * HOUR_MS;
    if (fruit && coveringWindow(windows, gateId, 'export', 'fresh_fruit', declaredAt)) return undefined;
    const turnsAway = !initial && rng() < TURN_AWAY_RATE;
    let truck: TruckSlot = { gateId, direction, lane, fruit, declaredAt, arrivedAt: at, initial };
    const closedOnArrival = coveringWindow(closures, gateId, direction, undefined, at);
    const closedOnDeclaring = coveringWindow(closures, gateId, direction, undefined, declaredAt);
    const divertTo = params.gates[gateId]?.divertTo;
    if (closedOnArrival && divertTo) truck = divert(rng, truck, closedOnArrival, divertTo);
    else if (closedOnDeclaring) {
      const { from, until } = closedOnDeclaring;
      declaredAt = at >= until ? until + rng() * 0.5 * (at - until) : from - between(rng, 1, 12) * HOUR_MS;
      truck = { ...truck, declaredAt };
    }
    return turnsAway ? { ...truck, cancelledAt: truck.arrivedAt + between(rng, 2, 48) * HOUR_MS } : truck;
  };
}

/** The truck heads for another gate, an hour or more after the closure began, declared there once it knew. */
function divert(rng: Rng, truck: TruckSlot, closure: NoticeWindow, weights: Record<string, number>): TruckSlot {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let r = rng() * total;
  const gateId = Object.keys(weights).find((g) => (r -= weights[g] ?? 0) < 0) ?? truck.gateId;
  const arrivedAt = Math.max(truck.arrivedAt, closure.from + between(rng, 1, 3) * HOUR_MS);
  const declaredAt = Math.min(Math.max(truck.declaredAt, closure.from), arrivedAt - between(rng, 0.25, 0.75) * HOUR_MS);
  return { ...truck, gateId, arrivedAt, declaredAt };
}
