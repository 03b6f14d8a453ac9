import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventLog, LogRecord, StoredRecord } from './event-log.ts';
import { migrate } from './migrations.ts';

// SQLite event log: WAL for concurrent reads, synchronous=FULL so a committed batch survives
// a power cut before the HTTP response says "accepted" (CONTRACT §1 durability).

export function openSqliteEventLog(file: string): EventLog {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insert = db.prepare(
    `INSERT INTO events (event_id, declaration_id, gate_id, type, occurred_at_ms, received_at_ms, body)
     VALUES (@eventId, @declarationId, @gateId, @type, @occurredAtMs, @receivedAtMs, @body)`,
  );
  const appendAll = db.transaction((records: readonly LogRecord[], receivedAtMs: number) => {
    for (const r of records) insert.run({ ...r, receivedAtMs });
  });
  const lastSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM events').pluck();
  const count = db.prepare('SELECT COUNT(*) AS n FROM events').pluck();
  const all = db.prepare('SELECT seq, body FROM events ORDER BY seq');

  const asNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

  return {
    appendBatch(records) {
      if (records.length > 0) appendAll(records, Date.now());
    },
    *replay(): Iterable<StoredRecord> {
      for (const row of all.iterate()) {
        if (row && typeof row === 'object' && 'seq' in row && 'body' in row && typeof row.body === 'string') {
          yield { seq: asNumber(row.seq), body: row.body };
        }
      }
    },
    lastSeq: () => asNumber(lastSeq.get()),
    count: () => asNumber(count.get()),
    close: () => db.close(),
  };
}
