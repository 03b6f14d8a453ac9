import type { Store as RateLimitStore } from 'express-rate-limit';
import type { LogRecord, StoredRecord } from './event-log.ts';
import type { NotificationStore, WebhookStore } from './notification-tables.ts';
import type { AuditLog, RevocationStore, StoredDocument } from './side-tables.ts';
import type { SnapshotStore } from './snapshot-file.ts';

// The store port: everything the application core and the edges need from durable storage, behind one
// asynchronous interface with two implementations — the embedded SQLite file (server/store/sqlite-store.ts,
// one node) and PostgreSQL (server/store/postgres-store.ts, one or several nodes sharing one database).
//
// The journal. Truck events and notice changes take their positions from ONE counter (the journal):
// every appended event gets the next position as its `seq`; every notice written (issued or lifted) gets
// the next position as its `changeSeq`. A node's state is "the journal up to position p"; p is the live
// stream's `seq`, the same at every node. Writes are serialised deployment-wide (SQLite: one process owns
// the file; PostgreSQL: a transaction-scoped advisory lock), and a position is taken only inside that
// serialised turn, so the committed positions always form a prefix: reading "everything after p" never
// skips something that commits later with a smaller position.
//
// Every failure to reach or write the database is thrown as StorageUnavailable (server/store/errors.ts):
// nothing outside server/store names a driver's error code.

/** A notice row: its JSON body (the Notice without `active`) and the journal position of its last write. */
export interface StoredNoticeRow {
  changeSeq: number;
  body: string;
}

/** What was committed after a position: events and notice writes, in journal order each. */
export interface Tail {
  events: StoredRecord[];
  notices: StoredNoticeRow[];
  /** The position this tail brings a reader to (≥ the `from` it was read after). */
  position: number;
  /** False when only a page was read: read again from `position` for the rest. */
  complete: boolean;
}

/** What one write turn wants stored, decided against the state caught up with the tail. */
export interface WriteIntent<T> {
  /** Events to append, in order (may be empty: nothing is written). */
  records?: readonly LogRecord[];
  /** A notice to insert or replace (issue or lift), or a rule change to insert. */
  notice?: StoredDocument;
  /** Handed back to the caller once the turn committed. */
  result: T;
}

export interface Written<T> {
  result: T;
  /** Seq of each appended record, in order. */
  seqs: number[];
  /** changeSeq of the notice written, if one was. */
  noticeSeq?: number;
  /** The journal position after this turn (its tail and its own writes). */
  position: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Where this store lives, without any password (logs, /healthz). */
  readonly where: string;

  /**
   * One write turn, serialised with every other write of the deployment: reads what others committed
   * after `from` (the tail, complete), calls `turn(tail)` — which must apply the tail to its state and
   * then decide, synchronously — and stores what it returns in the same transaction. Durable when it
   * resolves. When it rejects, the intent was not stored — except when the connection was lost during
   * COMMIT itself (PostgreSQL), where it may have been: the next tail tells, and a resent batch comes back
   * as duplicates by eventId. (The tail was committed by others either way.)
   */
  write<T>(from: number, turn: (tail: Tail) => WriteIntent<T>): Promise<Written<T>>;
  /** What was committed after `from`, without taking the write lock (at most `limit` events a call). */
  tail(from: number, limit?: number): Promise<Tail>;
  /** The highest committed journal position (0 for an empty journal). */
  position(): Promise<number>;
  /**
   * Call `listener` whenever another writer may have committed (PostgreSQL: LISTEN/NOTIFY). Returns an
   * unsubscribe. SQLite has no other writer and never calls it.
   */
  onCommitted(listener: () => void): () => void;

  /** Every record with `after` < seq ≤ `upTo` in seq order, in pages (a rebuild reads millions). */
  replay(after: number, upTo: number): AsyncIterable<StoredRecord[]>;
  /** eventId of the event at `seq`, if there is one (ties a snapshot to this very log). */
  eventIdAt(seq: number): Promise<string | undefined>;
  /** Bodies of one declaration's events, in seq order (GET /declarations/:id). */
  eventsOf(declarationId: string): Promise<string[]>;
  /** Number of events held. */
  count(): Promise<number>;
  /** Every notice with its last change's position. */
  notices(): Promise<StoredNoticeRow[]>;

  audit: AuditLog;
  revocations: RevocationStore;
  /** Notifications of signed-in users and what each has read (server/store/notification-tables.ts). */
  notifications: NotificationStore;
  /** Enterprises' webhooks and the durable outbox of their deliveries. */
  webhooks: WebhookStore;
  /** A rate-limit counter shared by every node using this store (`prefix` keeps limits apart). */
  rateLimitStore(prefix: string): RateLimitStore;
  /** This node's cache of the state built from the journal (DATA_DIR/state.snapshot), if any. */
  readonly snapshots?: SnapshotStore;

  /** Run `hook` when the store is closed, before it closes (the last snapshot at a graceful shutdown). */
  beforeClose(hook: () => void): void;
  close(): Promise<void>;
}
