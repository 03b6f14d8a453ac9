import type { ClockStatus } from '../shared/clock.ts';
import type { Config } from '../shared/config.ts';
import { StoredTruckEvent, type TruckEvent } from '../shared/events.ts';
import { Notice } from '../shared/notices.ts';
import {
  applyBatch,
  applyEvent,
  contentHash,
  createState,
  putNotice,
  restoreState,
  stateImage,
  updateAlerts,
  type AcceptedEvent,
  type LiveState,
  type StopNoticeRecord,
} from './domain/index.ts';
import type { EventLog, LogRecord } from './store/event-log.ts';
import type { NoticeStore, StoredNotice } from './store/side-tables.ts';
import type { SnapshotStore } from './store/snapshot-file.ts';

// The live core: the domain state plus the log it is rebuilt from. Commit is "log first, then
// state", so the state never shows an event (or notice) the store might not hold.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A replay's clock: faster than the wall, pausable (CONTRACT §2 "the replayed time"). */
export interface SimulatedClock extends Clock {
  setSpeed(speed: number): void;
  setPaused(paused: boolean): void;
  status(formatIso: (ms: number) => string): ClockStatus;
}

/** An accepted event with its canonical JSON, ready to be stored. */
export interface CommittableEvent extends AcceptedEvent {
  body: string;
}

export interface CommitResult {
  version: number;
  /** Declarations the batch touched (for worklists and enterprises' live views). */
  touched: Set<string>;
  /** True when an operator alert was raised or cleared. */
  alertsChanged: boolean;
}

export interface LiveCore {
  readonly state: LiveState;
  readonly clock: Clock;
  /** Share of yard capacity at which a queue raises an operator alert. */
  readonly alertThreshold: number;
  /** Store durably, then apply: all of the batch or none of it. */
  commit(events: readonly CommittableEvent[]): CommitResult;
  /** Store a new or lifted notice durably, then put it in the state (one version step). */
  saveNotice(notice: StoredNotice): StopNoticeRecord;
  /** A declaration's events from the log, parsed again (the log is external data). */
  eventsOf(declarationId: string): TruckEvent[];
  /** How the state was rebuilt at start. */
  readonly rebuilt: RebuildInfo;
  /** Write a snapshot of the state now (no-op without a snapshot store or when nothing changed since the last). */
  saveSnapshot(): SnapshotSaved | undefined;
}

export interface RebuildInfo {
  /** Log seq the snapshot covered (0: full replay), and why a snapshot was not used. */
  fromSeq: number;
  snapshotRefused?: string;
  /** Records replayed from the log after the snapshot. */
  replayed: number;
}

/** Rows listed in detail; beyond this only counted (a broken log must not flood memory or /healthz). */
const UNDECODABLE_LISTED = 20;

/** Decode one stored body by shape and type (never by today's input rules); undefined with a reason. */
export function decodeStored(body: string): { event: TruckEvent } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { reason: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = StoredTruckEvent.safeParse(value);
  if (parsed.success) return { event: parsed.data };
  const issue = parsed.error.issues[0];
  return { reason: issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'not an event' };
}

export interface SnapshotSaved {
  seq: number;
  bytes: number;
  ms: number;
}

export interface LiveCoreDeps {
  config: Config;
  log: EventLog;
  notices: NoticeStore;
  clock: Clock;
  /** Where snapshots of the state live (default: the log's own); none: every start replays the whole log. */
  snapshots?: SnapshotStore;
  /** A snapshot falls due once this many events — and half the events held — came in since the last. */
  snapshotEveryEvents?: number;
  /** …or this long (ms) after the last one while events came in; always at a graceful shutdown (the log's close). */
  snapshotEveryMs?: number;
  /**
   * A due snapshot is written only once no batch was committed for this long (ms): writing one blocks the
   * event loop ≈ 8 µs per event held, so it never runs during sustained ingest.
   */
  snapshotIdleMs?: number;
  /** Told about snapshots written in the background, and about failures (never fatal: the log is the truth). */
  onSnapshot?(outcome: SnapshotSaved | Error): void;
}

export const DEFAULT_SNAPSHOT_EVERY_EVENTS = 200_000;
export const DEFAULT_SNAPSHOT_EVERY_MS = 10 * 60_000;
export const DEFAULT_SNAPSHOT_IDLE_MS = 5_000;

export function createLiveCore(deps: LiveCoreDeps): LiveCore {
  const state = createState({ timezone: deps.config.timezone, gates: deps.config.gates });
  const alertThreshold = deps.config.alerts.queueShareOfCapacity;
  const snapshots = deps.snapshots ?? deps.log.snapshots;
  const rebuilt = rebuild(state, deps.log, deps.notices, snapshots);
  if (state.undecodable.count > 0) state.undecodable.sinceMs = deps.clock.now();
  updateAlerts(state, state.gates.keys(), alertThreshold, deps.clock.now());
  const every = deps.snapshotEveryEvents ?? DEFAULT_SNAPSHOT_EVERY_EVENTS;
  let snapshotSeq = rebuilt.fromSeq;
  let sinceSnapshot = rebuilt.replayed;
  const idleMs = deps.snapshotIdleMs ?? DEFAULT_SNAPSHOT_IDLE_MS;
  let lastCommitAt = performance.now();
  let idleTimer: NodeJS.Timeout | undefined;

  const saveSnapshot = (): SnapshotSaved | undefined => {
    const seq = deps.log.lastSeq();
    const eventId = deps.log.eventIdAt(seq);
    if (!snapshots || seq === snapshotSeq || eventId === undefined) return undefined;
    const t0 = performance.now();
    // Synchronous from reading lastSeq to the end of serialisation: no commit can slip in between.
    const { bytes } = snapshots.save({ seq, eventId }, stateImage(state));
    snapshotSeq = seq;
    sinceSnapshot = 0;
    return { seq, bytes, ms: performance.now() - t0 };
  };
  // A failed snapshot is never fatal (the log is the truth): it is reported, and the next start replays more.
  const trySnapshot = (): void => {
    try {
      const saved = saveSnapshot();
      if (saved) deps.onSnapshot?.(saved);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (deps.onSnapshot) deps.onSnapshot(error);
      else process.emitWarning(`state snapshot not written: ${error.message}`);
    }
  };
  // A snapshot is due (threshold or period reached): write it once ingest has been idle for `idleMs` —
  // never between two batches of a sustained ingest, where it would stall requests and live deltas.
  const waitForIdle = (): void => {
    if (idleTimer || !snapshots) return;
    const check = (): void => {
      const quietFor = performance.now() - lastCommitAt;
      if (quietFor < idleMs) {
        idleTimer = setTimeout(check, idleMs - quietFor);
        idleTimer.unref();
        return;
      }
      idleTimer = undefined;
      trySnapshot();
    };
    idleTimer = setTimeout(check, Math.max(0, idleMs - (performance.now() - lastCommitAt)));
    idleTimer.unref();
  };
  if (snapshots) {
    const timer = setInterval(() => {
      if (sinceSnapshot > 0) waitForIdle();
    }, deps.snapshotEveryMs ?? DEFAULT_SNAPSHOT_EVERY_MS);
    timer.unref();
    deps.log.beforeClose?.(() => {
      clearInterval(timer);
      clearTimeout(idleTimer);
      idleTimer = undefined;
      trySnapshot();
    });
  }

  return {
    state,
    clock: deps.clock,
    alertThreshold,
    rebuilt,
    saveSnapshot,
    commit(events) {
      const records: LogRecord[] = events.map(({ event, body }) => ({
        eventId: event.eventId,
        declarationId: event.declarationId,
        gateId: event.gateId,
        type: event.type,
        occurredAtMs: Date.parse(event.occurredAt),
        body,
      }));
      deps.log.appendBatch(records); // throws → nothing applied, the request fails with 500
      const touched = applyBatch(state, events);
      const gates = new Set(events.map((e) => e.event.gateId));
      const alertsChanged = updateAlerts(state, gates, alertThreshold, deps.clock.now());
      sinceSnapshot += records.length;
      lastCommitAt = performance.now();
      // Writing one costs time in proportion to the state (≈ 8 µs per event held), so the gap grows with
      // it: at least `every` events and at least half the events held — a bounded cost per event. It is
      // written when ingest pauses (`idleMs` without a batch), not now.
      if (sinceSnapshot >= Math.max(every, state.eventCount / 2)) waitForIdle();
      return { version: state.version, touched, alertsChanged };
    },
    saveNotice(notice) {
      deps.notices.put(notice);
      state.version += 1;
      return putNotice(state, notice);
    },
    eventsOf(declarationId) {
      return deps.log.eventsOf(declarationId).flatMap((body) => {
        const decoded = decodeStored(body);
        return 'event' in decoded ? [decoded.event] : [];
      });
    },
  };
}

/**
 * Restore the latest good snapshot, if any, and replay the log after it (else the whole log), then load
 * notices. Bodies are parsed again: the store is external data too. A snapshot is used only when it
 * verifies (checksum, format, gates and timezone) and its last event is the log's event at that seq.
 */
function rebuild(state: LiveState, log: EventLog, notices: NoticeStore, snapshots: SnapshotStore | undefined): RebuildInfo {
  let fromSeq = 0;
  let snapshotRefused: string | undefined;
  if (snapshots) {
    const loaded = snapshots.load();
    if (!loaded.ok) snapshotRefused = loaded.reason;
    else if (log.eventIdAt(loaded.meta.seq) !== loaded.meta.eventId) snapshotRefused = `log has no event ${loaded.meta.eventId} at seq ${loaded.meta.seq}`;
    else {
      const restored = restoreState(state, loaded.head, loaded.texts);
      if (restored.ok) fromSeq = loaded.meta.seq;
      else snapshotRefused = restored.reason;
    }
  }
  let replayed = 0;
  const { undecodable } = state;
  for (const record of log.replay(fromSeq)) {
    replayed += 1;
    const decoded = decodeStored(record.body);
    if ('reason' in decoded) {
      // One unreadable row must not keep the whole service from starting: it is left out and reported
      // (log, /metrics, /healthz, an operator alert) — never silently, never by judging facts anew.
      undecodable.count += 1;
      if (undecodable.rows.length < UNDECODABLE_LISTED) undecodable.rows.push({ seq: record.seq, reason: decoded.reason });
      continue;
    }
    applyEvent(state, { event: decoded.event, hash: contentHash(record.body) });
  }
  const stored = notices.all();
  for (const body of stored) {
    const parsed = Notice.omit({ active: true }).safeParse(JSON.parse(body));
    if (!parsed.success) throw new Error(`stored notice does not parse: ${parsed.error.message}`);
    putNotice(state, parsed.data);
  }
  // Versions continue above anything a client saw before a restart: each batch held ≥ 1 event,
  // each notice change is one step (a lift rewrites the row, so count it once more for safety).
  state.version = log.count() + 2 * stored.length;
  return snapshotRefused === undefined ? { fromSeq, replayed } : { fromSeq, snapshotRefused, replayed };
}
