import type { GateBuckets } from './buckets.ts';
import type { ContentHash } from './content-hash.ts';
import type { DeclarationState } from './declaration.ts';
import type { GateCounters, LiveState } from './state.ts';
import type { TradeTable } from './trade.ts';
import type { Direction } from '../../shared/primitives.ts';

// The aggregate as plain data (Maps, Sets, arrays, objects: nothing with behaviour), so the store can
// keep a snapshot of it and a restart replays only the log's tail. Notices (their own table), alerts
// (re-evaluated at start) and the version (derived from the log) are not part of it, nor is
// localTime (functions). Bump the format whenever the shape of LiveState's data changes: a snapshot
// of another format is never read, the log is replayed instead.

export const STATE_IMAGE_FORMAT = 1;

export interface GateImage {
  counters: Record<Direction, GateCounters>;
  buckets: GateBuckets;
  queuedIds: Set<string>;
}

export interface StateImage {
  format: number;
  /** What the image was computed under: a change here makes it stale (see stateFingerprint). */
  fingerprint: string;
  eventCount: number;
  gates: Map<string, GateImage>;
  declarations: Map<string, DeclarationState>;
  eventHashes: Map<string, ContentHash>;
  plates: Map<string, Set<string>>;
  byTaxCode: Map<string, Set<string>>;
  trade: TradeTable;
}

/** The configuration the aggregate depends on: the timezone (buckets) and which gates exist (ignored events). */
export const stateFingerprint = (state: LiveState): string =>
  JSON.stringify({ timeZone: state.localTime.timeZone, gates: [...state.gates.keys()].sort() });

/** The state's data, shared not copied: serialise it before the state changes again. */
export function stateImage(state: LiveState): StateImage {
  const gates = new Map<string, GateImage>();
  for (const [id, g] of state.gates) gates.set(id, { counters: g.counters, buckets: g.buckets, queuedIds: g.queuedIds });
  return {
    format: STATE_IMAGE_FORMAT,
    fingerprint: stateFingerprint(state),
    eventCount: state.eventCount,
    gates,
    declarations: state.declarations,
    eventHashes: state.eventHashes,
    plates: state.plates,
    byTaxCode: state.byTaxCode,
    trade: state.trade,
  };
}

export type RestoreOutcome = { ok: true } | { ok: false; reason: string };

const isMap = (v: unknown): v is Map<unknown, unknown> => v instanceof Map;

/**
 * Put an image into a FRESH state (nothing applied yet). Refuses an image of another format, taken
 * under other gates or timezone, or whose parts are not what they claim; the state is then untouched.
 */
export function restoreState(state: LiveState, image: unknown): RestoreOutcome {
  if (state.eventCount !== 0 || state.declarations.size !== 0) return { ok: false, reason: 'state is not fresh' };
  if (image === null || typeof image !== 'object') return { ok: false, reason: 'not an object' };
  const img = image as Partial<StateImage>; // checked field by field below before any use
  if (img.format !== STATE_IMAGE_FORMAT) return { ok: false, reason: `format ${String(img.format)}, expected ${STATE_IMAGE_FORMAT}` };
  if (img.fingerprint !== stateFingerprint(state)) return { ok: false, reason: 'taken under another timezone or set of gates' };
  const { gates, declarations, eventHashes, plates, byTaxCode, trade, eventCount } = img;
  if (!isMap(gates) || !isMap(declarations) || !isMap(eventHashes) || !isMap(plates) || !isMap(byTaxCode) || !isMap(trade)) {
    return { ok: false, reason: 'a part is missing' };
  }
  if (typeof eventCount !== 'number' || eventHashes.size !== eventCount) return { ok: false, reason: 'event count does not match' };
  for (const id of state.gates.keys()) {
    const g = gates.get(id);
    if (!g || !(g.queuedIds instanceof Set) || !isMap(g.buckets.hours) || !isMap(g.buckets.days)) return { ok: false, reason: `gate ${id} is missing` };
  }
  for (const [id, live] of state.gates) {
    const g = gates.get(id);
    if (!g) continue;
    live.counters = g.counters;
    live.buckets = g.buckets;
    live.queuedIds = g.queuedIds;
  }
  state.declarations = declarations;
  state.eventHashes = eventHashes;
  state.plates = plates;
  state.byTaxCode = byTaxCode;
  state.trade = trade;
  state.eventCount = eventCount;
  return { ok: true };
}
