import type { Checks, DeclarationState } from './declaration.ts';
import { contributionOf } from './declaration.ts';
import { indexByStatus } from './apply.ts';
import { applyDifference, type GateCounters, type GateState, type LiveState } from './state.ts';
import { zeroAwaiting } from './declaration.ts';

// Any past moment (CONTRACT §3 `GET /gates?asOf=`): the state as it stood at an instant, from what the
// live state already holds — each declaration with only its events dated at or before the instant, the
// notices whose window covers it (isActiveAt reads issue, end and lift times), the hourly buckets as they
// are (a reading at `asOf` looks at hours before it; the hour holding `asOf` may already count later
// events of that hour in the measured waits and the forecast's inputs). O(declarations), no I/O.
// What the live state does not keep is approximated: a force's check replaced by a later one is not
// known at the earlier instant (the truck counts as awaiting it), and amendments read as they stand now.

const emptyCounters = (): GateCounters => ({ expected: 0, queued: 0, cleared: 0, awaiting: zeroAwaiting(), handover: 0, ready: 0 });

function checksAt(checks: Checks, asOfMs: number): Checks {
  const out: Checks = {};
  for (const key of ['border_guard', 'customs', 'quarantine'] as const) {
    const c = checks[key];
    if (c && c.at <= asOfMs) out[key] = c;
  }
  if (checks.handover && checks.handover.at <= asOfMs) out.handover = checks.handover;
  return out;
}

export function stateAsOf(state: Readonly<LiveState>, asOfMs: number): LiveState {
  const gates = new Map<string, GateState>();
  for (const [id, g] of state.gates) {
    gates.set(id, { info: g.info, counters: { export: emptyCounters(), import: emptyCounters() }, buckets: g.buckets, queuedIds: new Set(), expectedIds: new Set() });
  }
  const declarations = new Map<string, DeclarationState>();
  const none = contributionOf(undefined, state.rules);
  for (const [id, d] of state.declarations) {
    const gate = gates.get(d.declared.gateId);
    if (!gate || Date.parse(d.declared.occurredAt) > asOfMs) continue;
    const past: DeclarationState = { ...d, checks: checksAt(d.checks, asOfMs) };
    if (d.arrivedAt !== undefined && d.arrivedAt > asOfMs) delete past.arrivedAt;
    if (d.clearedAt !== undefined && d.clearedAt > asOfMs) delete past.clearedAt;
    if (d.cancelledAt !== undefined && d.cancelledAt > asOfMs) delete past.cancelledAt;
    declarations.set(id, past);
    applyDifference(gate.counters[d.declared.direction], none, contributionOf(past, state.rules));
    indexByStatus(gate, id, past);
  }
  return { ...state, gates, declarations, alerts: new Map() };
}
