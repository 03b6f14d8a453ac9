import { FORCES, type TruckEvent } from '../../shared/index.ts';
import { ENTERPRISES, chinesePlate, goodsFor, vietnamesePlate } from './catalogue.ts';
import { type Rng, between, mixSeed, mulberry32, pick } from './rng.ts';

// Live demo traffic: every minute slot of wall time deterministically yields a few declarations,
// each with its whole lifecycle (declared → arrived → checks → cleared, sometimes cancelled).
// A slot is generated from (seed, gate, slot) alone, so restarts re-send the same events (duplicates).

export const SLOT_MS = 60_000;
const MINUTE = 60_000;

export interface TrafficProfile {
  gateId: string;
  declarationsPerHour: number;
  exportShare: number;
  /** Minutes from declaring online to entering the yard. */
  travelMinutes: [number, number];
  /** Minutes in the yard until cleared (export, import). */
  waitMinutes: { export: [number, number]; import: [number, number] };
}

export const DEMO_PROFILES: readonly TrafficProfile[] = [
  { gateId: 'huu-nghi', declarationsPerHour: 110, exportShare: 0.45, travelMinutes: [30, 240], waitMinutes: { export: [120, 540], import: [60, 300] } },
  { gateId: 'tan-thanh', declarationsPerHour: 130, exportShare: 0.7, travelMinutes: [30, 300], waitMinutes: { export: [240, 720], import: [60, 240] } },
  { gateId: 'chi-ma', declarationsPerHour: 14, exportShare: 0.5, travelMinutes: [60, 300], waitMinutes: { export: [120, 480], import: [60, 240] } },
];

/** The longest a generated lifecycle lasts: declarations older than this are finished. */
export const HORIZON_MS = (300 + 720 + 60) * MINUTE;

/** Busier by day than by night (local time +07:00). */
function dayFactor(atMs: number): number {
  const localHour = new Date(atMs + 7 * 3600_000).getUTCHours();
  return localHour >= 7 && localHour < 19 ? 1.3 : 0.55;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

export function slotEvents(seed: number, profile: TrafficProfile, slot: number): TruckEvent[] {
  const rng = mulberry32(mixSeed(seed, profile.gateId, slot));
  const slotStart = slot * SLOT_MS;
  const mean = (profile.declarationsPerHour / 60) * dayFactor(slotStart);
  const count = Math.floor(mean) + (rng() < mean - Math.floor(mean) ? 1 : 0);
  const events: TruckEvent[] = [];
  for (let i = 0; i < count; i++) {
    events.push(...lifecycle(rng, profile, `SIM-${profile.gateId}-${slot}-${i}`, slotStart + rng() * SLOT_MS));
  }
  return events;
}

function lifecycle(rng: Rng, p: TrafficProfile, declarationId: string, declaredAt: number): TruckEvent[] {
  const direction = rng() < p.exportShare ? 'export' : 'import';
  const goods = goodsFor(direction, rng);
  const weightKg = Math.round(between(rng, ...goods.weightKg));
  const chinese = direction === 'import' && rng() < 0.6;
  const base = { declarationId, gateId: p.gateId };
  const events: TruckEvent[] = [
    {
      ...base,
      eventId: `${declarationId}-declared`,
      type: 'declared',
      occurredAt: iso(declaredAt),
      direction,
      vehicle: { plate: chinese ? chinesePlate(rng) : vietnamesePlate(rng), country: chinese ? 'CN' : 'VN' },
      enterprise: { ...pick(rng, ENTERPRISES) },
      cargo: {
        description: goods.description,
        category: goods.category,
        hsCode: goods.hsCode,
        weightKg,
        valueUsd: Math.round(weightKg * between(rng, ...goods.usdPerKg)),
        localGoods: direction === 'export' && goods.localGoods === true,
      },
    },
  ];
  if (rng() < 0.03) {
    events.push({ ...base, eventId: `${declarationId}-cancelled`, type: 'cancelled', occurredAt: iso(declaredAt + 20 * MINUTE), reason: 'Doanh nghiệp hủy khai báo' });
    return events;
  }
  const arrivedAt = declaredAt + between(rng, ...p.travelMinutes) * MINUTE;
  const clearedAt = arrivedAt + between(rng, ...p.waitMinutes[direction]) * MINUTE;
  events.push({ ...base, eventId: `${declarationId}-arrived`, type: 'arrived', occurredAt: iso(arrivedAt) });
  const needsQuarantine = ['fresh_fruit', 'agricultural', 'seafood'].includes(goods.category);
  let rejected = false;
  for (const force of FORCES) {
    if (force === 'quarantine' && !needsQuarantine) continue;
    const result = rng() < 0.02 ? 'rejected' : 'confirmed';
    const at = arrivedAt + (clearedAt - arrivedAt) * between(rng, 0.2, 0.9);
    events.push({ ...base, eventId: `${declarationId}-checked-${force}`, type: 'checked', occurredAt: iso(at), force, result });
    rejected ||= result === 'rejected';
  }
  events.push(
    rejected
      ? { ...base, eventId: `${declarationId}-cancelled`, type: 'cancelled', occurredAt: iso(clearedAt), reason: 'Không đạt kiểm tra, quay đầu' }
      : { ...base, eventId: `${declarationId}-cleared`, type: 'cleared', occurredAt: iso(clearedAt) },
  );
  return events;
}
