import type { TruckEvent } from '../../shared/events.ts';
import { recordArrived, recordCleared, recordWait } from './buckets.ts';
import { contributionOf, isNewerCheck, type DeclarationState } from './declaration.ts';
import { applyDifference, type LiveState } from './state.ts';
import { recordTrade, tradeKey } from './trade.ts';

// Reducer: fold one accepted event into the state. Callers apply only events `decide` accepted and
// only after they are committed to the log, so here every event is new and its declaration known.

/** An event that passed `decide`, with the hash of its canonical content. */
export interface AcceptedEvent {
  event: TruckEvent;
  hash: string;
}

export function applyEvent(state: LiveState, { event, hash }: AcceptedEvent): void {
  const at = Date.parse(event.occurredAt);
  const gate = state.gates.get(event.gateId);
  let decl = state.declarations.get(event.declarationId);
  if (event.type === 'declared') {
    if (decl || !gate) return; // decide rejects both; a hand-edited log must not corrupt counters
    decl = { declared: event, checks: {}, eventIds: [] };
    state.declarations.set(event.declarationId, decl);
    applyDifference(gate.counters[event.direction], contributionOf(undefined), contributionOf(decl));
  } else {
    if (!decl || !gate) return;
    const before = contributionOf(decl);
    applyLifecycle(state, decl, event, at);
    applyDifference(gate.counters[decl.declared.direction], before, contributionOf(decl));
  }
  decl.eventIds.push(event.eventId);
  state.eventHashes.set(event.eventId, hash);
  state.eventCount += 1;
}

function applyLifecycle(state: LiveState, decl: DeclarationState, event: TruckEvent, at: number): void {
  const { direction, gateId, cargo } = decl.declared;
  const buckets = state.gates.get(gateId)?.buckets;
  const lt = state.localTime;
  if (!buckets) return;
  switch (event.type) {
    case 'arrived':
      decl.arrivedAt = at;
      recordArrived(buckets, lt, direction, at);
      if (decl.clearedAt !== undefined) recordWait(buckets, lt, at, decl.clearedAt);
      break;
    case 'cleared': {
      decl.clearedAt = at;
      recordCleared(buckets, lt, direction, at);
      if (decl.arrivedAt !== undefined) recordWait(buckets, lt, decl.arrivedAt, at);
      const key = tradeKey(lt.dateOf(lt.dayIndex(at)), direction, gateId, cargo.category);
      recordTrade(state.trade, key, cargo.valueUsd, direction === 'export' && cargo.localGoods);
      break;
    }
    case 'cancelled':
      decl.cancelledAt = at;
      break;
    case 'checked': {
      const check = { at, result: event.result, eventId: event.eventId };
      if (isNewerCheck(decl.checks[event.force], check)) decl.checks[event.force] = check;
      break;
    }
    case 'declared':
      break;
  }
}

/** Apply a committed batch: all of it or (when the commit failed) none of it. One version step. */
export function applyBatch(state: LiveState, accepted: readonly AcceptedEvent[]): void {
  for (const a of accepted) applyEvent(state, a);
  if (accepted.length > 0) state.version += 1;
}
