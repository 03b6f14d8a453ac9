import { z } from 'zod';
import { CargoCategory, Direction, Force, GateId, OffsetDateTime, StepActor } from './primitives.ts';

// Truck events sent by gate systems (CONTRACT §1). One declaration (tờ khai) per crossing.
//
// Two readings of the same definition: `TruckEvent` judges what a gate sends (input rules: lengths,
// formats, normalisation); `StoredTruckEvent` decodes what the log already holds. Stored events are
// facts: a rebuild decodes them by shape and type and never judges them again by input rules, which
// may change between versions — an event accepted once must be read back the same forever.

/**
 * Plates are stored normalised: compatibility forms folded (full-width `１２Ｃ` → `12C`), marks composed,
 * every Unicode space removed, upper case. Upper-casing can lengthen (`ß` → `SS`) or produce new
 * compatibility forms, so the steps repeat until nothing changes (idempotent: normalising a stored
 * plate gives it back). Length and characters are checked on the RESULT, never on the raw input.
 */
export function normalisePlate(plate: string): string {
  let current = plate;
  for (let i = 0; i < 4; i++) {
    const next = current.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** Letters of any script (Vietnamese and Chinese plates), marks, digits, `-`, `.` and `·`. */
const PLATE_CHARS = /^[\p{L}\p{M}\p{N}.\-·]+$/u;
/** A raw plate may carry spaces or wide forms; anything longer than this is refused before normalising. */
const RAW_PLATE_MAX = 64;
const Plate = z
  .string()
  .max(RAW_PLATE_MAX)
  .transform(normalisePlate)
  .pipe(z.string().min(2).max(20).regex(PLATE_CHARS, 'plate: letters, digits, - and . only'));

export const CheckResult = z.enum(['confirmed', 'rejected']);
export type CheckResult = z.infer<typeof CheckResult>;

type Rules = 'input' | 'stored';

function eventSchemas(rules: Rules) {
  const input = rules === 'input';
  /** The input rule for a text field, or — decoding the log — any string. */
  const text = (rule: z.ZodType<string>): z.ZodType<string> => (input ? rule : z.string());
  // −0 is not JSON (it is written as 0): fold it, so what is applied is exactly what the log reads back.
  const amount = (rule: z.ZodNumber): z.ZodNumber => (input ? rule : z.number()).overwrite((n) => (n === 0 ? 0 : n));
  const time = input ? OffsetDateTime : z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a datetime');
  const base = {
    eventId: text(z.string().min(1).max(128)),
    declarationId: text(z.string().min(1).max(64)),
    gateId: text(GateId),
    occurredAt: time,
  };
  const declared = z.object({
    ...base,
    type: z.literal('declared'),
    direction: Direction,
    vehicle: z.object({
      plate: text(Plate),
      trailerPlate: text(Plate).optional(),
      country: z.enum(['VN', 'CN']),
    }),
    enterprise: z.object({
      taxCode: text(z.string().regex(/^\d{10}(-\d{3})?$/, 'tax code: 10 digits, optionally - and 3 digits')),
      name: text(z.string().trim().min(1).max(200)),
    }),
    cargo: z.object({
      description: text(z.string().trim().min(1).max(500)),
      category: CargoCategory,
      hsCode: text(z.string().regex(/^\d{4,10}$/, 'HS code: 4–10 digits')).optional(),
      weightKg: amount(z.number().positive().max(1e6)),
      valueUsd: amount(z.number().nonnegative().max(1e10)),
      localGoods: z.boolean(),
    }),
  });
  const arrived = z.object({ ...base, type: z.literal('arrived') });
  const checked = z.object({
    ...base,
    type: z.literal('checked'),
    force: Force,
    result: CheckResult,
    note: text(z.string().max(1000)).optional(),
  });
  const cleared = z.object({ ...base, type: z.literal('cleared') });
  const cancelled = z.object({ ...base, type: z.literal('cancelled'), reason: text(z.string().trim().min(1).max(1000)) });
  // A correction of the declaration (CONTRACT §1 "Amendments"): the named fields only, with the rules of
  // `declared`; any other field, or none, makes the whole event invalid (strict objects).
  const obj = <T extends z.ZodRawShape>(shape: T) => (input ? z.strictObject(shape) : z.object(shape));
  const named = (o: Record<string, unknown>): boolean => Object.values(o).some((v) => v !== undefined);
  const changes = obj({
    vehicle: obj({ plate: text(Plate).optional(), trailerPlate: text(Plate).optional() }).refine(named, 'vehicle: name a field to change').optional(),
    cargo: obj({
      description: declared.shape.cargo.shape.description.optional(),
      category: CargoCategory.optional(),
      hsCode: declared.shape.cargo.shape.hsCode,
      weightKg: declared.shape.cargo.shape.weightKg.optional(),
      valueUsd: declared.shape.cargo.shape.valueUsd.optional(),
      localGoods: z.boolean().optional(),
    })
      .refine(named, 'cargo: name a field to change')
      .optional(),
  }).refine(named, 'changes: name at least one field (vehicle.plate, vehicle.trailerPlate, cargo.*)');
  const amended = z.object({ ...base, type: z.literal('amended'), changes });
  /** As the journal keeps one made in the console: who made it (a gate's own amendment never carries it). */
  const amendedBy = amended.extend({ by: text(z.string().min(1).max(128)).optional() });
  const any = z.discriminatedUnion('type', [declared, arrived, checked, amended, cleared, cancelled]);
  // A hand-over step of the truck's procedure (shared/procedures.ts), confirmed by a force or the yard
  // operator. The core records it (POST /declarations/:id/steps); a gate never sends one, so it is in the
  // journal's reading only.
  const step = z.object({
    ...base,
    type: z.literal('step'),
    step: z.literal('handover'),
    by: StepActor,
    result: CheckResult,
    note: text(z.string().max(1000)).optional(),
  });
  const journal = z.discriminatedUnion('type', [declared, arrived, checked, amendedBy, cleared, cancelled, step]);
  return { declared, arrived, checked, amended: amendedBy, cleared, cancelled, step, any, journal };
}

const received = eventSchemas('input');
const stored = eventSchemas('stored');

export const DeclaredEvent = received.declared;
export const ArrivedEvent = received.arrived;
export const CheckedEvent = received.checked;
export const ClearedEvent = received.cleared;
export const CancelledEvent = received.cancelled;

/** What a gate may send (POST /api/v1/events): input rules, plates normalised. */
export const TruckEvent = received.any;
/** An event of the journal: what a gate may send, and the steps the core records (a gate's event is one of these). */
export type TruckEvent = z.infer<typeof received.journal>;
/** The journal's events as a message carries them (a declaration's view). */
export const JournalEvent: z.ZodType<TruckEvent> = received.journal;
/** What the log holds, decoded by shape and type only (rebuild, a declaration's events). */
export const StoredTruckEvent: z.ZodType<TruckEvent> = stored.journal;
export const StepEvent = received.step;
export const AmendedEvent = received.amended;
export type AmendedEvent = z.infer<typeof AmendedEvent>;
export type AmendmentChanges = AmendedEvent['changes'];
export type StepEvent = z.infer<typeof StepEvent>;
export type DeclaredEvent = z.infer<typeof DeclaredEvent>;
export type CheckedEvent = z.infer<typeof CheckedEvent>;
export type EventType = TruckEvent['type'];
export const EVENT_TYPES = ['declared', 'arrived', 'checked', 'amended', 'cleared', 'cancelled'] as const;
