import { z } from 'zod';
import { CheckResult } from './events.ts';
import { CargoCategory, Direction, Force, GateId, OffsetDateTime, StepActor } from './primitives.ts';

// The hand-over procedure as data (quy trình giao nhận): per gate, direction and cargo category, from an
// effective time, which steps a truck must pass before it may clear — the forces' checks and, when the
// method needs one, a hand-over step (transshipment at the border or a driver swap) confirmed by a named
// force or the yard operator — and whether they go in order. A truck keeps the procedure in force when it
// arrived. Beside it, each gate's service pattern: how many perishable trucks are served for each run of
// other trucks (ưu tiên hàng tươi sống, like eCherha's fixed pattern), or first come, first served.


export const HandoverMethod = z.enum(['transshipment', 'driver_swap', 'other']);
export type HandoverMethod = z.infer<typeof HandoverMethod>;

export const ProcedureStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('check'), force: Force }),
  z.object({ kind: z.literal('handover'), by: StepActor, method: HandoverMethod }),
]);
export type ProcedureStep = z.infer<typeof ProcedureStep>;

/** A step's key: the force for a check, `handover` for the hand-over (one of each at most). */
export type StepKey = Force | 'handover';
export const stepKey = (s: ProcedureStep): StepKey => (s.kind === 'check' ? s.force : 'handover');

export const Procedure = z
  .object({
    /** The steps, in order when `ordered` (a step is open only once every earlier one is confirmed). */
    steps: z.array(ProcedureStep).max(4),
    ordered: z.boolean().default(false),
  })
  .refine((p) => new Set(p.steps.map(stepKey)).size === p.steps.length, 'steps: each force and the hand-over at most once');
export type Procedure = z.infer<typeof Procedure>;

/** Today's procedure: the three forces check, in any order, no hand-over step. */
export const DEFAULT_PROCEDURE: Procedure = {
  steps: [
    { kind: 'check', force: 'border_guard' },
    { kind: 'check', force: 'customs' },
    { kind: 'check', force: 'quarantine' },
  ],
  ordered: false,
};

const Scope = {
  gateIds: z.array(GateId).min(1).max(20),
  direction: z.enum(['export', 'import', 'both']),
  /** Omitted: every category. */
  categories: z.array(CargoCategory).min(1).optional(),
};

/** A procedure rule in the configuration file (in force since ever unless `effectiveFrom`). */
export const ProcedureRuleConfig = z.object({ ...Scope, effectiveFrom: OffsetDateTime.optional(), procedure: Procedure });
export type ProcedureRuleConfig = z.infer<typeof ProcedureRuleConfig>;

/** Body of POST /api/v1/procedures (operator): a new procedure for a scope from `effectiveFrom` (now or later). */
export const ProcedureChangeRequest = z.object({
  ...Scope,
  effectiveFrom: OffsetDateTime,
  procedure: Procedure,
  note: z.string().trim().max(500).optional(),
});
export type ProcedureChangeRequest = z.infer<typeof ProcedureChangeRequest>;

/** Served `priority` perishable trucks, then `regular` others, and again; a lane with none waiting gives its turn away. */
export const ServicePattern = z.object({ priority: z.number().int().min(1).max(20), regular: z.number().int().min(0).max(20) });
export type ServicePattern = z.infer<typeof ServicePattern>;

/** Body of POST /api/v1/service-patterns (operator): `pattern: null` is first come, first served. */
export const ServicePatternRequest = z.object({ gateIds: z.array(GateId).min(1).max(20), pattern: ServicePattern.nullable(), note: z.string().trim().max(500).optional() });
export type ServicePatternRequest = z.infer<typeof ServicePatternRequest>;

/** A change of the rules as the journal keeps it (with notices: one position each, the same at every node). */
export const RuleChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('procedure'),
    id: z.string(),
    ...Scope,
    effectiveFrom: OffsetDateTime,
    procedure: Procedure,
    note: z.string().optional(),
    issuedAt: OffsetDateTime,
    issuedBy: z.string(),
  }),
  z.object({
    kind: z.literal('service_pattern'),
    id: z.string(),
    gateIds: z.array(GateId).min(1),
    pattern: ServicePattern.nullable(),
    /** The write's own clock: a pattern orders the queue from the moment it is set. */
    effectiveFrom: OffsetDateTime,
    note: z.string().optional(),
    issuedAt: OffsetDateTime,
    issuedBy: z.string(),
  }),
]);
export type RuleChange = z.infer<typeof RuleChange>;
export type ProcedureChange = Extract<RuleChange, { kind: 'procedure' }>;
export type PatternChange = Extract<RuleChange, { kind: 'service_pattern' }>;

/** What a procedure change does to the trucks in the yards and on the way (the editor's preview). */
export const ProcedurePreview = z.object({
  /** Queued trucks in scope: they arrived under the old procedure and keep it. */
  queuedInScope: z.number().int().nonnegative(),
  /** Expected trucks in scope: those arriving from `effectiveFrom` on get the new procedure. */
  expectedInScope: z.number().int().nonnegative(),
  /** Per gate × direction × category in scope: the procedure in force at `effectiveFrom` before and after. */
  changes: z.array(
    z.object({ gateId: GateId, direction: Direction, category: CargoCategory, before: Procedure, after: Procedure, queued: z.number().int(), expected: z.number().int() }),
  ),
});
export type ProcedurePreview = z.infer<typeof ProcedurePreview>;

/** GET /api/v1/procedures: every rule (configured and changed), newest first, and each gate's pattern now. */
export const ProceduresResponse = z.object({
  asOf: OffsetDateTime,
  defaultProcedure: Procedure,
  rules: z.array(
    z.object({
      id: z.string(),
      source: z.enum(['config', 'console']),
      gateIds: z.array(GateId),
      direction: z.enum(['export', 'import', 'both']),
      categories: z.array(CargoCategory).optional(),
      effectiveFrom: OffsetDateTime.nullable(),
      procedure: Procedure,
      note: z.string().optional(),
      issuedBy: z.string().optional(),
      issuedAt: OffsetDateTime.optional(),
    }),
  ),
  perishable: z.array(CargoCategory),
  patterns: z.array(z.object({ gateId: GateId, pattern: ServicePattern.nullable(), since: OffsetDateTime.nullable(), issuedBy: z.string().optional() })),
});
export type ProceduresResponse = z.infer<typeof ProceduresResponse>;

/** Body of POST /api/v1/declarations/:id/steps: confirm or refuse a hand-over step. */
export const StepRequest = z.object({ step: z.literal('handover'), result: CheckResult, note: z.string().trim().max(1000).optional() });
export type StepRequest = z.infer<typeof StepRequest>;

/** A truck's procedure and where it stands, in its declaration view. */
export const ProcedureState = z.object({
  procedure: Procedure,
  /** The rule it came from (`default` when none matched); for a truck not yet arrived, the rule in force now. */
  ruleId: z.string(),
  /** Steps still to confirm, in order. */
  pending: z.array(z.string()),
  /** Every step confirmed: the truck may clear. */
  ready: z.boolean(),
  handover: z.object({ by: StepActor, result: CheckResult, occurredAt: OffsetDateTime, note: z.string().optional() }).optional(),
});
export type ProcedureState = z.infer<typeof ProcedureState>;

/**
 * The order in which two lines are served under a pattern: `priority` from the perishable line, then
 * `regular` from the other, and again; a line with nobody left gives its turns to the other. Without a
 * pattern, one line by arrival (`at`). Each line must be oldest first.
 */
export function serviceOrder<T extends { at: number; id: string }>(pattern: ServicePattern | null, fresh: readonly T[], other: readonly T[]): T[] {
  if (pattern === null) {
    const out = [...fresh, ...other];
    return out.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const out: T[] = [];
  let f = 0;
  let o = 0;
  while (f < fresh.length || o < other.length) {
    for (let k = 0; k < pattern.priority && f < fresh.length; k++) out.push(fresh[f++] as T);
    for (let k = 0; k < pattern.regular && o < other.length; k++) out.push(other[o++] as T);
    if (pattern.regular === 0 && f >= fresh.length) while (o < other.length) out.push(other[o++] as T);
  }
  return out;
}

/** Items in service order: per direction the pattern's order of its two lanes, the directions merged by arrival. */
export function serviceSorted<T extends { declarationId: string; arrivedAt: string; direction: string; perishable: boolean }>(pattern: ServicePattern | null, items: readonly T[]): T[] {
  const keyed = items.map((item) => ({ item, id: item.declarationId, at: Date.parse(item.arrivedAt) }));
  const byArrival = (a: { at: number; id: string }, b: { at: number; id: string }): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (pattern === null) return keyed.sort(byArrival).map((k) => k.item);
  const rank = new Map<string, number>();
  for (const direction of ['export', 'import']) {
    const line = keyed.filter((k) => k.item.direction === direction).sort(byArrival);
    const order = serviceOrder(pattern, line.filter((k) => k.item.perishable), line.filter((k) => !k.item.perishable));
    order.forEach((k, i) => rank.set(k.id, i));
  }
  return keyed.sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0) || byArrival(a, b)).map((k) => k.item);
}
