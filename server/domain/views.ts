import type { DeclarationView, Eta, WorklistItem } from '../../shared/declarations.ts';
import type { TruckEvent } from '../../shared/events.ts';
import { FORCES, type Force } from '../../shared/primitives.ts';
import { serviceSorted } from '../../shared/procedures.ts';
import { coveringNoticeIds } from './covering.ts';
import { amendmentRecords } from './amendments.ts';
import { statusOf, type DeclarationState } from './declaration.ts';
import type { LiveState } from './state.ts';
import { MINUTE_MS } from './time.ts';
import { etaOf, laneQueues, patternPlace, type LaneQueues } from './waits.ts';
import { laneOf } from '../../shared/lanes.ts';
import type { ProcedureState } from '../../shared/procedures.ts';
import { handoverActor, isPerishable, isStepOpen, patternAt, procedureOf, stepsLeft } from './procedures.ts';

// What the people who work on a declaration read: the declaration view and a force's worklist.
// Both read only the gate's queued ids, so their cost follows the queue, not the history.

/**
 * 1-based place among the queued trucks of its gate and direction: oldest arrival first, or — under a
 * service pattern — its place in the order the pattern serves the two lanes.
 */
function queuePosition(state: LiveState, id: string, decl: DeclarationState, nowMs: number, queuesOf: LaneQueuesOf): number | undefined {
  const gate = state.gates.get(decl.declared.gateId);
  const mine = decl.arrivedAt;
  if (!gate || mine === undefined || !gate.queuedIds.has(id)) return undefined;
  const pattern = patternAt(state.rules, gate.info.id, nowMs);
  const queues = pattern && queuesOf(gate.info.id);
  if (pattern && queues) {
    const lines = queues[decl.declared.direction];
    const lane = laneOf(decl.declared.cargo.category, state.rules.perishable);
    const index = lines[lane].indexOf(id);
    if (index >= 0) return patternPlace(pattern, lane, index, { fresh: lines.fresh.length, other: lines.other.length });
  }
  let ahead = 0;
  for (const other of gate.queuedIds) {
    const d = state.declarations.get(other);
    if (!d || d.declared.direction !== decl.declared.direction || d.arrivedAt === undefined) continue;
    if (d.arrivedAt < mine || (d.arrivedAt === mine && other < id)) ahead += 1;
  }
  return ahead + 1;
}

function waitingMinutes(decl: DeclarationState, nowMs: number): number | undefined {
  if (decl.arrivedAt === undefined) return undefined;
  const status = statusOf(decl);
  if (status === 'queued') return Math.max(0, Math.round((nowMs - decl.arrivedAt) / MINUTE_MS));
  if (status === 'cleared' && decl.clearedAt !== undefined) return Math.max(0, Math.round((decl.clearedAt - decl.arrivedAt) / MINUTE_MS));
  return undefined;
}

/** Lane queues per gate, worked out once for many views read at the same moment. */
export type LaneQueuesOf = (gateId: string) => LaneQueues | undefined;

export function laneQueuesOnce(state: Readonly<LiveState>): LaneQueuesOf {
  const memo = new Map<string, LaneQueues>();
  return (gateId) => {
    const gate = state.gates.get(gateId);
    if (!gate) return undefined;
    let queues = memo.get(gateId);
    if (!queues) {
      queues = laneQueues(state, gate);
      memo.set(gateId, queues);
    }
    return queues;
  };
}

/** A truck's ETA as the API shows it; undefined when cleared, cancelled or its lane's rate is unknown. */
export function etaView(state: Readonly<LiveState>, id: string, decl: DeclarationState, nowMs: number, queuesOf: LaneQueuesOf): Eta | undefined {
  const queues = queuesOf(decl.declared.gateId);
  const eta = queues && etaOf(state, id, decl, queues, nowMs);
  if (!eta) return undefined;
  const f = state.localTime.formatIso;
  return { at: f(eta.at), earliest: f(eta.earliest), latest: f(eta.latest), ...(eta.ahead === undefined ? {} : { ahead: eta.ahead }) };
}

/**
 * `events` are the declaration's events from the log (any order); they are sorted by occurredAt here.
 * Reading many views at once, pass one `queuesOf` so each gate's lanes are sorted once.
 */
export function declarationView(state: LiveState, id: string, events: readonly TruckEvent[], nowMs: number, queuesOf: LaneQueuesOf = laneQueuesOnce(state)): DeclarationView | undefined {
  const decl = state.declarations.get(id);
  if (!decl) return undefined;
  const { declared } = decl;
  const iso = (ms: number | undefined): { value?: string } => (ms === undefined ? {} : { value: state.localTime.formatIso(ms) });
  const view: DeclarationView = {
    declarationId: id,
    gateId: declared.gateId,
    direction: declared.direction,
    state: statusOf(decl),
    vehicle: declared.vehicle,
    enterprise: declared.enterprise,
    cargo: declared.cargo,
    declaredAt: declared.occurredAt,
    checks: FORCES.flatMap((force) => {
      const c = decl.checks[force];
      if (!c) return [];
      return [{ force, result: c.result, occurredAt: state.localTime.formatIso(c.at), eventId: c.eventId, ...(c.note === undefined ? {} : { note: c.note }) }];
    }),
    events: [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt)),
  };
  const arrivedAt = iso(decl.arrivedAt).value;
  const clearedAt = iso(decl.clearedAt).value;
  const cancelledAt = iso(decl.cancelledAt).value;
  if (arrivedAt !== undefined) view.arrivedAt = arrivedAt;
  if (clearedAt !== undefined) view.clearedAt = clearedAt;
  if (cancelledAt !== undefined) view.cancelledAt = cancelledAt;
  const position = queuePosition(state, id, decl, nowMs, queuesOf);
  if (position !== undefined) view.queuePosition = position;
  const waited = waitingMinutes(decl, nowMs);
  if (waited !== undefined) view.waitingMinutes = waited;
  const covering = coveringNoticeIds(state, decl, nowMs);
  if (covering.length > 0) view.coveringNotices = covering;
  const eta = etaView(state, id, decl, nowMs, queuesOf);
  if (eta) view.eta = eta;
  view.procedure = procedureView(state, decl, nowMs);
  const amendments = amendmentRecords(decl, state.localTime.formatIso);
  if (amendments.length > 0) view.amendments = amendments;
  view.perishable = isPerishable(state.rules, declared.cargo.category);
  return view;
}

/** A truck's procedure and where it stands (the one it arrived under; for one on its way, the one in force now). */
export function procedureView(state: Readonly<LiveState>, decl: DeclarationState, nowMs: number): ProcedureState {
  const { procedure, ruleId } = procedureOf(state.rules, decl, nowMs);
  const { pending } = stepsLeft(procedure, decl);
  const out: ProcedureState = { procedure, ruleId, pending, ready: statusOf(decl) === 'queued' && pending.length === 0 };
  const h = decl.checks.handover;
  if (h) out.handover = { by: h.by, result: h.result, occurredAt: state.localTime.formatIso(h.at), ...(h.note === undefined ? {} : { note: h.note }) };
  return out;
}

/** The worklist item of a declaration for a force, or undefined when it is not on that worklist. */
export function worklistItem(state: LiveState, id: string, gateId: string, force: Force): WorklistItem | undefined {
  const decl = state.declarations.get(id);
  const gate = state.gates.get(gateId);
  if (!decl || !gate || !gate.queuedIds.has(id) || decl.arrivedAt === undefined) return undefined;
  // What its procedure has open for this force now: its check, and the hand-over when the force confirms it.
  const tasks: WorklistItem['tasks'] = [];
  if (isStepOpen(state.rules, decl, force)) tasks.push('check');
  if (isStepOpen(state.rules, decl, 'handover') && handoverActor(procedureOf(state.rules, decl, decl.arrivedAt).procedure) === force) tasks.push('handover');
  if (tasks.length === 0) return undefined;
  const standing = decl.checks[force];
  const { vehicle, enterprise, cargo, direction } = decl.declared;
  const item: WorklistItem = {
    declarationId: id,
    direction,
    plate: vehicle.plate,
    enterpriseName: enterprise.name,
    taxCode: enterprise.taxCode,
    cargoDescription: cargo.description,
    category: cargo.category,
    valueUsd: cargo.valueUsd,
    arrivedAt: state.localTime.formatIso(decl.arrivedAt),
    tasks,
    perishable: isPerishable(state.rules, cargo.category),
  };
  if (vehicle.trailerPlate !== undefined) item.trailerPlate = vehicle.trailerPlate;
  if (standing) item.lastResult = standing.result;
  const others = FORCES.flatMap((other) => {
    const check = other === force ? undefined : decl.checks[other];
    return check ? [{ force: other, result: check.result }] : [];
  });
  if (others.length > 0) item.others = others;
  return item;
}

/**
 * Queued trucks of a gate with something open for a force (its check under the truck's procedure, or the
 * hand-over it confirms), in the order they are served: oldest arrival first, or by the gate's service
 * pattern (perishable first by the pattern, each direction its own line). O(queue at the gate).
 */
export function worklist(state: LiveState, gateId: string, force: Force): WorklistItem[] {
  const gate = state.gates.get(gateId);
  if (!gate) return [];
  const items = [...gate.queuedIds].flatMap((id) => worklistItem(state, id, gateId, force) ?? []);
  return serviceSorted(patternAt(state.rules, gateId, Infinity), items);
}

