import type { TruckEvent } from '../../shared/events.ts';
import { recordArrived, recordCleared, recordQueueSpan, recordWait } from './buckets.ts';
import { flowArrived, flowCleared, flowDeclared, flowWait } from './flows.ts';
import type { ContentHash } from './content-hash.ts';
import { contributionOf, isNewerCheck, queueSpanOf, statusOf, type DeclarationState } from './declaration.ts';
import { internDeclared } from './intern.ts';
import { addAmendment, effectiveDeclared, indexPlates, recordKind } from './amendments.ts';
import { indexDeclaration } from './indexes.ts';
import { applyDifference, type GateState, type LiveState } from './state.ts';
import { recordTrade, tradeKey } from './trade.ts';

// Reducer: fold one accepted event into the state. Callers apply only events `decide` accepted and
// only after they are committed to the log, so here every event is new and its declaration known.

/** An event that passed `decide`, with the hash of its canonical content. */
export interface AcceptedEvent {
  event: TruckEvent;
  hash: ContentHash;
}

/** Fold one event in; returns the id of the declaration it touched (undefined when ignored). */
export function applyEvent(state: LiveState, { event, hash }: AcceptedEvent): string | undefined {
  const at = Date.parse(event.occurredAt);
  const gate = state.gates.get(event.gateId);
  let decl = state.declarations.get(event.declarationId);
  if (event.type === 'declared') {
    if (decl || !gate) return undefined; // decide rejects both; a hand-edited log must not corrupt counters
    internDeclared(event); // the state keeps it: shared copies of its repeated strings
    decl = { declared: event, checks: {} };
    state.declarations.set(event.declarationId, decl);
    indexDeclaration(state, event.declarationId, decl);
    gate.expectedIds.add(event.declarationId);
    flowDeclared(gate.buckets.flows, state.localTime, { direction: event.direction, category: event.cargo.category }, at);
    applyDifference(gate.counters[event.direction], contributionOf(undefined, state.rules), contributionOf(decl, state.rules));
  } else {
    if (!decl || !gate) return undefined;
    const before = contributionOf(decl, state.rules);
    const spanBefore = queueSpanOf(decl);
    // An amendment, or the end of a declaration that has some, may change its effective values: what
    // depends on them is taken out under the old values and put back under the new (amendments.ts).
    const reweigh = event.type === 'amended' || (decl.amendments !== undefined && (event.type === 'cleared' || event.type === 'cancelled'));
    if (reweigh) recordKind(state, decl, -1);
    applyLifecycle(state, decl, event, at, !reweigh);
    if (reweigh) {
      decl.declared = effectiveDeclared(decl);
      indexPlates(state, event.declarationId, decl);
      recordKind(state, decl, 1);
    }
    applyDifference(gate.counters[decl.declared.direction], before, contributionOf(decl, state.rules));
    const spanAfter = queueSpanOf(decl);
    if (spanBefore?.[0] !== spanAfter?.[0] || spanBefore?.[1] !== spanAfter?.[1]) {
      recordQueueSpan(gate.buckets, state.localTime, decl.declared.direction, spanBefore, -1);
      recordQueueSpan(gate.buckets, state.localTime, decl.declared.direction, spanAfter, 1);
    }
    indexByStatus(gate, event.declarationId, decl);
  }
  state.eventHashes.set(event.eventId, hash);
  state.eventCount += 1;
  return event.declarationId;
}

/** Keep the gate's queued and expected id sets in step with a declaration's status. */
export function indexByStatus(gate: GateState, id: string, decl: DeclarationState): void {
  const status = statusOf(decl);
  if (status === 'queued') gate.queuedIds.add(id);
  else gate.queuedIds.delete(id);
  if (status === 'expected') gate.expectedIds.add(id);
  else gate.expectedIds.delete(id);
}

/** `byKind`: record the category-dependent figures (flows, trade) here; false when the caller re-weighs them. */
function applyLifecycle(state: LiveState, decl: DeclarationState, event: TruckEvent, at: number, byKind: boolean): void {
  const { direction, gateId, cargo } = decl.declared;
  const buckets = state.gates.get(gateId)?.buckets;
  const lt = state.localTime;
  if (!buckets) return;
  const kind = { direction, category: cargo.category };
  switch (event.type) {
    case 'arrived':
      decl.arrivedAt = at;
      recordArrived(buckets, lt, direction, at);
      if (byKind) flowArrived(buckets.flows, lt, kind, Date.parse(decl.declared.occurredAt), at);
      if (decl.clearedAt !== undefined) {
        recordWait(buckets, lt, at, decl.clearedAt);
        if (byKind) flowWait(buckets.flows, lt, kind, at, decl.clearedAt);
      }
      break;
    case 'cleared': {
      decl.clearedAt = at;
      recordCleared(buckets, lt, direction, at);
      if (byKind) flowCleared(buckets.flows, lt, kind, at);
      if (decl.arrivedAt !== undefined) {
        recordWait(buckets, lt, decl.arrivedAt, at);
        if (byKind) flowWait(buckets.flows, lt, kind, decl.arrivedAt, at);
      }
      if (byKind) recordTrade(state.trade, tradeKey(lt.dateOf(lt.dayIndex(at)), direction, gateId, cargo.category), cargo.valueUsd, direction === 'export' && cargo.localGoods);
      break;
    }
    case 'cancelled':
      decl.cancelledAt = at;
      break;
    case 'checked': {
      const check = { at, result: event.result, eventId: event.eventId, ...(event.note === undefined ? {} : { note: event.note }) };
      if (isNewerCheck(decl.checks[event.force], check)) decl.checks[event.force] = check;
      break;
    }
    case 'amended':
      addAmendment(decl, { eventId: event.eventId, at, changes: event.changes, ...(event.by === undefined ? {} : { by: event.by }) });
      break;
    case 'step': {
      const step = { at, result: event.result, eventId: event.eventId, by: event.by, ...(event.note === undefined ? {} : { note: event.note }) };
      if (isNewerCheck(decl.checks.handover, step)) decl.checks.handover = step;
      break;
    }
    case 'declared':
      break;
  }
}

/** Apply a committed batch: all of it or (when the commit failed) none of it. Returns the declarations touched. */
export function applyBatch(state: LiveState, accepted: readonly AcceptedEvent[]): Set<string> {
  const touched = new Set<string>();
  for (const a of accepted) {
    const id = applyEvent(state, a);
    if (id !== undefined) touched.add(id);
  }
  return touched;
}
