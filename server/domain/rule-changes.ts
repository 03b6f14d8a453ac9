import type { CargoCategory, Direction } from '../../shared/primitives.ts';
import { CARGO_CATEGORIES, DIRECTIONS } from '../../shared/primitives.ts';
import type { Procedure, ProcedurePreview, ProceduresResponse, RuleChange } from '../../shared/procedures.ts';
import { contributionOf, type DeclarationState } from './declaration.ts';
import { insertRule, procedureAt, sameProcedure, type ProcedureRule } from './procedures.ts';
import { applyDifference, type LiveState } from './state.ts';

// Rule changes (procedure, service pattern) as the journal brings them, and the editor's preview.

/**
 * Put a change from the journal into the state (idempotent by id). A procedure change recomputes the
 * counters of the queued trucks at its gates (those that arrived from its effectiveFrom change procedure);
 * returns the gates and declarations touched.
 */
export function applyRuleChange(state: LiveState, change: RuleChange): { gates: Set<string>; declarations: Set<string> } {
  const touched = { gates: new Set<string>(), declarations: new Set<string>() };
  const { rules } = state;
  if (rules.applied.has(change.id)) return touched;
  rules.applied.add(change.id);
  if (change.kind === 'service_pattern') {
    for (const gateId of change.gateIds) {
      const list = rules.patterns.get(gateId);
      if (!list) continue;
      list.push({ pattern: change.pattern, fromMs: Date.parse(change.effectiveFrom), change });
      list.sort((a, b) => a.fromMs - b.fromMs);
      touched.gates.add(gateId);
    }
    return touched;
  }
  const fromMs = Date.parse(change.effectiveFrom);
  // The trucks whose procedure may change: queued at its gates, arrived from effectiveFrom on.
  const affected: { id: string; decl: DeclarationState; direction: Direction; before: ReturnType<typeof contributionOf> }[] = [];
  for (const gateId of change.gateIds) {
    const gate = state.gates.get(gateId);
    if (!gate) continue;
    touched.gates.add(gateId);
    for (const id of gate.queuedIds) {
      const decl = state.declarations.get(id);
      if (!decl || decl.arrivedAt === undefined || decl.arrivedAt < fromMs) continue;
      affected.push({ id, decl, direction: decl.declared.direction, before: contributionOf(decl, rules) });
    }
  }
  const rule: ProcedureRule = {
    id: change.id,
    source: 'console',
    gateIds: change.gateIds,
    direction: change.direction,
    fromMs,
    issuedAtMs: Date.parse(change.issuedAt),
    procedure: change.procedure,
    change,
  };
  if (change.categories) rule.categories = change.categories;
  insertRule(rules, rule);
  for (const { id, decl, direction, before } of affected) {
    const gate = state.gates.get(decl.declared.gateId);
    if (!gate) continue;
    applyDifference(gate.counters[direction], before, contributionOf(decl, rules));
    touched.declarations.add(id);
  }
  return touched;
}

/** What a procedure change would do (the editor's preview): per gate × direction × category in scope. */
export function procedurePreview(
  state: Readonly<LiveState>,
  draft: { gateIds: readonly string[]; direction: Direction | 'both'; categories?: readonly CargoCategory[] | undefined; effectiveFrom: string; procedure: Procedure },
): ProcedurePreview {
  const fromMs = Date.parse(draft.effectiveFrom);
  const directions = draft.direction === 'both' ? DIRECTIONS : [draft.direction];
  const categories = draft.categories ?? CARGO_CATEGORIES;
  const counts = new Map<string, { queued: number; expected: number }>();
  const key = (g: string, d: Direction, c: CargoCategory): string => `${g}|${d}|${c}`;
  for (const gateId of draft.gateIds) {
    const gate = state.gates.get(gateId);
    if (!gate) continue;
    const tally = (ids: Iterable<string>, field: 'queued' | 'expected'): void => {
      for (const id of ids) {
        const d = state.declarations.get(id);
        if (!d || !directions.includes(d.declared.direction) || !categories.includes(d.declared.cargo.category)) continue;
        const k = key(gateId, d.declared.direction, d.declared.cargo.category);
        const c = counts.get(k) ?? { queued: 0, expected: 0 };
        c[field] += 1;
        counts.set(k, c);
      }
    };
    tally(gate.queuedIds, 'queued');
    tally(gate.expectedIds, 'expected');
  }
  const changes: ProcedurePreview['changes'] = [];
  let queuedInScope = 0;
  let expectedInScope = 0;
  for (const gateId of draft.gateIds) {
    if (!state.gates.has(gateId)) continue;
    for (const direction of directions) {
      for (const category of categories) {
        const c = counts.get(key(gateId, direction, category)) ?? { queued: 0, expected: 0 };
        queuedInScope += c.queued;
        expectedInScope += c.expected;
        const before = procedureAt(state.rules, gateId, direction, category, fromMs).procedure;
        if (sameProcedure(before, draft.procedure)) continue;
        changes.push({ gateId, direction, category, before, after: draft.procedure, queued: c.queued, expected: c.expected });
      }
    }
  }
  return { queuedInScope, expectedInScope, changes };
}


/** The next rule change id: caught up with every node inside the write turn, so the deployment's next. */
export const nextRuleId = (state: Readonly<LiveState>): string => `QT-${state.rules.applied.size + 1}`;

/** Why a rule change cannot be made: an unknown gate, or a procedure dated before now (trucks keep the procedure they arrived under). */
export function ruleProblem(state: Readonly<LiveState>, gateIds: readonly string[], effectiveFrom: string | undefined, nowMs: number): string | undefined {
  const unknown = gateIds.find((g) => !state.gates.has(g));
  if (unknown !== undefined) return `gateIds: no gate ${unknown}`;
  // A minute's grace for a form filled in "from now".
  if (effectiveFrom !== undefined && Date.parse(effectiveFrom) < nowMs - 60_000) {
    return `effectiveFrom: ${effectiveFrom} is in the past; a procedure changes from now or later (the trucks already in the yards keep theirs)`;
  }
  return undefined;
}

/** GET /api/v1/procedures: every rule, newest first, and each gate's pattern now. */
export function proceduresView(state: Readonly<LiveState>, nowMs: number): Omit<ProceduresResponse, 'asOf'> {
  const f = state.localTime.formatIso;
  const rules = [...state.rules.all].reverse().map((r): ProceduresResponse['rules'][number] => ({
    id: r.id,
    source: r.source,
    gateIds: [...r.gateIds],
    direction: r.direction,
    ...(r.categories ? { categories: [...r.categories] } : {}),
    effectiveFrom: Number.isFinite(r.fromMs) ? f(r.fromMs) : null,
    procedure: r.procedure,
    ...(r.change?.note === undefined ? {} : { note: r.change.note }),
    ...(r.change ? { issuedBy: r.change.issuedBy, issuedAt: r.change.issuedAt } : {}),
  }));
  const patterns = [...state.gates.keys()].map((gateId) => {
    const list = state.rules.patterns.get(gateId) ?? [];
    let current: (typeof list)[number] | undefined;
    for (const entry of list) if (entry.fromMs <= nowMs) current = entry;
    return {
      gateId,
      pattern: current?.pattern ?? null,
      since: current && Number.isFinite(current.fromMs) ? f(current.fromMs) : null,
      ...(current?.change ? { issuedBy: current.change.issuedBy } : {}),
    };
  });
  return { defaultProcedure: state.rules.defaultProcedure, rules, perishable: [...state.rules.perishable], patterns };
}
