import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EventLog, LogRecord, StoredRecord } from './event-log.ts';
import { migrate } from './migrations.ts';
import type { AuditLog, AuditRow, NoticeStore, Revocation, RevocationStore } from './side-tables.ts';
import { fileSnapshotStore } from './snapshot-file.ts';

// One SQLite file (DATA_DIR/events.db): WAL for concurrent reads, synchronous=FULL so a committed
// batch survives a power cut before the HTTP response says "accepted" (CONTRACT §1 durability).

export interface SqliteStore {
  events: EventLog;
  notices: NoticeStore;
  audit: AuditLog;
  revocations: RevocationStore;
  close(): void;
}

const asNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const textOf = (row: unknown, key: string): string | undefined => {
  if (row === null || typeof row !== 'object' || !(key in row)) return undefined;
  const value: unknown = Object.getOwnPropertyDescriptor(row, key)?.value;
  return typeof value === 'string' ? value : undefined;
};
const numberOf = (row: unknown, key: string): number =>
  row !== null && typeof row === 'object' ? asNumber(Object.getOwnPropertyDescriptor(row, key)?.value) : NaN;

export function openSqliteStore(file: string): SqliteStore {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 8000');
  migrate(db);

  // Positional parameters: no per-row object to build and no name lookups on the hot path.
  const insert = db.prepare(
    `INSERT INTO events (event_id, declaration_id, gate_id, type, occurred_at_ms, received_at_ms, body)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const appendAll = db.transaction((records: readonly LogRecord[], receivedAtMs: number) => {
    for (const r of records) insert.run(r.eventId, r.declarationId, r.gateId, r.type, r.occurredAtMs, receivedAtMs, r.body);
  });
  const lastSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM events').pluck();
  const count = db.prepare('SELECT COUNT(*) AS n FROM events').pluck();
  const tail = db.prepare('SELECT seq, body FROM events WHERE seq > ? ORDER BY seq').raw();
  const eventIdAt = db.prepare('SELECT event_id FROM events WHERE seq = ?').pluck();
  const ofDeclaration = db.prepare('SELECT body FROM events WHERE declaration_id = ? ORDER BY seq').pluck();
  const noticeRows = db.prepare('SELECT body FROM notices ORDER BY issued_at, id').pluck();
  const putNotice = db.prepare('INSERT OR REPLACE INTO notices (id, issued_at, body) VALUES (?, ?, ?)');
  const auditInsert = db.prepare('INSERT INTO audit (at_ms, actor, action, body) VALUES (?, ?, ?, ?)');
  const auditQuery = db.prepare(
    `SELECT seq, at_ms, body FROM audit
     WHERE (@actor IS NULL OR actor = @actor) AND (@action IS NULL OR action = @action)
       AND (@fromMs IS NULL OR at_ms >= @fromMs) AND (@toMs IS NULL OR at_ms <= @toMs)
     ORDER BY seq DESC LIMIT @limit`,
  );
  const revoke = db.prepare('INSERT INTO revocations (kind, key, at_ms, until_ms) VALUES (?, ?, ?, ?)');
  const revokedSince = db.prepare('SELECT seq, kind, key, at_ms, until_ms FROM revocations WHERE seq > ? ORDER BY seq').raw();
  // Sign-outs past their token's expiry mean nothing any more.
  db.prepare("DELETE FROM revocations WHERE kind = 'session' AND until_ms < ?").run(Date.now());
  const strings = (rows: unknown[]): string[] => rows.filter((r): r is string => typeof r === 'string');
  const closeHooks: (() => void)[] = [];
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const hook of closeHooks.splice(0)) hook();
    db.close();
  };

  const events: EventLog = {
    appendBatch(records) {
      if (records.length > 0) appendAll(records, Date.now());
    },
    *replay(afterSeq = 0): Iterable<StoredRecord> {
      // Raw rows ([seq, body]): no per-row object with named columns on a million-row rebuild.
      for (const row of tail.iterate(afterSeq)) {
        if (!Array.isArray(row)) continue;
        const [seq, body]: unknown[] = row;
        if (typeof body === 'string') yield { seq: asNumber(seq), body };
      }
    },
    eventIdAt: (seq) => {
      const id: unknown = eventIdAt.get(seq);
      return typeof id === 'string' ? id : undefined;
    },
    eventsOf: (id) => strings(ofDeclaration.all(id)),
    lastSeq: () => asNumber(lastSeq.get()),
    count: () => asNumber(count.get()),
    // Next to the database: DATA_DIR/state.snapshot.
    snapshots: fileSnapshotStore(join(dirname(file), 'state.snapshot')),
    beforeClose: (hook) => void closeHooks.push(hook),
    close,
  };
  const notices: NoticeStore = {
    all: () => strings(noticeRows.all()),
    put: (n) => void putNotice.run(n.id, n.issuedAt, JSON.stringify(n)),
  };
  const audit: AuditLog = {
    append: (d) => void auditInsert.run(d.atMs, d.actor, d.action, JSON.stringify(d)),
    query: (f) =>
      auditQuery
        .all({ actor: f.actor ?? null, action: f.action ?? null, fromMs: f.fromMs ?? null, toMs: f.toMs ?? null, limit: f.limit })
        .flatMap((row): AuditRow[] => {
          const body = textOf(row, 'body');
          return body === undefined ? [] : [{ seq: numberOf(row, 'seq'), atMs: numberOf(row, 'at_ms'), body }];
        }),
  };
  const revocations: RevocationStore = {
    revokeSession: (id, untilMs) => void revoke.run('session', id, Date.now(), untilMs),
    revokeUser: (username, atMs) => void revoke.run('user', username, atMs, null),
    since: (afterSeq) =>
      revokedSince.all(afterSeq).flatMap((row): Revocation[] => {
        if (!Array.isArray(row)) return [];
        const [seq, kind, key, atMs, untilMs]: unknown[] = row;
        if (typeof key !== 'string') return [];
        if (kind === 'session') return [{ seq: asNumber(seq), kind, key, untilMs: asNumber(untilMs) }];
        if (kind === 'user') return [{ seq: asNumber(seq), kind, key, atMs: asNumber(atMs) }];
        return [];
      }),
  };
  return { events, notices, audit, revocations, close };
}
