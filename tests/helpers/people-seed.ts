import type { TruckEvent } from '../../shared/events.ts';
import type { CargoCategory, Direction } from '../../shared/primitives.ts';
import { at, iso } from './truck-events.ts';

// A small, fixed world for the people-at-work tests: two enterprises with trucks at two gates.

export const ENTERPRISE_A = { taxCode: '4900123456', name: 'Công ty Hoa Quả Xanh' }; // dn.hoaquaxanh
export const ENTERPRISE_B = { taxCode: '0109876543-001', name: 'Vận tải Bắc Trung' }; // dn.vantaibactrung
export const NOW = at('2022-01-10 14:00');

export interface Truck {
  id: string;
  gateId: string;
  direction: Direction;
  plate: string;
  owner: typeof ENTERPRISE_A;
  category?: CargoCategory;
  declaredAt: number;
  arrivedAt?: number;
  clearedAt?: number;
}

export function truckEvents(t: Truck): TruckEvent[] {
  const base = { declarationId: t.id, gateId: t.gateId };
  const events: TruckEvent[] = [
    {
      ...base,
      eventId: `${t.id}-declared`,
      type: 'declared',
      occurredAt: iso(t.declaredAt),
      direction: t.direction,
      vehicle: { plate: t.plate, country: 'VN' },
      enterprise: t.owner,
      cargo: { description: 'hàng thử', category: t.category ?? 'fresh_fruit', weightKg: 20_000, valueUsd: 12_345, localGoods: false },
    },
  ];
  if (t.arrivedAt !== undefined) events.push({ ...base, eventId: `${t.id}-arrived`, type: 'arrived', occurredAt: iso(t.arrivedAt) });
  if (t.clearedAt !== undefined) events.push({ ...base, eventId: `${t.id}-cleared`, type: 'cleared', occurredAt: iso(t.clearedAt) });
  return events;
}

const h = (local: string): number => at(`2022-01-10 ${local}`);

export const TRUCKS: Truck[] = [
  { id: 'HN-1', gateId: 'huu-nghi', direction: 'export', plate: '12C-111.11', owner: ENTERPRISE_A, declaredAt: h('08:00'), arrivedAt: h('09:00') },
  { id: 'HN-2', gateId: 'huu-nghi', direction: 'import', plate: '29H-222.22', owner: ENTERPRISE_B, declaredAt: h('08:10'), arrivedAt: h('09:30') },
  { id: 'HN-3', gateId: 'huu-nghi', direction: 'export', plate: '12C-444.44', owner: ENTERPRISE_A, declaredAt: h('07:00'), arrivedAt: h('07:30'), clearedAt: h('10:00') },
  { id: 'HN-5', gateId: 'huu-nghi', direction: 'export', plate: '12C-555.55', owner: ENTERPRISE_B, declaredAt: h('08:20'), arrivedAt: h('09:10') },
  { id: 'TT-1', gateId: 'tan-thanh', direction: 'export', plate: '98C-333.33', owner: ENTERPRISE_B, declaredAt: h('08:30'), arrivedAt: h('10:30') },
];

export const eventsAt = (gateId: string, trucks: readonly Truck[] = TRUCKS): TruckEvent[] =>
  trucks.filter((t) => t.gateId === gateId).flatMap(truckEvents);
