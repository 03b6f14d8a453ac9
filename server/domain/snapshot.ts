import { asciiJson } from '../ascii-json.ts';
import type { DeclaredEvent } from '../../shared/events.ts';
import type { Direction } from '../../shared/primitives.ts';
import { indexByStatus } from './apply.ts';
import type { Bucket, GateBuckets, HourBucket } from './buckets.ts';
import type { FlowHour } from './flows.ts';
import type { DeclarationState } from './declaration.ts';
import { EventIdTable, type EventIdTableImage } from './event-ids.ts';
import { intern } from './intern.ts';
import type { GateCounters, LiveState } from './state.ts';
import type { TradeTable } from './trade.ts';

// The aggregate as plain data, so the store can keep a snapshot of it and a restart replays only the
// log's tail. Shaped for a fast restore: the million-entry parts are flat (one JSON text, one
// Float64Array) rather than millions of small objects, which v8.deserialize rebuilds slowly; the
// plate, tax-code and queue indexes are rebuilt from the declarations. Notices (their own table),
// alerts (re-evaluated at start), the version (derived from the log) and localTime (functions) are
// not part of it. Bump the format whenever the shape changes: a snapshot of another format is never
// read, the log is replayed instead.

// 9: the gates' counters and buckets are a JSON text (v8.deserialize rebuilt their ≈ 100,000 objects in 0.8 s
//    at 1M events, JSON.parse in 0.4 s).
// 8: a declaration row's repeated strings (gate, plates, tax code, name, cargo description, HS code, check
//    notes) are numbers into the head's `strings`.
// 7: the eventIds and their content hashes are the flat table's arrays (event-ids.ts), in the head.
// 6: a declaration row may carry its original and amendments (a 7th element).
// 5: counters carry `handover` and `ready` (procedures); checks may hold the hand-over step.
// 4: buckets carry hourly flows by direction × category (3: content hashes are cyrb53 of the canonical JSON).
export const STATE_IMAGE_FORMAT = 9;

/** A gate's part of the image: [id, counters, hours, days, flows], each Map as its entries. */
type GateRow = [id: string, counters: Record<Direction, GateCounters>, hours: [number, HourBucket][], days: [number, Bucket][], flows: [number, FlowHour][]];

type Amended = { original: NonNullable<DeclarationState['original']>; amendments: NonNullable<DeclarationState['amendments']> };
type DeclarationRow =
  | [id: string, declared: DeclarationState['declared'], arrivedAt: number | null, clearedAt: number | null, cancelledAt: number | null, checks: DeclarationState['checks']]
  | [id: string, declared: DeclarationState['declared'], arrivedAt: number | null, clearedAt: number | null, cancelledAt: number | null, checks: DeclarationState['checks'], amended: Amended];

export interface StateImageHead {
  format: number;
  /** What the image was computed under: a change here makes it stale (see stateFingerprint). */
  fingerprint: string;
  eventCount: number;
  /** eventId → content hash: the flat table's arrays. */
  eventIds: EventIdTableImage;
  /** The repeated strings of the declarations (interned ones: intern.ts), which their rows refer to by number. */
  strings: string[];
  trade: TradeTable;
  /** Rows of the log before the image that could not be decoded (still reported after a restart). */
  undecodable?: LiveState['undecodable'];
  /** Ids of the journal's rule changes the counters were computed under (server/core/rebuild.ts puts them in first). */
  rules: string[];
}

/** `head` is structured data; `texts` are [JSON of DeclarationRow[], JSON of GateRow[]] — big, so the store writes them as plain text. */
export interface StateImage {
  head: StateImageHead;
  texts: [declarations: string, gates: string];
}

/**
 * The configuration the aggregate depends on: the timezone (buckets), which gates exist (ignored events) and
 * the configured procedures (which checks each truck awaits). The journal's rule changes are not part of it:
 * a rebuild puts those up to the image's position in before restoring it (server/core/rebuild.ts).
 */
export const stateFingerprint = (state: LiveState): string => {
  const configured = state.rules.all.filter((r) => r.source === 'config').map((r) => [r.gateIds, r.direction, r.categories ?? null, r.fromMs, r.procedure]);
  return JSON.stringify({ timeZone: state.localTime.timeZone, gates: [...state.gates.keys()].sort(), procedures: [state.rules.defaultProcedure, configured] });
};

// A declaration's repeated strings, in its row as numbers into the image's string list. The JSON text is
// then shorter and almost all ASCII (the names and descriptions are Vietnamese: the file stores the text
// as ASCII with \u escapes, which costs a function call per accented character), and a restore makes one
// copy of each string instead of one per declaration (what intern.ts does at ingest).
type Packed = <T>(s: T) => T;

function withStrings(d: DeclaredEvent, put: Packed): DeclaredEvent {
  const { vehicle, enterprise, cargo } = d;
  return {
    ...d,
    gateId: put(d.gateId),
    vehicle: { ...vehicle, plate: put(vehicle.plate), ...(vehicle.trailerPlate === undefined ? {} : { trailerPlate: put(vehicle.trailerPlate) }) },
    enterprise: { ...enterprise, taxCode: put(enterprise.taxCode), name: put(enterprise.name) },
    cargo: { ...cargo, description: put(cargo.description), ...(cargo.hsCode === undefined ? {} : { hsCode: put(cargo.hsCode) }) },
  };
}

/** The checks with their notes (a few texts that recur: "Thiếu giấy chứng nhận kiểm dịch") by number; the same object when none has one. */
function withNotes(checks: DeclarationState['checks'], put: Packed): DeclarationState['checks'] {
  if (!Object.values(checks).some((c) => c?.note !== undefined)) return checks;
  return Object.fromEntries(Object.entries(checks).map(([key, c]) => [key, c?.note === undefined ? c : { ...c, note: put(c.note) }]));
}

/** Notes back to strings, in place; false when one is not a number of the list. */
function unpackNotes(checks: DeclarationState['checks'], strings: readonly string[]): boolean {
  for (const c of Object.values(checks)) {
    if (typeof c !== 'object' || c === null || c.note === undefined) continue;
    const note = typeof c.note === 'number' ? strings[c.note] : undefined;
    if (note === undefined) return false;
    c.note = note;
  }
  return true;
}

/** The packed fields back to strings, in place; false when one is not a number of the list. */
function unpackStrings(d: DeclaredEvent, strings: readonly string[]): boolean {
  let ok = true;
  const take = <T>(n: T): T => {
    const s = typeof n === 'number' ? strings[n] : undefined;
    if (s === undefined) ok = false;
    return s as T;
  };
  const { vehicle, enterprise, cargo } = d;
  if (typeof vehicle !== 'object' || vehicle === null || typeof enterprise !== 'object' || enterprise === null || typeof cargo !== 'object' || cargo === null) return false;
  d.gateId = take(d.gateId);
  vehicle.plate = take(vehicle.plate);
  if (vehicle.trailerPlate !== undefined) vehicle.trailerPlate = take(vehicle.trailerPlate);
  enterprise.taxCode = take(enterprise.taxCode);
  enterprise.name = take(enterprise.name);
  cargo.description = take(cargo.description);
  if (cargo.hsCode !== undefined) cargo.hsCode = take(cargo.hsCode);
  return ok;
}

/** The state's data; gates and trade are shared, not copied: serialise the image before the state changes again. */
export function stateImage(state: LiveState): StateImage {
  const gates: GateRow[] = [...state.gates].map(([id, g]) => [id, g.counters, [...g.buckets.hours], [...g.buckets.days], [...g.buckets.flows]]);
  const numbers = new Map<string, number>();
  const strings: string[] = [];
  const put = <T>(s: T): T => {
    const text = s as string;
    let n = numbers.get(text);
    if (n === undefined) {
      n = strings.push(text) - 1;
      numbers.set(text, n);
    }
    return n as T;
  };
  // One JSON text per row, joined: a row with a character outside ASCII (an amendment's values, an unusual
  // id) is escaped alone, so the file store finds the whole text in ASCII and writes it as it is.
  const rows: string[] = [];
  for (const [id, d] of state.declarations) {
    const row: DeclarationRow = [id, withStrings(d.declared, put), d.arrivedAt ?? null, d.clearedAt ?? null, d.cancelledAt ?? null, withNotes(d.checks, put)];
    rows.push(asciiJson(JSON.stringify(d.original && d.amendments ? [...row, { original: d.original, amendments: d.amendments }] : row)));
  }
  return {
    head: { format: STATE_IMAGE_FORMAT, fingerprint: stateFingerprint(state), eventCount: state.eventCount, eventIds: state.eventHashes.image(), strings, trade: state.trade, undecodable: { count: state.undecodable.count, rows: state.undecodable.rows }, rules: [...state.rules.applied] },
    texts: [`[${rows.join(',')}]`, asciiJson(JSON.stringify(gates))],
  };
}

export type RestoreOutcome = { ok: true } | { ok: false; reason: string };

const isMap = (v: unknown): v is Map<unknown, unknown> => v instanceof Map;

const isEntries = (v: unknown): v is [number, object][] =>
  Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'number' && typeof e[1] === 'object' && e[1] !== null);

/** The gates' rows back to counters and buckets (Maps again); undefined when a row is not a gate's. */
function gatesOf(rows: unknown[] | undefined): Map<string, { counters: Record<Direction, GateCounters>; buckets: GateBuckets }> | undefined {
  if (!rows) return undefined;
  const out = new Map<string, { counters: Record<Direction, GateCounters>; buckets: GateBuckets }>();
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== 5) return undefined;
    const [id, counters, hours, days, flows] = row as unknown[];
    if (typeof id !== 'string' || typeof counters !== 'object' || counters === null || !isEntries(hours) || !isEntries(days) || !isEntries(flows)) return undefined;
    out.set(id, { counters: counters as Record<Direction, GateCounters>, buckets: { hours: new Map(hours as [number, HourBucket][]), days: new Map(days as [number, Bucket][]), flows: new Map(flows as [number, FlowHour][]) } });
  }
  return out;
}

function parseArray(text: unknown): unknown[] | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Put an image into a FRESH state (nothing applied yet). Refuses an image of another format, taken
 * under other gates or timezone, or whose parts are not what they claim; the state is then untouched.
 * The image passed the store's checksum, so it is what this code wrote: the checks here catch a
 * format mix-up, not tampering.
 */
export function restoreState(state: LiveState, head: unknown, texts: readonly string[]): RestoreOutcome {
  if (state.eventCount !== 0 || state.declarations.size !== 0) return { ok: false, reason: 'state is not fresh' };
  if (head === null || typeof head !== 'object') return { ok: false, reason: 'not an object' };
  const img = head as Partial<StateImageHead>; // each field is checked below before it is used
  if (img.format !== STATE_IMAGE_FORMAT) return { ok: false, reason: `format ${String(img.format)}, expected ${STATE_IMAGE_FORMAT}` };
  if (img.fingerprint !== stateFingerprint(state)) return { ok: false, reason: 'taken under another timezone or set of gates' };
  const { trade, eventCount } = img;
  const rows = parseArray(texts[0]) as DeclarationRow[] | undefined; // written by stateImage, checksummed
  const gates = gatesOf(parseArray(texts[1]));
  const eventIds = typeof img.eventIds === 'object' && img.eventIds !== null ? EventIdTable.fromImage(img.eventIds) : undefined;
  if (!gates || !isMap(trade) || !rows || !eventIds) return { ok: false, reason: 'a part is missing' };
  if (typeof eventCount !== 'number' || eventIds.size !== eventCount) return { ok: false, reason: 'event count does not match' };
  for (const id of state.gates.keys()) {
    if (!gates.has(id)) return { ok: false, reason: `gate ${id} is missing` };
  }
  // Shape of every row before anything is changed, so a refused image leaves the state fresh.
  const numOrNull = (v: unknown): boolean => v === null || typeof v === 'number';
  // One copy of each, shared with the declarations ingested later (intern.ts).
  const strings = Array.isArray(img.strings) && img.strings.every((s) => typeof s === 'string') ? img.strings.map(intern) : undefined;
  if (!strings) return { ok: false, reason: 'a part is missing' };
  const goodRow = (r: unknown): boolean =>
    Array.isArray(r) && (r.length === 6 || (r.length === 7 && typeof r[6] === 'object' && r[6] !== null)) && typeof r[0] === 'string' && typeof r[1] === 'object' && r[1] !== null &&
    numOrNull(r[2]) && numOrNull(r[3]) && numOrNull(r[4]) && typeof r[5] === 'object' && r[5] !== null && unpackStrings(r[1] as DeclaredEvent, strings) && unpackNotes(r[5] as DeclarationState['checks'], strings);
  if (!rows.every(goodRow)) return { ok: false, reason: 'a declaration is malformed' };
  for (const [id, live] of state.gates) {
    const g = gates.get(id);
    if (!g) continue;
    live.counters = g.counters;
    live.buckets = g.buckets;
  }
  for (const [id, declared, arrivedAt, clearedAt, cancelledAt, checks, amended] of rows) {
    const decl: DeclarationState = { declared, checks };
    if (amended) {
      decl.original = amended.original;
      decl.amendments = amended.amendments;
    }
    if (arrivedAt !== null) decl.arrivedAt = arrivedAt;
    if (clearedAt !== null) decl.clearedAt = clearedAt;
    if (cancelledAt !== null) decl.cancelledAt = cancelledAt;
    state.declarations.set(id, decl);
    const gate = state.gates.get(declared.gateId);
    if (gate) indexByStatus(gate, id, decl);
  }
  state.eventHashes = eventIds;
  state.unindexed.rest = state.declarations.entries(); // plates and tax codes: after the server serves (indexes.ts)
  state.trade = trade;
  state.eventCount = eventCount;
  const u = img.undecodable;
  if (u && typeof u.count === 'number' && Array.isArray(u.rows)) state.undecodable = { count: u.count, rows: u.rows };
  return { ok: true };
}
