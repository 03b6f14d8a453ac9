import type { AmendmentChanges, DeclaredEvent } from '../../shared/events.ts';
import type { AmendmentRecord } from '../../shared/declarations.ts';
import type { AmendmentState, DeclarationState } from './declaration.ts';
import { flowArrived, flowCleared, flowDeclared, flowWait } from './flows.ts';
import { intern, internDeclared } from './intern.ts';
import type { LiveState } from './state.ts';
import { indexPending } from './indexes.ts';
import { plateMatches } from './plate-index.ts';
import { recordTrade, tradeKey } from './trade.ts';

// Amendments (CONTRACT §1): a declaration's effective values are the declared ones with, per field, the
// amendment of the latest occurredAt (ties: the greater eventId) among those dated before its cleared or
// cancelled event. Whatever depends on them — the category's flows, the trade value at clearing, the plate
// look-up — is taken out under the old values and put back under the new whenever they may change (an
// amendment, or a terminal event that makes a later amendment stop counting), so figures stay order-free.

export const AMENDABLE = ['vehicle.plate', 'vehicle.trailerPlate', 'cargo.description', 'cargo.category', 'cargo.hsCode', 'cargo.weightKg', 'cargo.valueUsd', 'cargo.localGoods'] as const;
export type AmendableField = (typeof AMENDABLE)[number];

/** The value a change names for a field, if it names it. */
export function changeOf(changes: AmendmentChanges, field: AmendableField): { value: unknown } | undefined {
  const [part, key] = field.split('.') as ['vehicle' | 'cargo', string];
  const group = changes[part] as Record<string, unknown> | undefined;
  return group && key in group && group[key] !== undefined ? { value: group[key] } : undefined;
}

const valueOf = (d: DeclaredEvent, field: AmendableField): unknown => {
  const [part, key] = field.split('.') as ['vehicle' | 'cargo', string];
  return (d[part] as Record<string, unknown>)[key];
};

/** When the declaration ended (cleared or cancelled, the earlier): amendments from then on do not count. */
export const terminalAt = (d: { clearedAt?: number | undefined; cancelledAt?: number | undefined }): number | undefined =>
  d.clearedAt === undefined ? d.cancelledAt : d.cancelledAt === undefined ? d.clearedAt : Math.min(d.clearedAt, d.cancelledAt);

const byTime = (a: AmendmentState, b: AmendmentState): number => a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** The amendments that count, oldest first. */
export function countingAmendments(d: DeclarationState): AmendmentState[] {
  const end = terminalAt(d);
  return (d.amendments ?? []).filter((a) => end === undefined || a.at < end).sort(byTime);
}

/** The effective declared event: the original with the counting amendments applied in time order. */
export function effectiveDeclared(d: DeclarationState): DeclaredEvent {
  const original = d.original ?? d.declared;
  const out: DeclaredEvent = { ...original, vehicle: { ...original.vehicle }, cargo: { ...original.cargo } };
  for (const a of countingAmendments(d)) {
    if (a.changes.vehicle) Object.assign(out.vehicle, definedOnly(a.changes.vehicle));
    if (a.changes.cargo) Object.assign(out.cargo, definedOnly(a.changes.cargo));
  }
  internDeclared(out);
  return out;
}

const definedOnly = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Take out (sign −1) or put back (1) what depends on a declaration's effective values: flows by category, trade. */
export function recordKind(state: LiveState, d: DeclarationState, sign: 1 | -1): void {
  const { gateId, direction, cargo } = d.declared;
  const gate = state.gates.get(gateId);
  if (!gate) return;
  const flows = gate.buckets.flows;
  const lt = state.localTime;
  const kind = { direction, category: cargo.category };
  const declaredAt = Date.parse(d.declared.occurredAt);
  flowDeclared(flows, lt, kind, declaredAt, sign);
  if (d.arrivedAt !== undefined) flowArrived(flows, lt, kind, declaredAt, d.arrivedAt, sign);
  if (d.clearedAt !== undefined) {
    flowCleared(flows, lt, kind, d.clearedAt, sign);
    if (d.arrivedAt !== undefined) flowWait(flows, lt, kind, d.arrivedAt, d.clearedAt, sign);
    recordTrade(state.trade, tradeKey(lt.dateOf(lt.dayIndex(d.clearedAt)), direction, gateId, cargo.category), cargo.valueUsd, direction === 'export' && cargo.localGoods, sign);
  }
}

/** Keep an amendment on its declaration (the first one keeps the original aside). */
export function addAmendment(d: DeclarationState, a: AmendmentState): void {
  if (!d.original) d.original = d.declared;
  const kept: AmendmentState = { ...a, eventId: intern(a.eventId) };
  (d.amendments ??= []).push(kept);
}

/**
 * The plates a declaration answers to in a look-up: as declared, and every plate an amendment that counts
 * gave it (the current one and the former ones).
 */
export function platesOf(d: DeclarationState): string[] {
  const out = [d.declared.vehicle.plate, d.declared.vehicle.trailerPlate];
  if (d.original) {
    out.push(d.original.vehicle.plate, d.original.vehicle.trailerPlate);
    for (const a of countingAmendments(d)) out.push(a.changes.vehicle?.plate, a.changes.vehicle?.trailerPlate);
  }
  return out.filter((p): p is string => p !== undefined);
}

/**
 * Index every plate a declaration was ever given, amendments that stopped counting included: the index only
 * narrows a look-up, `platesOf` decides (an index entry is never taken out, and which amendments count
 * depends on events that may come later).
 */
export function indexPlates(state: LiveState, id: string, d: DeclarationState): void {
  state.plates.add(d.declared.vehicle.plate, id);
  if (d.declared.vehicle.trailerPlate !== undefined) state.plates.add(d.declared.vehicle.trailerPlate, id);
  for (const a of d.amendments ?? []) {
    if (a.changes.vehicle?.plate !== undefined) state.plates.add(a.changes.vehicle.plate, id);
    if (a.changes.vehicle?.trailerPlate !== undefined) state.plates.add(a.changes.vehicle.trailerPlate, id);
  }
}

/** Declarations whose plates (as `platesOf` says) match a look-up (GET /vehicles). */
export function findByPlate(state: Readonly<LiveState>, query: string): string[] {
  indexPending(state);
  return [...state.plates.find(query)].filter((id) => {
    const d = state.declarations.get(id);
    return d !== undefined && (d.original === undefined || platesOf(d).some((p) => plateMatches(query, p)));
  });
}

/** Every amendment as the declaration's view shows it: each field it changed, old → new, in time order. */
export function amendmentRecords(d: DeclarationState, formatIso: (ms: number) => string): AmendmentRecord[] {
  if (!d.amendments || !d.original) return [];
  const end = terminalAt(d);
  const current: DeclaredEvent = { ...d.original, vehicle: { ...d.original.vehicle }, cargo: { ...d.original.cargo } };
  const out: AmendmentRecord[] = [];
  for (const a of [...d.amendments].sort(byTime)) {
    const counts = end === undefined || a.at < end;
    for (const field of AMENDABLE) {
      const change = changeOf(a.changes, field);
      if (!change) continue;
      out.push({ field, from: valueOf(current, field) ?? null, to: change.value ?? null, occurredAt: formatIso(a.at), eventId: a.eventId, counts, ...(a.by === undefined ? {} : { by: a.by }) } as AmendmentRecord);
      if (counts) {
        const [part, key] = field.split('.') as ['vehicle' | 'cargo', string];
        (current[part] as Record<string, unknown>)[key] = change.value;
      }
    }
  }
  return out;
}
