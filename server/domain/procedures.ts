import { laneOf } from '../../shared/lanes.ts';
import type { CargoCategory, Direction } from '../../shared/primitives.ts';
import { FORCES } from '../../shared/primitives.ts';
import {
  DEFAULT_PROCEDURE,
  stepKey,
  type PatternChange,
  type Procedure,
  type ProcedureChange,
  type ProcedureRuleConfig,
  type ServicePattern,
  type StepKey,
} from '../../shared/procedures.ts';

/** What the procedure reads of a declaration (declaration.ts's DeclarationState is one). */
export interface TruckSteps {
  declared: { gateId: string; direction: Direction; cargo: { category: CargoCategory } };
  arrivedAt?: number | undefined;
  checks: Partial<Record<StepKey, { result: string }>>;
}

// The procedure as data (quy trình giao nhận) and the service pattern, as the domain reads them. A rule
// applies to a gate × direction × category from its `effectiveFrom`; a truck's procedure is the rule in
// force when it ARRIVED (the newest `effectiveFrom` not after that, ties by issue time then id), else the
// default — for a truck still on its way, the rule in force now (what it would meet if it came now).
// Everything derived from a procedure (a force's worklist, `awaiting`, `ready`) is computed from the rules
// at read or at apply, never stored per truck, so a rule added later (another node's, or one read at
// start after the events) recomputes exactly the trucks it touches and the figures stay order-free.

export interface ProcedureRule {
  id: string;
  source: 'config' | 'console';
  gateIds: readonly string[];
  direction: Direction | 'both';
  categories?: readonly CargoCategory[];
  /** −Infinity: since ever (a configured rule without effectiveFrom). */
  fromMs: number;
  issuedAtMs: number;
  procedure: Procedure;
  change?: ProcedureChange;
}

export interface PatternEntry {
  pattern: ServicePattern | null;
  fromMs: number;
  change?: PatternChange;
}

export interface Rules {
  defaultProcedure: Procedure;
  /** Per gate, its rules oldest first (by fromMs, issue time, id): a look-up reads from the end. */
  procedures: Map<string, ProcedureRule[]>;
  /** Every rule (for listing), and the ids of the journal's changes already applied. */
  all: ProcedureRule[];
  applied: Set<string>;
  /** Per gate, its service patterns oldest first; the configured one (if any) from −Infinity. */
  patterns: Map<string, PatternEntry[]>;
  perishable: readonly CargoCategory[];
}

export interface RulesConfig {
  procedures?: { default: Procedure; rules: readonly ProcedureRuleConfig[] };
  priority?: { perishable: readonly CargoCategory[]; patterns: Readonly<Record<string, ServicePattern | null>> };
}

const byTime = (a: ProcedureRule, b: ProcedureRule): number =>
  a.fromMs - b.fromMs || a.issuedAtMs - b.issuedAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function insertRule(rules: Rules, rule: ProcedureRule): void {
  rules.all.push(rule);
  rules.all.sort(byTime);
  for (const gateId of rule.gateIds) {
    const list = rules.procedures.get(gateId) ?? [];
    list.push(rule);
    list.sort(byTime);
    rules.procedures.set(gateId, list);
  }
}

export function createRules(config: RulesConfig, gateIds: readonly string[]): Rules {
  const rules: Rules = {
    defaultProcedure: config.procedures?.default ?? DEFAULT_PROCEDURE,
    procedures: new Map(),
    all: [],
    applied: new Set(),
    patterns: new Map(),
    perishable: config.priority?.perishable ?? ['fresh_fruit', 'agricultural', 'seafood'],
  };
  (config.procedures?.rules ?? []).forEach((r, i) => {
    const rule: ProcedureRule = {
      id: `config-${i + 1}`,
      source: 'config',
      gateIds: r.gateIds,
      direction: r.direction,
      fromMs: r.effectiveFrom === undefined ? -Infinity : Date.parse(r.effectiveFrom),
      issuedAtMs: -Infinity,
      procedure: r.procedure,
    };
    if (r.categories) rule.categories = r.categories;
    insertRule(rules, rule);
  });
  for (const gateId of gateIds) {
    const configured = config.priority?.patterns[gateId];
    rules.patterns.set(gateId, configured ? [{ pattern: configured, fromMs: -Infinity }] : []);
  }
  return rules;
}

const matches = (rule: ProcedureRule, direction: Direction, category: CargoCategory): boolean =>
  (rule.direction === 'both' || rule.direction === direction) && (rule.categories === undefined || rule.categories.includes(category));

/** The procedure in force at a gate × direction × category at an instant, and the rule it comes from. */
export function procedureAt(rules: Rules, gateId: string, direction: Direction, category: CargoCategory, atMs: number): { procedure: Procedure; ruleId: string } {
  const list = rules.procedures.get(gateId);
  if (list) {
    for (let i = list.length - 1; i >= 0; i--) {
      const rule = list[i];
      if (rule && rule.fromMs <= atMs && matches(rule, direction, category)) return { procedure: rule.procedure, ruleId: rule.id };
    }
  }
  return { procedure: rules.defaultProcedure, ruleId: 'default' };
}

/** A truck's procedure: the one in force when it arrived; for one not yet arrived, the one in force at `nowMs`. */
export function procedureOf(rules: Rules, decl: TruckSteps, nowMs: number): { procedure: Procedure; ruleId: string } {
  const { gateId, direction, cargo } = decl.declared;
  return procedureAt(rules, gateId, direction, cargo.category, decl.arrivedAt ?? nowMs);
}

const confirmed = (decl: TruckSteps, key: StepKey): boolean => decl.checks[key]?.result === 'confirmed';

/**
 * The steps of its procedure a queued truck still needs, and which of them are open now (all when the
 * procedure is unordered; else only the first not yet confirmed). Ready when none are left.
 */
export function stepsLeft(procedure: Procedure, decl: TruckSteps): { pending: StepKey[]; open: StepKey[] } {
  const pending = procedure.steps.map(stepKey).filter((key) => !confirmed(decl, key));
  const first = pending[0];
  return { pending, open: procedure.ordered ? (first === undefined ? [] : [first]) : pending };
}

/** Whether a step of a queued truck is open now (on someone's worklist). */
export function isStepOpen(rules: Rules, decl: TruckSteps, key: StepKey): boolean {
  if (decl.arrivedAt === undefined) return false;
  return stepsLeft(procedureOf(rules, decl, decl.arrivedAt).procedure, decl).open.includes(key);
}

/** Who confirms the hand-over step of a truck's procedure, when it has one. */
export function handoverActor(procedure: Procedure): string | undefined {
  for (const s of procedure.steps) if (s.kind === 'handover') return s.by;
  return undefined;
}

// --- the service pattern -------------------------------------------------------------------------

/** The pattern at a gate at an instant (null: first come, first served). */
export function patternAt(rules: Rules, gateId: string, atMs: number): ServicePattern | null {
  const list = rules.patterns.get(gateId) ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    const entry = list[i];
    if (entry && entry.fromMs <= atMs) return entry.pattern;
  }
  return null;
}

export const isPerishable = (rules: Rules, category: CargoCategory): boolean => laneOf(category, rules.perishable) === 'fresh';

export const sameProcedure = (a: Procedure, b: Procedure): boolean =>
  a.ordered === b.ordered && a.steps.length === b.steps.length && a.steps.every((s, i) => JSON.stringify(s) === JSON.stringify(b.steps[i]));

/** The forces that check a truck under a procedure (for the worklists). */
export const checkForces = (procedure: Procedure): string[] => FORCES.filter((f) => procedure.steps.some((s) => s.kind === 'check' && s.force === f));
