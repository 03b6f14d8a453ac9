import { DIRECTIONS, type TruckEvent } from '../../../shared/index.ts';
import { type Rng, between, mixSeed, mulberry32 } from '../rng.ts';
import { HOUR_MS, addDays, datesBetween, localDateOf, localIso, localMidnight } from './calendar.ts';
import { calibrateValues } from './calibrate.ts';
import { type Classify, type TruckSlot, gateFlows } from './flows.ts';
import { exportGoods, importGoods } from './goods.ts';
import { type Truck, truckEvents } from './lifecycle.ts';
import { coveringWindow, noticeWindows, type NoticeWindow } from './notices.ts';
import type { ScenarioParams, ScheduledNotice } from './params.ts';

// params → every truck event of the period, sorted by occurredAt (ties by eventId): deterministic,
// so the same seed gives byte-identical NDJSON.

export interface Scenario {
  events: TruckEvent[];
  notices: ScheduledNotice[];
  /** Declarations sent on purpose while a notice covers them: the server must refuse them. */
  refusedAttempts: number;
}

function declare(rng: Rng, slot: TruckSlot, id: string): Truck {
  const goods = slot.direction === 'export' ? exportGoods(rng, slot.fruit) : importGoods(rng);
  const weightKg = Math.round(between(rng, ...goods.weightKg) / 10) * 10;
  return { ...slot, declarationId: id, goods, weightKg, valueUsd: weightKg * between(rng, ...goods.usdPerKg) };
}

/** Declared 6–36 h before arriving; before a closure notice if the gate was closed then; fruit only when not stopped. */
const classifier =
  (rng: Rng, windows: NoticeWindow[], fruitShare: (at: number) => number): Classify =>
  (gateId, direction, arrivedAt) => {
    let declaredAt = arrivedAt - between(rng, 6, 36) * HOUR_MS;
    const closed = coveringWindow(
      windows.filter((w) => w.categories === undefined),
      gateId,
      direction,
      undefined,
      declaredAt,
    );
    if (closed) declaredAt = closed.from - between(rng, 1, 12) * HOUR_MS;
    const fruit = direction === 'export' && rng() < fruitShare(declaredAt) && !coveringWindow(windows, gateId, 'export', 'fresh_fruit', declaredAt);
    return { declaredAt, fruit };
  };

export function generateScenario(params: ScenarioParams): Scenario {
  const windows = noticeWindows(params.notices);
  const fruitShare = (at: number): number =>
    windows.some((w) => w.categories?.includes('fresh_fruit') && at >= w.from && at < w.until)
      ? params.freshFruitShareOfExports.duringNotice
      : params.freshFruitShareOfExports.normal;
  const trucks: Truck[] = [];
  for (const [gateId, gate] of Object.entries(params.gates)) {
    for (const direction of DIRECTIONS) {
      const rng = mulberry32(mixSeed(params.seed, gateId, direction));
      const classify = classifier(rng, windows, fruitShare);
      gateFlows(rng, params, gateId, gate, direction, classify).forEach((slot, i) => {
        trucks.push(declare(rng, slot, `Q1-${gateId}-${direction === 'export' ? 'X' : 'N'}${String(i).padStart(5, '0')}`));
      });
    }
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
        const goods = exportGoods(rng, true);
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
