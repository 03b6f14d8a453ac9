import type { ClockStatus } from '../shared/clock.ts';
import type { Config } from '../shared/config.ts';
import { TruckEvent } from '../shared/events.ts';
import { Notice } from '../shared/notices.ts';
import {
  applyBatch,
  applyEvent,
  contentHash,
  createState,
  putNotice,
  updateAlerts,
  type AcceptedEvent,
  type LiveState,
  type StopNoticeRecord,
} from './domain/index.ts';
import type { EventLog, LogRecord } from './store/event-log.ts';
import type { NoticeStore, StoredNotice } from './store/side-tables.ts';

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
}

export function createLiveCore(deps: { config: Config; log: EventLog; notices: NoticeStore; clock: Clock }): LiveCore {
  const state = createState({ timezone: deps.config.timezone, gates: deps.config.gates });
  const alertThreshold = deps.config.alerts.queueShareOfCapacity;
  rebuild(state, deps.log, deps.notices);
  updateAlerts(state, state.gates.keys(), alertThreshold, deps.clock.now());
  return {
    state,
    clock: deps.clock,
    alertThreshold,
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
      return { version: state.version, touched, alertsChanged };
    },
    saveNotice(notice) {
      deps.notices.put(notice);
      state.version += 1;
      return putNotice(state, notice);
    },
    eventsOf(declarationId) {
      return deps.log.eventsOf(declarationId).flatMap((body) => {
        const parsed = TruckEvent.safeParse(JSON.parse(body));
        return parsed.success ? [parsed.data] : [];
      });
    },
  };
}

/** Replay the whole log in order, then load notices. Bodies are parsed again: the store is external data too. */
function rebuild(state: LiveState, log: EventLog, notices: NoticeStore): void {
  for (const record of log.replay()) {
    const parsed = TruckEvent.safeParse(JSON.parse(record.body));
    if (!parsed.success) throw new Error(`event log seq ${record.seq} does not parse: ${parsed.error.message}`);
    applyEvent(state, { event: parsed.data, hash: contentHash(record.body) });
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
}
