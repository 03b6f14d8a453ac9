import type { SnapshotStore } from './snapshot-file.ts';

// The append-only event log (sổ sự kiện) behind one small interface, so SQLite can be swapped
// for another store, or faked in tests, without touching the domain or the routers.

export interface LogRecord {
  eventId: string;
  declarationId: string;
  gateId: string;
  type: string;
  occurredAtMs: number;
  /** Canonical JSON of the parsed event. */
  body: string;
}

export interface StoredRecord {
  seq: number;
  body: string;
}

export interface EventLog {
  /** Append all records in one transaction: durable when it returns, nothing stored when it throws. */
  appendBatch(records: readonly LogRecord[]): void;
  /** Every record in log order (rebuild on start); only those after `afterSeq` when given (the tail after a snapshot). */
  replay(afterSeq?: number): Iterable<StoredRecord>;
  /** eventId of the record at `seq`, if there is one (ties a snapshot to this very log). */
  eventIdAt(seq: number): string | undefined;
  /** Bodies of one declaration's events, in log order (GET /declarations/:id). */
  eventsOf(declarationId: string): string[];
  /** Highest seq so far (0 when empty) and number of records. */
  lastSeq(): number;
  count(): number;
  /** Where snapshots of the state built from this log are kept, when the store keeps them. */
  readonly snapshots?: SnapshotStore;
  /** Run `hook` when the log is closed, before it closes (the last snapshot at a graceful shutdown). */
  beforeClose?(hook: () => void): void;
  close(): void;
}

/** In-memory log for tests and benchmarks: same contract, no durability. */
export function createMemoryEventLog(): EventLog {
  const records: (StoredRecord & { declarationId: string; eventId: string })[] = [];
  const ids = new Set<string>();
  return {
    appendBatch(batch) {
      const fresh = new Set<string>();
      for (const r of batch) {
        if (ids.has(r.eventId) || fresh.has(r.eventId)) throw new Error(`duplicate event_id ${r.eventId}`);
        fresh.add(r.eventId);
      }
      for (const r of batch) {
        ids.add(r.eventId);
        records.push({ seq: records.length + 1, body: r.body, declarationId: r.declarationId, eventId: r.eventId });
      }
    },
    replay: (afterSeq = 0) => records.slice(afterSeq).values(),
    eventIdAt: (seq) => records[seq - 1]?.eventId,
    eventsOf: (id) => records.filter((r) => r.declarationId === id).map((r) => r.body),
    lastSeq: () => records.length,
    count: () => records.length,
    close() {},
  };
}
