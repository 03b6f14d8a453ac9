import Database from 'better-sqlite3';
import { MemoryStore } from 'express-rate-limit';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { asStorageUnavailable } from './errors.ts';
import { REPLAY_PAGE, type StoredRecord } from './event-log.ts';
import { migrate } from './migrations.ts';
import { sqliteNotificationTables } from './sqlite-notifications.ts';
import type { AuditLog, AuditRow, Revocation, RevocationStore } from './side-tables.ts';
import { fileSnapshotStore } from './snapshot-file.ts';
import type { Store, StoredNoticeRow, Tail, WriteIntent, Written } from './store.ts';

// The embedded store: one SQLite file, DATA_DIR/events.db (WAL, synchronous=FULL: a write is on disk
// when its promise resolves). One process owns the file, so it is the only writer: the journal position
// is kept in memory and every write turn is one synchronous transaction — nobody else can commit between
// reading the tail and writing. The port is asynchronous (server/store/store.ts) so PostgreSQL fits too.

// What SQLite says when it cannot take a write (node's fs codes are mapped in errors.ts):
//   disk full (ENOSPC) → SQLITE_FULL; file-size limit (EFBIG) → SQLITE_IOERR_WRITE / SQLITE_FULL;
//   read-only file system (EROFS) → SQLITE_READONLY*; failing disk (EIO) → SQLITE_IOERR_*;
//   file unreadable / moved → SQLITE_CANTOPEN, SQLITE_READONLY_DBMOVED; another writer holds the lock
//   past busy_timeout → SQLITE_BUSY / SQLITE_LOCKED.
const SQLITE_UNAVAILABLE: [RegExp, string][] = [
  [/^SQLITE_FULL$/, 'the disk holding the event log is full'],
  [/^SQLITE_READONLY/, 'the event log is read-only'],
  [/^SQLITE_IOERR/, 'the disk holding the event log failed to write'],
  [/^SQLITE_CANTOPEN$|^SQLITE_PERM$|^SQLITE_AUTH$/, 'the event log cannot be opened for writing'],
  [/^SQLITE_BUSY|^SQLITE_LOCKED/, 'the event log is locked by another process'],
];

/** `err` as StorageUnavailable when SQLite or the file system says the store cannot take writes; else `err`. */
export const sqliteFault = (err: unknown): unknown => asStorageUnavailable(err, SQLITE_UNAVAILABLE);

/** Run a synchronous statement as the port's promise; SQLite's storage faults become StorageUnavailable. */
function attempt<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (e) {
    return Promise.reject(sqliteFault(e));
  }
}

const asNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const textOf = (row: unknown, key: string): string | undefined => {
  if (row === null || typeof row !== 'object' || !(key in row)) return undefined;
  const value: unknown = Object.getOwnPropertyDescriptor(row, key)?.value;
  return typeof value === 'string' ? value : undefined;
};
const numberOf = (row: unknown, key: string): number =>
  row !== null && typeof row === 'object' ? asNumber(Object.getOwnPropertyDescriptor(row, key)?.value) : NaN;
/** Raw rows [number, string] (no per-row object with named columns on a million-row read). */
const pairs = <T>(rows: unknown[], make: (n: number, text: string) => T): T[] =>
  rows.flatMap((row) => {
    if (!Array.isArray(row)) return [];
    const [n, text]: unknown[] = row;
    return typeof text === 'string' ? [make(asNumber(n), text)] : [];
  });

export function openSqliteStore(file: string): Store {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 8000');
  migrate(db);

  // Positional parameters: no per-row object to build and no name lookups on the hot path.
  const insert = db.prepare(
    `INSERT INTO events (seq, event_id, declaration_id, gate_id, type, occurred_at_ms, received_at_ms, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const journalTop = db
    .prepare('SELECT MAX((SELECT COALESCE(MAX(seq), 0) FROM events), (SELECT COALESCE(MAX(change_seq), 0) FROM notices))')
    .pluck();
  const count = db.prepare('SELECT COUNT(*) FROM events').pluck();
  const eventsBetween = db.prepare('SELECT seq, body FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw();
  const noticesBetween = db.prepare('SELECT change_seq, body FROM notices WHERE change_seq > ? AND change_seq <= ? ORDER BY change_seq').raw();
  const replayFrom = db.prepare('SELECT seq, body FROM events WHERE seq > ? AND seq <= ? ORDER BY seq').raw();
  const eventIdAt = db.prepare('SELECT event_id FROM events WHERE seq = ?').pluck();
  const ofDeclaration = db.prepare('SELECT body FROM events WHERE declaration_id = ? ORDER BY seq').pluck();
  const noticeRows = db.prepare('SELECT change_seq, body FROM notices ORDER BY issued_at, id').raw();
  const putNotice = db.prepare('INSERT OR REPLACE INTO notices (id, issued_at, change_seq, body) VALUES (?, ?, ?, ?)');
  const auditInsert = db.prepare('INSERT INTO audit (at_ms, actor, action, body) VALUES (?, ?, ?, ?)');
  const auditQuery = db.prepare(
    `SELECT seq, at_ms, body FROM audit
     WHERE (@actor IS NULL OR actor = @actor) AND (@action IS NULL OR action = @action)
       AND (@fromMs IS NULL OR at_ms >= @fromMs) AND (@toMs IS NULL OR at_ms <= @toMs)
       AND (@beforeSeq IS NULL OR seq < @beforeSeq)
     ORDER BY seq DESC LIMIT @limit`,
  );
  const revoke = db.prepare('INSERT INTO revocations (kind, key, at_ms, until_ms) VALUES (?, ?, ?, ?)');
  const revokedSince = db.prepare('SELECT seq, kind, key, at_ms, until_ms FROM revocations WHERE seq > ? ORDER BY seq').raw();
  // Sign-outs past their token's expiry mean nothing any more.
  db.prepare("DELETE FROM revocations WHERE kind = 'session' AND until_ms < ?").run(Date.now());
  const strings = (rows: unknown[]): string[] => rows.filter((r): r is string => typeof r === 'string');

  // The journal's top, owned by this process (the only writer of the file).
  let top = asNumber(journalTop.get());

  const readTail = (from: number, upTo: number, limit: number): Tail => {
    // This process is the only writer: nearly always there is nothing after `from` (no statement needed).
    if (from >= upTo) return { events: [], notices: [], position: from, complete: true };
    const events = pairs(eventsBetween.all(from, upTo, limit), (seq, body) => ({ seq, body }));
    const complete = events.length < limit;
    const position = complete ? upTo : (events.at(-1)?.seq ?? upTo);
    const notices = pairs(noticesBetween.all(from, position), (changeSeq, body): StoredNoticeRow => ({ changeSeq, body }));
    return { events, notices, position: Math.max(from, position), complete };
  };

  // One transaction: the tail, the caller's synchronous decision, its writes. A throw rolls all of it back.
  const writeTurn = db.transaction((from: number, turn: (tail: Tail) => WriteIntent<unknown>, receivedAtMs: number) => {
    const tail = readTail(from, top, Number.MAX_SAFE_INTEGER);
    const intent = turn(tail);
    let position = Math.max(tail.position, top);
    const seqs: number[] = [];
    for (const r of intent.records ?? []) {
      position += 1;
      insert.run(position, r.eventId, r.declarationId, r.gateId, r.type, r.occurredAtMs, receivedAtMs, r.body);
      seqs.push(position);
    }
    let noticeSeq: number | undefined;
    if (intent.notice) {
      position += 1;
      noticeSeq = position;
      putNotice.run(intent.notice.id, intent.notice.issuedAt, position, JSON.stringify(intent.notice));
    }
    return { seqs, position, ...(noticeSeq === undefined ? {} : { noticeSeq }) };
  });

  const closeHooks: (() => void)[] = [];
  let closed = false;
  const rateLimits = new Map<string, MemoryStore>();

  const audit: AuditLog = {
    append: (d) => attempt(() => void auditInsert.run(d.atMs, d.actor, d.action, JSON.stringify(d))),
    query: (f) =>
      attempt(() =>
        auditQuery
          .all({ actor: f.actor ?? null, action: f.action ?? null, fromMs: f.fromMs ?? null, toMs: f.toMs ?? null, beforeSeq: f.beforeSeq ?? null, limit: f.limit })
          .flatMap((row): AuditRow[] => {
            const body = textOf(row, 'body');
            return body === undefined ? [] : [{ seq: numberOf(row, 'seq'), atMs: numberOf(row, 'at_ms'), body }];
          }),
      ),
  };
  const revocations: RevocationStore = {
    revokeSession: (id, untilMs) => attempt(() => void revoke.run('session', id, Date.now(), untilMs)),
    revokeUser: (username, atMs) => attempt(() => void revoke.run('user', username, atMs, null)),
    since: (afterSeq) =>
      attempt(() =>
        revokedSince.all(afterSeq).flatMap((row): Revocation[] => {
          if (!Array.isArray(row)) return [];
          const [seq, kind, key, atMs, untilMs]: unknown[] = row;
          if (typeof key !== 'string') return [];
          if (kind === 'session') return [{ seq: asNumber(seq), kind, key, untilMs: asNumber(untilMs) }];
          if (kind === 'user') return [{ seq: asNumber(seq), kind, key, atMs: asNumber(atMs) }];
          return [];
        }),
      ),
  };

  return {
    kind: 'sqlite',
    where: file,
    write<T>(from: number, turn: (tail: Tail) => WriteIntent<T>): Promise<Written<T>> {
      return attempt(() => {
        let result: { value: T } | undefined;
        const written = writeTurn.immediate(
          from,
          (tail) => {
            const intent = turn(tail);
            result = { value: intent.result };
            return intent;
          },
          Date.now(),
        );
        if (!result) throw new Error('write turn returned no intent');
        top = Math.max(top, written.position);
        return { ...written, result: result.value };
      });
    },
    tail: (from, limit = REPLAY_PAGE) => attempt(() => readTail(from, top, limit)),
    position: () => Promise.resolve(top),
    onCommitted: () => () => undefined,
    async *replay(after, upTo): AsyncIterable<StoredRecord[]> {
      // Pages, so a reader awaits once per REPLAY_PAGE rows.
      let page: StoredRecord[] = [];
      for (const row of replayFrom.iterate(after, upTo)) {
        if (!Array.isArray(row)) continue;
        const [seq, body]: unknown[] = row;
        if (typeof body !== 'string') continue;
        page.push({ seq: asNumber(seq), body });
        if (page.length === REPLAY_PAGE) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
    eventIdAt: (seq) =>
      attempt(() => {
        const id: unknown = eventIdAt.get(seq);
        return typeof id === 'string' ? id : undefined;
      }),
    eventsOf: (id) => attempt(() => strings(ofDeclaration.all(id))),
    count: () => attempt(() => asNumber(count.get())),
    notices: () => attempt(() => pairs(noticeRows.all(), (changeSeq, body) => ({ changeSeq, body }))),
    audit,
    revocations,
    ...sqliteNotificationTables(db),
    // One process: its own memory is the whole deployment's.
    rateLimitStore(prefix) {
      let store = rateLimits.get(prefix);
      if (!store) rateLimits.set(prefix, (store = new MemoryStore()));
      return store;
    },
    // Next to the database: DATA_DIR/state.snapshot.
    snapshots: fileSnapshotStore(join(dirname(file), 'state.snapshot')),
    beforeClose: (hook) => void closeHooks.push(hook),
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const hook of closeHooks.splice(0)) hook();
      db.close();
      return Promise.resolve();
    },
  };
}

