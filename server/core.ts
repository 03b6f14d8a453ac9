import type { Config } from '../shared/config.ts';
import { TruckEvent } from '../shared/events.ts';
import { applyBatch, applyEvent, contentHash, createState, type AcceptedEvent, type LiveState } from './domain/index.ts';
import type { EventLog, LogRecord } from './store/event-log.ts';

// The live core: the domain state plus the log it is rebuilt from. Commit is "log first, then
// state", so the state never shows an event the log might not hold.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** An accepted event with its canonical JSON, ready to be stored. */
export interface CommittableEvent extends AcceptedEvent {
  body: string;
}

export interface LiveCore {
  readonly state: LiveState;
  readonly clock: Clock;
  /** Store durably, then apply: all of the batch or none of it. Returns the new state version. */
  commit(events: readonly CommittableEvent[]): number;
}

export function createLiveCore(deps: { config: Config; log: EventLog; clock: Clock }): LiveCore {
  const state = createState({ timezone: deps.config.timezone, gates: deps.config.gates });
  rebuild(state, deps.log);
  return {
    state,
    clock: deps.clock,
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
      applyBatch(state, events);
      return state.version;
    },
  };
}

/** Replay the whole log in order. Bodies are parsed again: the log is external data too. */
function rebuild(state: LiveState, log: EventLog): void {
  for (const record of log.replay()) {
    const parsed = TruckEvent.safeParse(JSON.parse(record.body));
    if (!parsed.success) throw new Error(`event log seq ${record.seq} does not parse: ${parsed.error.message}`);
    applyEvent(state, { event: parsed.data, hash: contentHash(record.body) });
  }
  // Versions continue above anything a client saw before a restart: each batch held ≥ 1 event.
  state.version = log.count();
}
