import type { Store as RateLimitStore } from 'express-rate-limit';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { REPLAY_PAGE, type LogRecord, type StoredRecord } from './event-log.ts';
import { NOW_MS, pgAttempt as attempt, pgFault } from './postgres-errors.ts';
import { CHANNEL, listenForCommits } from './postgres-listen.ts';
import { JOURNAL_LOCK, REVOCATION_LOCK, migratePostgres } from './postgres-migrations.ts';
import { postgresNotificationTables } from './postgres-notifications.ts';
import { sharedRateLimitStore } from './postgres-rate-limit.ts';
import type { AuditLog, AuditRow, Revocation, RevocationStore, StoredDocument } from './side-tables.ts';
import { fileSnapshotStore } from './snapshot-file.ts';
import type { Store, StoredNoticeRow, Tail, WriteIntent, Written } from './store.ts';

// The shared store (CONTRACT §8): every node given the same DATABASE_URL reads and writes one PostgreSQL
// database. A write turn holds a transaction-scoped advisory lock (JOURNAL_LOCK) from reading the tail to
// COMMIT, so writes are serialised across the deployment. Positions are top + 1, top + 2, … where top is
// the highest committed position, read under that lock: the committed positions are a gap-free prefix
// even after a rolled-back or crashed turn (a SEQUENCE is not transactional and skips values on a
// rollback or after a crash), and no round trip is spent taking them. After COMMIT the turn NOTIFYs
// `cks_journal` with its last position; the other nodes LISTEN and read their tail.

const INT8 = 20;
/** bigint columns as numbers: positions, times and counts stay far below 2^53. */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: (id: number, format?: 'text' | 'binary') => (id === INT8 && format !== 'binary' ? Number : pg.types.getTypeParser(id, format)),
};
const noop = (): void => undefined;

/** The URL for logs: no password (neither user:password@ nor ?password=). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.searchParams.delete('password');
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@');
  }
}

/** libpq's connect_timeout (seconds) from the URL, else 5 s. */
function connectTimeoutMs(url: string): number {
  let seconds = Number.NaN;
  try {
    seconds = Number(new URL(url).searchParams.get('connect_timeout') ?? Number.NaN);
  } catch {
    // not a URL pg could read either: connecting reports it
  }
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : 5_000;
}

// One statement, so one snapshot: the top, a page of events after `from`, and the notices up to where the
// page reaches. Rows: [0, seq, body] events, [1, change_seq, body] notices, then [2, reached, null].
// Writers commit in position order (under the lock), so what one snapshot sees is a prefix of the
// journal: every position ≤ its top is committed, and every event it sees is ≤ its top. The page needs
// no upper bound, then — and without one the planner walks the primary key in order and stops at the
// limit (a bound from a subquery made it sort the whole backlog of a reader far behind).
const TAIL_SQL = `WITH top AS MATERIALIZED (
    SELECT GREATEST((SELECT COALESCE(max(seq), 0) FROM events), (SELECT COALESCE(max(change_seq), 0) FROM notices)) AS up_to
  ), page AS MATERIALIZED (
    SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2
  ), reach AS MATERIALIZED (
    SELECT CASE WHEN (SELECT count(*) FROM page) >= $2 THEN (SELECT max(seq) FROM page) ELSE (SELECT up_to FROM top) END AS p
  )
  SELECT 0 AS part, seq AS n, body FROM page
  UNION ALL (SELECT 1, change_seq, body FROM notices WHERE change_seq > $1 AND change_seq <= (SELECT p FROM reach) ORDER BY change_seq)
  UNION ALL SELECT 2, p, NULL FROM reach`;
const TOP_SQL = 'SELECT GREATEST((SELECT COALESCE(max(seq), 0) FROM events), (SELECT COALESCE(max(change_seq), 0) FROM notices))';
// A batch is up to 10,000 rows: one statement, columns as arrays; seq = top + ordinality.
const INSERT_EVENTS_SQL = `INSERT INTO events (seq, event_id, declaration_id, gate_id, type, occurred_at_ms, received_at_ms, body)
  SELECT $1::bigint + u.o, u.e, u.d, u.g, u.t, u.occ, $2::bigint, u.b
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[]) WITH ORDINALITY AS u(e, d, g, t, occ, b, o)`;
const PUT_NOTICE_SQL = `INSERT INTO notices (id, issued_at, change_seq, body) VALUES ($1, $2, $3, $4)
  ON CONFLICT (id) DO UPDATE SET issued_at = EXCLUDED.issued_at, change_seq = EXCLUDED.change_seq, body = EXCLUDED.body`;

type Queryable = Pick<pg.ClientBase, 'query'>;
type Reached = Tail & { reached: number };

async function readTail(db: Queryable, from: number, limit: number): Promise<Reached> {
  const page = Math.max(1, Math.floor(limit));
  const { rows } = await db.query<unknown[]>({ name: 'cks-tail', text: TAIL_SQL, values: [from, page], rowMode: 'array' });
  const events: StoredRecord[] = [];
  const notices: StoredNoticeRow[] = [];
  let reached = from;
  for (const [part, n, body] of rows) {
    if (part === 2) reached = Number(n);
    else if (typeof body !== 'string') continue;
    else if (part === 0) events.push({ seq: Number(n), body });
    else notices.push({ changeSeq: Number(n), body });
  }
  return { events, notices, position: Math.max(from, reached), complete: events.length < page, reached };
}

/** Everything after `from` (inside a write turn: the lock holds every other writer off meanwhile). */
async function readCompleteTail(db: Queryable, from: number): Promise<Reached> {
  let tail = await readTail(db, from, REPLAY_PAGE);
  while (!tail.complete) {
    const next = await readTail(db, tail.position, REPLAY_PAGE);
    tail = { ...next, events: tail.events.concat(next.events), notices: tail.notices.concat(next.notices) };
  }
  return tail;
}

function insertEvents(db: Queryable, top: number, records: readonly LogRecord[], receivedAtMs: number): Promise<unknown> {
  const col = <K extends keyof LogRecord>(k: K): LogRecord[K][] => records.map((r) => r[k]);
  const values = [top, receivedAtMs, col('eventId'), col('declarationId'), col('gateId'), col('type'), col('occurredAtMs'), col('body')];
  return db.query({ name: 'cks-insert-events', text: INSERT_EVENTS_SQL, values });
}

const putNotice = (db: Queryable, notice: StoredDocument, changeSeq: number): Promise<unknown> =>
  db.query({ name: 'cks-put-notice', text: PUT_NOTICE_SQL, values: [notice.id, notice.issuedAt, changeSeq, JSON.stringify(notice)] });

export async function openPostgresStore(url: string, opts: { dataDir?: string } = {}): Promise<Store> {
  // Every wait is bounded, so an unreachable or stuck database rejects (StorageUnavailable) instead of
  // hanging a request: connecting 5 s (libpq's ?connect_timeout=SECONDS in the URL overrides), a lock
  // wait 10 s, a statement 15 s at the server and 20 s at the client (a silent network; ?query_timeout=MS
  // overrides); a node that stalls inside a transaction loses it (and the lock) after 60 s.
  const connection = {
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs(url),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'cua-khau-so',
    types: TYPES,
  };
  const pool = new pg.Pool({
    ...connection,
    max: 8,
    idleTimeoutMillis: 30_000,
    statement_timeout: 15_000,
    lock_timeout: 10_000,
    idle_in_transaction_session_timeout: 60_000,
    query_timeout: 20_000,
  });
  // An idle client whose connection dies (database restarted, network cut): the pool drops it and the
  // next query connects again. Without a listener the 'error' event would crash the process.
  pool.on('error', noop);

  // Migrations on a connection of their own, without the pool's statement and query timeouts: a future
  // migration may rewrite a big table, and the nodes starting meanwhile wait for it on the lock.
  const setup = new pg.Client(connection);
  setup.on('error', noop);
  try {
    await setup.connect();
    await migratePostgres(setup);
    // Sign-outs past their token's expiry mean nothing any more; so do counters past their window.
    await setup.query("DELETE FROM revocations WHERE kind = 'session' AND until_ms < $1", [Date.now()]);
    await setup.query(`DELETE FROM rate_limits WHERE reset_at_ms < ${NOW_MS}`);
  } catch (e) {
    await pool.end().catch(noop);
    throw pgFault(e);
  } finally {
    await setup.end().catch(noop);
  }

  let closed = false;
  const closeHooks: (() => void)[] = [];
  // The highest position this node committed: a NOTIFY at or below it was in that turn's tail already.
  let wroteUpTo = 0;
  // One write turn of this node at a time: the others wait here, not on pool connections blocked on the
  // lock (reads would starve for connections).
  let writeQueue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(run: () => Promise<T>): Promise<T> => {
    const next = writeQueue.then(run, run);
    writeQueue = next.catch(noop);
    return next;
  };

  async function writeTurn<T>(from: number, turn: (tail: Tail) => WriteIntent<T>): Promise<Written<T>> {
    const client = await attempt(() => pool.connect());
    let deciding = false;
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${JOURNAL_LOCK})`);
      const { reached: top, ...tail } = await readCompleteTail(client, from);
      deciding = true;
      const intent = turn(tail);
      deciding = false;
      const records = intent.records ?? [];
      const last = top + records.length + (intent.notice ? 1 : 0);
      if (last === top) {
        await client.query('COMMIT');
        return { result: intent.result, seqs: [], position: tail.position };
      }
      if (records.length > 0) await insertEvents(client, top, records, Date.now());
      if (intent.notice) await putNotice(client, intent.notice, last);
      // Delivered to the listeners at COMMIT, not before.
      await client.query(`SELECT pg_notify('${CHANNEL}', '${last}'); COMMIT`);
      wroteUpTo = Math.max(wroteUpTo, last);
      const seqs = records.map((_, i) => top + 1 + i);
      return { result: intent.result, seqs, position: Math.max(tail.position, last), ...(intent.notice ? { noticeSeq: last } : {}) };
    } catch (e) {
      // The turn's own error, or the server refusing a statement: the connection is fine, roll back. Any
      // other failure (connection lost, client-side timeout): drop the connection, the server rolls back.
      if (deciding || e instanceof pg.DatabaseError) {
        await client.query('ROLLBACK').catch((r: unknown) => void (broken = r instanceof Error ? r : new Error(String(r))));
      } else {
        broken = e instanceof Error ? e : new Error(String(e));
      }
      throw deciding ? e : pgFault(e);
    } finally {
      client.release(broken);
    }
  }

  const listeners = listenForCommits(connection, () => closed, (position) => position > wroteUpTo);

  const audit: AuditLog = {
    append: (d) =>
      attempt(async () => {
        await pool.query('INSERT INTO audit (at_ms, actor, action, body) VALUES ($1, $2, $3, $4)', [d.atMs, d.actor, d.action, JSON.stringify(d)]);
      }),
    query: (f) =>
      attempt(async () => {
        const { rows } = await pool.query<unknown[]>({
          text: `SELECT seq, at_ms, body FROM audit
                 WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR action = $2)
                   AND ($3::bigint IS NULL OR at_ms >= $3) AND ($4::bigint IS NULL OR at_ms <= $4)
                   AND ($6::bigint IS NULL OR seq < $6)
                 ORDER BY seq DESC LIMIT $5`,
          values: [f.actor ?? null, f.action ?? null, f.fromMs ?? null, f.toMs ?? null, f.limit, f.beforeSeq ?? null],
          rowMode: 'array',
        });
        return rows.flatMap(([seq, atMs, body]): AuditRow[] => (typeof body === 'string' ? [{ seq: Number(seq), atMs: Number(atMs), body }] : []));
      }),
  };

  // A bigserial is taken at INSERT but visible at COMMIT, so two nodes revoking at once could commit seq
  // 11 before 10, and a node polling since(10) would never see 10. Under REVOCATION_LOCK (held to the
  // statement's commit) seqs commit in order.
  const revoke = (kind: 'session' | 'user', key: string, atMs: number, untilMs: number | null): Promise<void> =>
    attempt(async () => {
      await pool.query(
        `WITH turn AS (SELECT pg_advisory_xact_lock(${REVOCATION_LOCK}))
         INSERT INTO revocations (kind, key, at_ms, until_ms) SELECT $1, $2, $3, $4 FROM turn`,
        [kind, key, atMs, untilMs],
      );
    });
  const revocations: RevocationStore = {
    revokeSession: (id, untilMs) => revoke('session', id, Date.now(), untilMs),
    revokeUser: (username, atMs) => revoke('user', username, atMs, null),
    since: (afterSeq) =>
      attempt(async () => {
        const { rows } = await pool.query<unknown[]>({
          text: 'SELECT seq, kind, key, at_ms, until_ms FROM revocations WHERE seq > $1 ORDER BY seq',
          values: [afterSeq],
          rowMode: 'array',
        });
        return rows.flatMap(([seq, kind, key, atMs, untilMs]): Revocation[] => {
          if (typeof key !== 'string') return [];
          if (kind === 'session') return [{ seq: Number(seq), kind, key, untilMs: Number(untilMs) }];
          if (kind === 'user') return [{ seq: Number(seq), kind, key, atMs: Number(atMs) }];
          return [];
        });
      }),
  };

  const rateLimits = new Map<string, RateLimitStore>();
  if (opts.dataDir !== undefined) mkdirSync(opts.dataDir, { recursive: true });

  return {
    kind: 'postgres',
    where: withoutPassword(url),
    write: (from, turn) => serialised(() => writeTurn(from, turn)),
    tail: (from, limit = REPLAY_PAGE) =>
      attempt(async () => {
        const { reached: _reached, ...tail } = await readTail(pool, from, limit);
        return tail;
      }),
    position: () =>
      attempt(async () => {
        const { rows } = await pool.query<unknown[]>({ text: TOP_SQL, rowMode: 'array' });
        return Number(rows[0]?.[0] ?? 0);
      }),
    onCommitted: (listener) => listeners.subscribe(listener),
    async *replay(after, upTo): AsyncIterable<StoredRecord[]> {
      // Keyset pages: each one an index range scan, however deep into the log.
      let last = after;
      for (;;) {
        const { rows } = await attempt(() =>
          pool.query<unknown[]>({
            name: 'cks-replay',
            text: 'SELECT seq, body FROM events WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3',
            values: [last, upTo, REPLAY_PAGE],
            rowMode: 'array',
          }),
        );
        const page = rows.flatMap(([seq, body]): StoredRecord[] => (typeof body === 'string' ? [{ seq: Number(seq), body }] : []));
        if (page.length > 0) yield page;
        if (rows.length < REPLAY_PAGE) return;
        last = Number(rows.at(-1)?.[0]);
      }
    },
    eventIdAt: (seq) =>
      attempt(async () => {
        const { rows } = await pool.query<unknown[]>({ text: 'SELECT event_id FROM events WHERE seq = $1', values: [seq], rowMode: 'array' });
        const id = rows[0]?.[0];
        return typeof id === 'string' ? id : undefined;
      }),
    eventsOf: (declarationId) =>
      attempt(async () => {
        const { rows } = await pool.query<unknown[]>({
          text: 'SELECT body FROM events WHERE declaration_id = $1 ORDER BY seq',
          values: [declarationId],
          rowMode: 'array',
        });
        return rows.flatMap(([body]) => (typeof body === 'string' ? [body] : []));
      }),
    count: () =>
      attempt(async () => {
        const { rows } = await pool.query<unknown[]>({ text: 'SELECT count(*) FROM events', rowMode: 'array' });
        return Number(rows[0]?.[0] ?? 0);
      }),
    // Byte order (COLLATE "C"), as SQLite compares text: the database's locale must not reorder notices.
    notices: () =>
      attempt(async () => {
        const { rows } = await pool.query<unknown[]>({
          text: 'SELECT change_seq, body FROM notices ORDER BY issued_at COLLATE "C", id COLLATE "C"',
          rowMode: 'array',
        });
        return rows.flatMap(([changeSeq, body]): StoredNoticeRow[] => (typeof body === 'string' ? [{ changeSeq: Number(changeSeq), body }] : []));
      }),
    audit,
    revocations,
    ...postgresNotificationTables(pool),
    rateLimitStore(prefix) {
      let store = rateLimits.get(prefix);
      if (!store) rateLimits.set(prefix, (store = sharedRateLimitStore(pool, prefix)));
      return store;
    },
    ...(opts.dataDir === undefined ? {} : { snapshots: fileSnapshotStore(join(opts.dataDir, 'state.snapshot')) }),
    beforeClose: (hook) => void closeHooks.push(hook),
    async close() {
      if (closed) return;
      closed = true;
      for (const hook of closeHooks.splice(0)) hook();
      listeners.close();
      await pool.end();
    },
  };
}
