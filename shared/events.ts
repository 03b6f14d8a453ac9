import { z } from 'zod';
import { CargoCategory, Direction, Force, GateId, OffsetDateTime } from './primitives.ts';

// Truck events sent by gate systems (CONTRACT §1). One declaration (tờ khai) per crossing.

/** Plates are stored normalised: upper case, no whitespace (`12c-123.45` → `12C-123.45`). */
export const normalisePlate = (plate: string): string => plate.replace(/\s+/g, '').toUpperCase();
const Plate = z.string().trim().min(2).max(20).transform(normalisePlate);

const EventBase = {
  eventId: z.string().min(1).max(128),
  declarationId: z.string().min(1).max(64),
  gateId: GateId,
  occurredAt: OffsetDateTime,
};

export const DeclaredEvent = z.object({
  ...EventBase,
  type: z.literal('declared'),
  direction: Direction,
  vehicle: z.object({
    plate: Plate,
    trailerPlate: Plate.optional(),
    country: z.enum(['VN', 'CN']),
  }),
  enterprise: z.object({
    taxCode: z.string().regex(/^\d{10}(-\d{3})?$/, 'tax code: 10 digits, optionally - and 3 digits'),
    name: z.string().trim().min(1).max(200),
  }),
  cargo: z.object({
    description: z.string().trim().min(1).max(500),
    category: CargoCategory,
    hsCode: z.string().regex(/^\d{4,10}$/, 'HS code: 4–10 digits').optional(),
    weightKg: z.number().positive().max(1e6),
    valueUsd: z.number().nonnegative().max(1e10),
    localGoods: z.boolean(),
  }),
});

export const ArrivedEvent = z.object({ ...EventBase, type: z.literal('arrived') });
export const CheckResult = z.enum(['confirmed', 'rejected']);
export type CheckResult = z.infer<typeof CheckResult>;
export const CheckedEvent = z.object({
  ...EventBase,
  type: z.literal('checked'),
  force: Force,
  result: CheckResult,
  note: z.string().max(1000).optional(),
});
export const ClearedEvent = z.object({ ...EventBase, type: z.literal('cleared') });
export const CancelledEvent = z.object({
  ...EventBase,
  type: z.literal('cancelled'),
  reason: z.string().trim().min(1).max(1000),
});

export const TruckEvent = z.discriminatedUnion('type', [
  DeclaredEvent,
  ArrivedEvent,
  CheckedEvent,
  ClearedEvent,
  CancelledEvent,
]);
export type TruckEvent = z.infer<typeof TruckEvent>;
export type DeclaredEvent = z.infer<typeof DeclaredEvent>;
export type CheckedEvent = z.infer<typeof CheckedEvent>;
export type EventType = TruckEvent['type'];
export const EVENT_TYPES = ['declared', 'arrived', 'checked', 'cleared', 'cancelled'] as const;
