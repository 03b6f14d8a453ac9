import type { Database } from 'better-sqlite3';

// Ordered schema migrations; PRAGMA user_version records how many have run. Append, never edit.

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     seq            INTEGER PRIMARY KEY,
     event_id       TEXT    NOT NULL UNIQUE,
     declaration_id TEXT    NOT NULL,
     gate_id        TEXT    NOT NULL,
     type           TEXT    NOT NULL,
     occurred_at_ms INTEGER NOT NULL,
     received_at_ms INTEGER NOT NULL,
     body           TEXT    NOT NULL
   );
   CREATE INDEX events_by_declaration ON events (declaration_id, seq);
   CREATE INDEX events_by_gate_time ON events (gate_id, occurred_at_ms);`,
  // Stop-receiving notices (body = the Notice JSON without `active`); the append-only audit log.
  `CREATE TABLE notices (
     id         TEXT PRIMARY KEY,
     issued_at  TEXT NOT NULL,
     body       TEXT NOT NULL
   );
   CREATE TABLE audit (
     seq    INTEGER PRIMARY KEY,
     at_ms  INTEGER NOT NULL,
     actor  TEXT    NOT NULL,
     action TEXT    NOT NULL,
     body   TEXT    NOT NULL
   );
   CREATE INDEX audit_by_time ON audit (at_ms);
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
   CREATE INDEX events_by_declaration_time ON events (declaration_id, occurred_at_ms);`,
  // No query reads these two (reads go through the in-memory aggregate; GET /declarations/:id uses
  // events_by_declaration): each cost an index insert per event on the ingest hot path.
  `DROP INDEX IF EXISTS events_by_gate_time;
   DROP INDEX IF EXISTS events_by_declaration_time;`,
  // Ended sessions: kind 'session' (key = session id, until_ms = its expiry) or 'user' (key = username,
  // at_ms = every session issued before it is revoked). Rows past their expiry are dropped at start.
  `CREATE TABLE revocations (
     seq      INTEGER PRIMARY KEY,
     kind     TEXT    NOT NULL CHECK (kind IN ('session', 'user')),
     key      TEXT    NOT NULL,
     at_ms    INTEGER NOT NULL,
     until_ms INTEGER
   );`,
  // The journal: events and notice writes take positions from one counter (server/store/store.ts). Events
  // keep their seq; each notice gets a position after every event, in the order notices were issued.
  `ALTER TABLE notices ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
   UPDATE notices SET change_seq = (SELECT COALESCE(MAX(seq), 0) FROM events)
     + (SELECT COUNT(*) FROM notices AS n2 WHERE n2.issued_at < notices.issued_at OR (n2.issued_at = notices.issued_at AND n2.id <= notices.id));
   CREATE INDEX notices_by_change ON notices (change_seq);`,
  // Notifications (id made from what caused it: inserted once), what each reader has read (a mark "all up
  // to seq" plus single rows after it), enterprises' webhooks (secret sealed) and the durable outbox.
  `CREATE TABLE notifications (
     seq      INTEGER PRIMARY KEY,
     id       TEXT    NOT NULL UNIQUE,
     audience TEXT    NOT NULL,
     kind     TEXT    NOT NULL,
     at_ms    INTEGER NOT NULL,
     body     TEXT    NOT NULL
   );
   CREATE INDEX notifications_by_audience ON notifications (audience, seq);
   CREATE TABLE notification_reads (reader TEXT NOT NULL, notification_seq INTEGER NOT NULL, PRIMARY KEY (reader, notification_seq));
   CREATE TABLE notification_read_marks (reader TEXT NOT NULL, audience TEXT NOT NULL, up_to_seq INTEGER NOT NULL, PRIMARY KEY (reader, audience));
   CREATE TABLE webhooks (id TEXT PRIMARY KEY, owner TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL, created_at_ms INTEGER NOT NULL);
   CREATE INDEX webhooks_by_owner ON webhooks (owner);
   CREATE TABLE webhook_outbox (
     id              TEXT    PRIMARY KEY,
     webhook_id      TEXT    NOT NULL,
     event_id        TEXT    NOT NULL,
     type            TEXT    NOT NULL,
     body            TEXT    NOT NULL,
     created_at_ms   INTEGER NOT NULL,
     state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
     attempts        INTEGER NOT NULL DEFAULT 0,
     next_at_ms      INTEGER NOT NULL,
     lease_until_ms  INTEGER NOT NULL DEFAULT 0,
     delivered_at_ms INTEGER,
     last_status     INTEGER,
     last_error      TEXT
   );
   CREATE INDEX outbox_due ON webhook_outbox (state, next_at_ms);
   CREATE INDEX outbox_by_webhook ON webhook_outbox (webhook_id, created_at_ms);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > MIGRATIONS.length) {
    throw new Error(`events.db has schema version ${current}, newer than this server (${MIGRATIONS.length})`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    const sql = MIGRATIONS[v] ?? '';
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
