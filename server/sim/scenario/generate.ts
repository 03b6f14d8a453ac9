import { DIRECTIONS, LANES, type TruckEvent } from '../../../shared/index.ts';
import { type Rng, between, mixSeed, mulberry32 } from '../rng.ts';
import { HOUR_MS, addDays, datesBetween, localDateOf, localIso, localMidnight } from './calendar.ts';
import { calibrateValues } from './calibrate.ts';
import { type TruckSlot, clearLane, plannedArrivals } from './flows.ts';
import { exportGoods, importGoods } from './goods.ts';
import { type Truck, truckEvents } from './lifecycle.ts';
import { coveringWindow, noticeWindows, type NoticeWindow } from './notices.ts';
import type { ScenarioParams, ScheduledNotice } from './params.ts';
import { router } from './route.ts';

// params → every truck event of the period, sorted by occurredAt (ties by eventId): deterministic,
// so the same seed gives byte-identical NDJSON.

export interface Scenario {
  events: TruckEvent[];
  notices: ScheduledNotice[];
  /** Declarations sent on purpose while a notice covers them: the server must refuse them. */
  refusedAttempts: number;
}

function declare(rng: Rng, slot: TruckSlot, id: string): Truck {
  const goods = slot.direction === 'export' ? exportGoods(rng, slot.lane, slot.fruit) : importGoods(rng, slot.lane);
  const weightKg = Math.round(between(rng, ...goods.weightKg) / 10) * 10;
  return { ...slot, declarationId: id, goods, weightKg, valueUsd: weightKg * between(rng, ...goods.usdPerKg) };
}

/** Every truck of the period: planned per gate, direction and lane, routed by the notices, then cleared lane by lane. */
function truckSlots(params: ScenarioParams, windows: NoticeWindow[]): TruckSlot[] {
  const lanes = new Map<string, TruckSlot[]>();
  const key = (s: Pick<TruckSlot, 'gateId' | 'direction' | 'lane'>): string => `${s.gateId}|${s.direction}|${s.lane}`;
  for (const [gateId, gate] of Object.entries(params.gates)) {
    for (const direction of DIRECTIONS) {
      for (const lane of LANES) {
        const rng = mulberry32(mixSeed(params.seed, gateId, direction, lane));
        const route = router(rng, params, windows);
        for (const plan of plannedArrivals(rng, params, gate[direction][lane])) {
          const slot = route(gateId, direction, lane, plan);
          if (slot) lanes.set(key(slot), [...(lanes.get(key(slot)) ?? []), slot]);
        }
      }
    }
  }
  const closures = windows.filter((w) => w.categories === undefined);
  for (const [gateId, gate] of Object.entries(params.gates)) {
    for (const direction of DIRECTIONS) {
      for (const lane of LANES) {
        const trucks = (lanes.get(key({ gateId, direction, lane })) ?? []).sort((a, b) => a.arrivedAt - b.arrivedAt);
        const closed = (t: number): boolean => coveringWindow(closures, gateId, direction, undefined, t) !== undefined;
        clearLane(mulberry32(mixSeed(params.seed, 'clear', gateId, direction, lane)), params, trucks, gate[direction][lane].capacity, closed);
      }
    }
  }
  return [...lanes.values()].flat();
}

export function generateScenario(params: ScenarioParams): Scenario {
  const windows = noticeWindows(params.notices);
  const byGateDirection = new Map<string, TruckSlot[]>();
  for (const slot of truckSlots(params, windows)) {
    const k = `${slot.gateId}-${slot.direction === 'export' ? 'X' : 'N'}`;
    byGateDirection.set(k, [...(byGateDirection.get(k) ?? []), slot]);
  }
  const trucks: Truck[] = [];
  for (const [k, slots] of [...byGateDirection].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rng = mulberry32(mixSeed(params.seed, 'declare', k));
    slots.sort((a, b) => a.arrivedAt - b.arrivedAt).forEach((slot, i) => trucks.push(declare(rng, slot, `Q1-${k.replace(/-([XN])$/, '-$1')}${String(i).padStart(5, '0')}`)));
  }
  calibrateValues(trucks, params);
  const periodEnd = localMidnight(addDays(params.to, 1));
  const rng = mulberry32(mixSeed(params.seed, 'events'));
  const events = trucks.flatMap((t) => truckEvents(rng, t)).filter((e) => Date.parse(e.occurredAt) < periodEnd);
  const refused = refusedAttempts(mulberry32(mixSeed(params.seed, 'refused')), params, windows);
  events.push(...refused);
  events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return { events, notices: params.notices, refusedAttempts: refused.length };
}

/** A few fruit trucks a day still try to declare while a fruit notice is in force (and are refused). */
function refusedAttempts(rng: Rng, params: ScenarioParams, windows: NoticeWindow[]): TruckEvent[] {
  const out: TruckEvent[] = [];
  for (const date of datesBetween(params.from, params.to)) {
    for (const gateId of Object.keys(params.gates)) {
      for (let i = 0; i < params.refusedAttemptsPerDayDuringNotice; i++) {
        const at = localMidnight(date) + between(rng, 6, 22) * HOUR_MS;
        if (!coveringWindow(windows, gateId, 'export', 'fresh_fruit', at)) continue;
        const goods = exportGoods(rng, 'fresh', true);
        const weightKg = Math.round(between(rng, ...goods.weightKg) / 10) * 10;
        const id = `Q1-REF-${gateId}-${localDateOf(at)}-${i}`;
        out.push({
          eventId: `${id}-declared`, type: 'declared', declarationId: id, gateId, occurredAt: localIso(at), direction: 'export',
          vehicle: { plate: `86C-${100 + Math.floor(rng() * 900)}.${String(Math.floor(rng() * 100)).padStart(2, '0')}`, country: 'VN' },
          enterprise: { taxCode: '3401234567', name: 'Công ty TNHH Thanh Long Bình Thuận' },
          cargo: { description: goods.description, category: 'fresh_fruit', hsCode: goods.hsCode, weightKg, valueUsd: Math.round(weightKg * goods.usdPerKg[0]), localGoods: false },
        });
      }
    }
  }
  return out;
}
