// Rows of the append-only event log (sổ sự kiện): what the core hands the store, and what it reads back.
// The port that holds them is server/store/store.ts.

export interface LogRecord {
  eventId: string;
  declarationId: string;
  gateId: string;
  type: string;
  occurredAtMs: number;
  /** Canonical JSON of the validated event, stored verbatim. */
  body: string;
}

export interface StoredRecord {
  seq: number;
  body: string;
}

/** Rows handed to a reader at a time (a rebuild reads millions: one await per page, not per row). */
export const REPLAY_PAGE = 10_000;
