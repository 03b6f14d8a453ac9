import type { CheckResult, TruckEvent } from '../../shared/events.ts';
import type { CargoCategory, Direction, Force } from '../../shared/primitives.ts';

// Builders of truck events for tests: local time +07:00 (Asia/Ho_Chi_Minh), deterministic ids.

const pad = (n: number): string => String(n).padStart(2, '0');
const OFFSET_MS = 7 * 3_600_000;

/** `ms` → `2022-01-10T08:00:00+07:00` */
export function iso(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+07:00`;
}

/** Local wall time `2022-01-10 08:00` → instant. */
export const at = (local: string): number => Date.parse(`${local.replace(' ', 'T')}:00+07:00`);

export interface DeclaredOptions {
  gateId?: string;
  direction?: Direction;
  category?: CargoCategory;
  valueUsd?: number;
  localGoods?: boolean;
}

export function declared(declarationId: string, atMs: number, o: DeclaredOptions = {}): TruckEvent {
  return {
    eventId: `${declarationId}-declared`,
    type: 'declared',
    declarationId,
    gateId: o.gateId ?? 'huu-nghi',
    occurredAt: iso(atMs),
    direction: o.direction ?? 'export',
    vehicle: { plate: '12C-123.45', country: 'VN' },
    enterprise: { taxCode: '4900123456', name: 'Công ty Hoa Quả Xanh' },
    cargo: {
      description: 'thanh long',
      category: o.category ?? 'fresh_fruit',
      weightKg: 20_000,
      valueUsd: o.valueUsd ?? 10_000,
      localGoods: o.localGoods ?? false,
    },
  };
}

type Simple = 'arrived' | 'cleared';

export function lifecycle(type: Simple, declarationId: string, atMs: number, gateId = 'huu-nghi'): TruckEvent {
  return { eventId: `${declarationId}-${type}`, type, declarationId, gateId, occurredAt: iso(atMs) };
}

export function cancelled(declarationId: string, atMs: number, gateId = 'huu-nghi'): TruckEvent {
  return { eventId: `${declarationId}-cancelled`, type: 'cancelled', declarationId, gateId, occurredAt: iso(atMs), reason: 'chủ hàng rút tờ khai' };
}

export function checked(declarationId: string, atMs: number, force: Force, result: CheckResult, n = 0, gateId = 'huu-nghi'): TruckEvent {
  return { eventId: `${declarationId}-chk-${force}-${n}`, type: 'checked', declarationId, gateId, occurredAt: iso(atMs), force, result };
}
