import type { ClientBase } from 'pg';

// Ordered schema migrations of the PostgreSQL store; schema_migrations records which have run. Append,
// never edit. Several nodes may start at once on an empty database: the whole run holds a
// transaction-scoped advisory lock, so one node migrates and the others find the work done.

/** pg_advisory_xact_lock keys of this schema ('cks' in ASCII, then a number per use). */
export const MIGRATION_LOCK = 0x636b7301;
export const JOURNAL_LOCK = 0x636b7302;
export const REVOCATION_LOCK = 0x636b7303;
export const NOTIFICATION_LOCK = 0x636b7304;

const MIGRATIONS: readonly string[] = [
  // The journal: events and notice writes take their positions from one counter, under JOURNAL_LOCK
  // (server/store/postgres-store.ts). Notices keep their current version only (a lift rewrites the row
  // with a new change_seq).
  `CREATE TABLE events (
     seq            bigint PRIMARY KEY,
     event_id       text   NOT NULL UNIQUE,
     declaration_id text   NOT NULL,
     gate_id        text   NOT NULL,
     type           text   NOT NULL,
     occurred_at_ms bigint NOT NULL,
     received_at_ms bigint NOT NULL,
     body           text   NOT NULL
   );
   CREATE INDEX events_by_declaration ON events (declaration_id, seq);
   CREATE TABLE notices (
     id         text   PRIMARY KEY,
     issued_at  text   NOT NULL,
     change_seq bigint NOT NULL,
     body       text   NOT NULL
   );
   CREATE INDEX notices_by_change ON notices (change_seq);
   CREATE TABLE audit (
     seq    bigserial PRIMARY KEY,
     at_ms  bigint NOT NULL,
     actor  text   NOT NULL,
     action text   NOT NULL,
     body   text   NOT NULL
   );
   CREATE INDEX audit_by_time ON audit (at_ms);
   CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'audit is append-only'; END
   $$;
   CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
   CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
   CREATE TABLE revocations (
     seq      bigserial PRIMARY KEY,
     kind     text   NOT NULL CHECK (kind IN ('session', 'user')),
     key      text   NOT NULL,
     at_ms    bigint NOT NULL,
     until_ms bigint
   );`,
  // Rate-limit counters shared by every node (express-rate-limit's Store, one row per prefixed key).
  `CREATE TABLE rate_limits (
     key         text   PRIMARY KEY,
     hits        int    NOT NULL,
     reset_at_ms bigint NOT NULL
   );`,
  // Notifications (id made from what caused it: inserted once by whichever node gets there first; seqs
  // commit in order under NOTIFICATION_LOCK), reads, enterprises' webhooks (secret sealed), the outbox.
  `CREATE TABLE notifications (
     seq      bigserial PRIMARY KEY,
     id       text   NOT NULL UNIQUE,
     audience text   NOT NULL,
     kind     text   NOT NULL,
     at_ms    bigint NOT NULL,
     body     text   NOT NULL
   );
   CREATE INDEX notifications_by_audience ON notifications (audience, seq);
   CREATE TABLE notification_reads (reader text NOT NULL, notification_seq bigint NOT NULL, PRIMARY KEY (reader, notification_seq));
   CREATE TABLE notification_read_marks (reader text NOT NULL, audience text NOT NULL, up_to_seq bigint NOT NULL, PRIMARY KEY (reader, audience));
   CREATE TABLE webhooks (id text PRIMARY KEY, owner text NOT NULL, url text NOT NULL, secret text NOT NULL, created_at_ms bigint NOT NULL);
   CREATE INDEX webhooks_by_owner ON webhooks (owner);
   CREATE TABLE webhook_outbox (
     id              text   PRIMARY KEY,
     webhook_id      text   NOT NULL,
     event_id        text   NOT NULL,
     type            text   NOT NULL,
     body            text   NOT NULL,
     created_at_ms   bigint NOT NULL,
     state           text   NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
     attempts        int    NOT NULL DEFAULT 0,
     next_at_ms      bigint NOT NULL,
     lease_until_ms  bigint NOT NULL DEFAULT 0,
     delivered_at_ms bigint,
     last_status     int,
     last_error      text
   );
   CREATE INDEX outbox_due ON webhook_outbox (state, next_at_ms);
   CREATE INDEX outbox_by_webhook ON webhook_outbox (webhook_id, created_at_ms);`,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Bring the database's schema up to this server's, in one transaction. */
export async function migratePostgres(client: ClientBase): Promise<void> {
  // No time limit (a URL's options may set some): a migration may take long, and so may waiting for one.
  await client.query(`BEGIN; SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0; SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT COALESCE(max(version), 0)::int AS version FROM schema_migrations');
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`the database has schema version ${current}, newer than this server (${MIGRATIONS.length})`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      await client.query(MIGRATIONS[v] ?? '');
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
