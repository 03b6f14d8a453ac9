import type { Notice } from '../../shared/notices.ts';
import { DIRECTIONS, FORCES, type Direction, type Force } from '../../shared/primitives.ts';
import { createGateBuckets, type GateBuckets } from './buckets.ts';
import { EventIdTable } from './event-ids.ts';
import { zeroAwaiting, type Contribution, type DeclarationState } from './declaration.ts';
import { createPlateIndex, type PlateIndex } from './plate-index.ts';
import { createRules, type Rules, type RulesConfig } from './procedures.ts';
import { createLocalTime, type LocalTime } from './time.ts';
import type { TradeTable } from './trade.ts';

// The in-memory aggregate of the event log. It is owned by one place and updated in place,
// one event at a time (O(1)), which is what lets a 10,000-event batch go through in milliseconds.

export interface GateInfo {
  id: string;
  name: { vi: string; en: string };
  lat: number;
  lon: number;
  yardCapacity: number;
}

export interface GateCounters {
  expected: number;
  queued: number;
  cleared: number;
  awaiting: Record<Force, number>;
  /** Queued trucks with their hand-over step open. */
  handover: number;
  /** Queued trucks with every step of their procedure confirmed. */
  ready: number;
}

export interface GateState {
  info: GateInfo;
  counters: Record<Direction, GateCounters>;
  buckets: GateBuckets;
  /** Ids of the declarations queued at this gate now: worklists and queue positions read only these. */
  queuedIds: Set<string>;
  /** Ids of the declarations expected here (declared, not yet arrived): the forecast reads only these. */
  expectedIds: Set<string>;
}

/** Stop-receiving notice (thông báo tạm dừng tiếp nhận), times parsed once. */
export interface StopNoticeRecord {
  notice: Omit<Notice, 'active'>;
  fromMs: number;
  untilMs?: number;
  liftedAtMs?: number;
}

export interface LiveState {
  localTime: LocalTime;
  gates: Map<string, GateState>;
  declarations: Map<string, DeclarationState>;
  /** eventId → canonical content hash: tells a duplicate from a conflict (flat: server/domain/event-ids.ts). */
  eventHashes: EventIdTable;
  notices: Map<string, StopNoticeRecord>;
  /** Plates (truck and trailer) → declaration ids, for GET /vehicles: indexed, never scanned. */
  plates: PlateIndex;
  /** Enterprise tax code (mã số thuế) → its declaration ids. */
  byTaxCode: Map<string, Set<string>>;
  /**
   * Declarations a snapshot's restore put in without indexing their plates and tax code: the server serves
   * first and indexes them a slice at a time (indexes.ts `indexPending`); a look-up finishes it first.
   * Read `plates` and `byTaxCode` only through `findByPlate` and `idsOfTaxCode`.
   */
  unindexed: { rest?: Iterator<[string, DeclarationState]> };
  /** Gate id → when its queue first crossed the alert threshold (while it stays above). */
  alerts: Map<string, number>;
  trade: TradeTable;
  eventCount: number;
  /** The procedure rules and service patterns (configured, then the journal's changes). */
  rules: Rules;
  /** Log rows a rebuild could not decode: left out of every figure, reported loudly (first rows listed). */
  undecodable: { count: number; rows: UndecodableRow[]; /** When the rebuild that found them ran. */ sinceMs?: number };
}

/** A stored row that is not JSON or not an event's shape; its figures are missing until it is repaired. */
export interface UndecodableRow {
  seq: number;
  reason: string;
}

const emptyCounters = (): GateCounters => ({ expected: 0, queued: 0, cleared: 0, awaiting: zeroAwaiting(), handover: 0, ready: 0 });

export function createState(opts: { timezone?: string; gates: readonly GateInfo[] } & RulesConfig): LiveState {
  const gates = new Map<string, GateState>();
  for (const g of opts.gates) {
    const info: GateInfo = { id: g.id, name: { vi: g.name.vi, en: g.name.en }, lat: g.lat, lon: g.lon, yardCapacity: g.yardCapacity };
    gates.set(g.id, { info, counters: { export: emptyCounters(), import: emptyCounters() }, buckets: createGateBuckets(), queuedIds: new Set(), expectedIds: new Set() });
  }
  return {
    localTime: createLocalTime(opts.timezone),
    gates,
    declarations: new Map(),
    eventHashes: new EventIdTable(),
    notices: new Map(),
    plates: createPlateIndex(),
    byTaxCode: new Map(),
    unindexed: {},
    alerts: new Map(),
    trade: new Map(),
    eventCount: 0,
    rules: createRules(opts, opts.gates.map((g) => g.id)),
    undecodable: { count: 0, rows: [] },
  };
}

/** Apply after − before of one declaration to its gate × direction counters. */
export function applyDifference(counters: GateCounters, before: Contribution, after: Contribution): void {
  counters.expected += after.expected - before.expected;
  counters.queued += after.queued - before.queued;
  counters.cleared += after.cleared - before.cleared;
  counters.handover += after.handover - before.handover;
  counters.ready += after.ready - before.ready;
  for (const force of FORCES) counters.awaiting[force] += after.awaiting[force] - before.awaiting[force];
}

export const totalOf = (gate: GateState, pick: (c: GateCounters) => number): number =>
  DIRECTIONS.reduce((sum, d) => sum + pick(gate.counters[d]), 0);
