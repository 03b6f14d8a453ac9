import { z } from 'zod';
import { AmendedEvent, CheckResult, DeclaredEvent, JournalEvent } from './events.ts';
import { CargoCategory, Direction, Force, GateId, OffsetDateTime } from './primitives.ts';
import { ProcedureState } from './procedures.ts';

// A declaration (tờ khai) as read by the people who work on it (CONTRACT §3, §4).

export const DeclarationStateValue = z.enum(['expected', 'queued', 'cleared', 'cancelled']);
export type DeclarationStateValue = z.infer<typeof DeclarationStateValue>;

/** The check of one force that stands (the latest by occurredAt). */
export const CheckRecord = z.object({
  force: Force,
  result: CheckResult,
  note: z.string().optional(),
  occurredAt: OffsetDateTime,
  eventId: z.string(),
});
export type CheckRecord = z.infer<typeof CheckRecord>;

/** A truck's estimated clearance, with the range from the recent fast and slow days; `ahead` = trucks of its lane ahead of it. */
export const Eta = z.object({ at: OffsetDateTime, earliest: OffsetDateTime, latest: OffsetDateTime, ahead: z.number().int().nonnegative().optional() });
export type Eta = z.infer<typeof Eta>;

/** One field an amendment changed (CONTRACT §1 "Amendments"): old → new, when, by whom; `counts` false when dated at or after the truck's clearing or cancel. */
export const AmendmentRecord = z.object({
  field: z.enum(['vehicle.plate', 'vehicle.trailerPlate', 'cargo.description', 'cargo.category', 'cargo.hsCode', 'cargo.weightKg', 'cargo.valueUsd', 'cargo.localGoods']),
  from: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  to: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  occurredAt: OffsetDateTime,
  eventId: z.string(),
  by: z.string().optional(),
  counts: z.boolean(),
});
export type AmendmentRecord = z.infer<typeof AmendmentRecord>;

/** Body of POST /api/v1/declarations/:id/amendments (the enterprise that owns it). */
export const AmendRequest = z.object({ changes: AmendedEvent.shape.changes });
export type AmendRequest = z.infer<typeof AmendRequest>;

export const DeclarationView = z.object({
  declarationId: z.string(),
  gateId: GateId,
  direction: Direction,
  state: DeclarationStateValue,
  vehicle: DeclaredEvent.shape.vehicle,
  enterprise: DeclaredEvent.shape.enterprise,
  cargo: DeclaredEvent.shape.cargo,
  declaredAt: OffsetDateTime,
  arrivedAt: OffsetDateTime.optional(),
  clearedAt: OffsetDateTime.optional(),
  cancelledAt: OffsetDateTime.optional(),
  /** Standing check per force, in the order border guard, customs, quarantine. */
  checks: z.array(CheckRecord),
  /** 1-based place among the queued trucks of its gate and direction, oldest arrival first. */
  queuePosition: z.number().int().positive().optional(),
  /** Minutes since it entered the yard (queued) or from arrival to clearance (cleared). */
  waitingMinutes: z.number().nonnegative().optional(),
  /** Every event of the declaration, in order of occurredAt. */
  events: z.array(JournalEvent),
  /** Ids of stop-receiving notices in force now that cover it (gate, direction, category), while not cleared or cancelled. */
  coveringNotices: z.array(z.string()).optional(),
  /**
   * Estimated clearance (queued or expected trucks): after the trucks ahead in its lane at the lane's smoothed
   * rate, with the range from the recent fast and slow days; `ahead` = trucks of its lane ahead of it.
   */
  eta: Eta.optional(),
  /** The procedure it follows (the one in force when it arrived) and the steps still to confirm. */
  procedure: ProcedureState.optional(),
  /** Its category is perishable: the priority lane (luồng ưu tiên). */
  perishable: z.boolean().optional(),
  /** Each field amendments changed, in time order (vehicle and cargo above are the effective values). */
  amendments: z.array(AmendmentRecord).optional(),
});
export type DeclarationView = z.infer<typeof DeclarationView>;

/** A truck in a border force's worklist: queued and not yet confirmed by that force. */
export const WorklistItem = z.object({
  declarationId: z.string(),
  direction: Direction,
  plate: z.string(),
  trailerPlate: z.string().optional(),
  enterpriseName: z.string(),
  taxCode: z.string(),
  cargoDescription: z.string(),
  category: CargoCategory,
  valueUsd: z.number(),
  arrivedAt: OffsetDateTime,
  /** The force's own standing check, when it rejected earlier. */
  lastResult: CheckResult.optional(),
  /** The other forces' standing checks on this truck (none yet: absent), in the order of FORCES. */
  others: z.array(z.object({ force: Force, result: CheckResult })).optional(),
  /** What is open for this force under the truck's procedure: its check, the hand-over it confirms, or both. */
  tasks: z.array(z.enum(['check', 'handover'])).min(1),
  /** Perishable goods: the priority lane, served by the gate's service pattern. */
  perishable: z.boolean(),
});
export type WorklistItem = z.infer<typeof WorklistItem>;

export const WorklistResponse = z.object({
  gateId: GateId,
  force: Force,
  asOf: OffsetDateTime,
  /** Oldest arrival first. */
  items: z.array(WorklistItem),
});
export type WorklistResponse = z.infer<typeof WorklistResponse>;

/** Body of POST /api/v1/declarations/:id/checks. */
export const CheckRequest = z.object({ force: Force, result: CheckResult, note: z.string().trim().max(1000).optional() });
export type CheckRequest = z.infer<typeof CheckRequest>;

export const DeclarationList = z.object({ declarations: z.array(DeclarationView) });
export type DeclarationList = z.infer<typeof DeclarationList>;
