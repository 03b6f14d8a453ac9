import { FORCES, type Force, type TruckEvent } from '../../../shared/index.ts';
import type { Goods } from '../catalogue.ts';
import { type Rng, between } from '../rng.ts';
import { HOUR_MS, localIso } from './calendar.ts';
import { enterpriseFor, plateFor } from './goods.ts';
import type { TruckSlot } from './flows.ts';

// One truck's events: declared online 6–36 h before the yard, checked by border guard, quarantine
// (farm goods only) and customs while it waits, then cleared — or turned away after a rejection.

const MINUTE = 60_000;
const REJECTION_RATE = 0.015;

export interface Truck extends TruckSlot {
  declarationId: string;
  declaredAt: number;
  goods: Goods;
  weightKg: number;
  valueUsd: number;
}

/** When each force checks, as a share of the time between arrival and the truck's end. */
const CHECK_SHARE: Record<Force, [number, number]> = { border_guard: [0, 0.05], quarantine: [0.05, 0.5], customs: [0.5, 0.95] };

export function truckEvents(rng: Rng, truck: Truck): TruckEvent[] {
  const fruit = truck.goods.category === 'fresh_fruit';
  const base = { declarationId: truck.declarationId, gateId: truck.gateId };
  const id = truck.declarationId;
  const events: TruckEvent[] = [
    {
      ...base,
      eventId: `${id}-declared`,
      type: 'declared',
      occurredAt: localIso(truck.declaredAt),
      direction: truck.direction,
      vehicle: plateFor(rng, truck.direction, fruit),
      enterprise: { ...enterpriseFor(rng, fruit) },
      cargo: {
        description: truck.goods.description,
        category: truck.goods.category,
        hsCode: truck.goods.hsCode,
        weightKg: truck.weightKg,
        valueUsd: truck.valueUsd,
        localGoods: truck.direction === 'export' && truck.goods.localGoods === true,
      },
    },
    { ...base, eventId: `${id}-arrived`, type: 'arrived', occurredAt: localIso(truck.arrivedAt) },
  ];
  // Checks happen while the truck waits; one still waiting at the end is checked within 2 days.
  const end = truck.clearedAt ?? truck.cancelledAt ?? truck.arrivedAt + 48 * HOUR_MS;
  const span = Math.max(20 * MINUTE, end - truck.arrivedAt - 10 * MINUTE);
  const needsQuarantine = ['fresh_fruit', 'agricultural', 'seafood'].includes(truck.goods.category);
  for (const force of FORCES) {
    if (force === 'quarantine' && !needsQuarantine) continue;
    const at = truck.arrivedAt + MINUTE + span * between(rng, ...CHECK_SHARE[force]);
    if (truck.clearedAt === undefined && truck.cancelledAt === undefined && at > truck.arrivedAt + 24 * HOUR_MS) continue;
    const rejected = truck.cancelledAt !== undefined ? force === 'customs' : rng() < REJECTION_RATE;
    events.push({
      ...base,
      eventId: `${id}-checked-${force}`,
      type: 'checked',
      occurredAt: localIso(Math.min(at, end - 5 * MINUTE)),
      force,
      result: rejected ? 'rejected' : 'confirmed',
      ...(rejected ? { note: force === 'quarantine' ? 'Thiếu giấy chứng nhận kiểm dịch' : 'Sai lệch thông tin khai báo' } : {}),
    });
    if (rejected && truck.cancelledAt === undefined) {
      // corrected and checked again before it goes (khai bổ sung)
      const again = Math.min(at + between(rng, 1, 6) * HOUR_MS, end - 2 * MINUTE);
      events.push({ ...base, eventId: `${id}-checked-${force}-2`, type: 'checked', occurredAt: localIso(again), force, result: 'confirmed', note: 'Đã khai bổ sung' });
    }
  }
  if (truck.clearedAt !== undefined) events.push({ ...base, eventId: `${id}-cleared`, type: 'cleared', occurredAt: localIso(truck.clearedAt) });
  else if (truck.cancelledAt !== undefined) {
    events.push({ ...base, eventId: `${id}-cancelled`, type: 'cancelled', occurredAt: localIso(truck.cancelledAt), reason: 'Không đạt kiểm tra, quay đầu xe' });
  }
  return events;
}
