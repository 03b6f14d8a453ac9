import Database from 'better-sqlite3';
import type { Store as RateLimitStore } from 'express-rate-limit';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { StorageUnavailable } from '../../server/store/errors.ts';
import type { LogRecord, StoredRecord } from '../../server/store/event-log.ts';
import { pgFault } from '../../server/store/postgres-errors.ts';
import { openPostgresStore } from '../../server/store/postgres-store.ts';
import { PG_SCHEMA_VERSION } from '../../server/store/postgres-migrations.ts';
import { freePort } from '../helpers/server-process.ts';
import type { AuditDraft, StoredNotice } from '../../server/store/side-tables.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { Store, StoredNoticeRow, Tail } from '../../server/store/store.ts';
import { freshDatabaseUrl, startPostgres } from '../helpers/postgres.ts';

// The store port (server/store/store.ts), one suite run against both stores: the embedded SQLite file
// and PostgreSQL (a fresh database of the run's throwaway server per storage; a second
// openPostgresStore on the same URL is another node). What the core relies on: one journal whose
// positions are consecutive and form a prefix, complete tails, turns that store all or nothing, writes
// serialised across nodes; then the side tables, and PostgreSQL's faults as StorageUnavailable.

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cks-store-'));
  dirs.push(dir);
  return dir;
};
const opened: Store[] = [];
const track = (store: Store): Store => {
  opened.push(store);
  return store;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** One storage (an SQLite file, a PostgreSQL database) and how to reach it. */
interface Storage {
  /** A store on it. PostgreSQL: each call is another node. SQLite: one process owns the file, close first. */
  open(): Promise<Store>;
  /** SQL run behind the stores' backs. */
  exec(sql: string): Promise<void>;
}

const sqliteStorage = async (): Promise<Storage> => {
  const file = join(tempDir(), 'events.db');
  return {
    open: async () => track(openSqliteStore(file)),
    async exec(sql) {
      const db = new Database(file);
      try {
        db.exec(sql);
      } finally {
        db.close();
      }
    },
  };
};

async function execPostgres(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const postgresStorage = async (): Promise<Storage> => {
  const url = await freshDatabaseUrl();
  return {
    open: async () => track(await openPostgresStore(url, { dataDir: tempDir() })),
    exec: (sql) => execPostgres(url, sql),
  };
};

const KINDS = [
  { kind: 'sqlite', multiNode: false, storage: sqliteStorage },
  { kind: 'postgres', multiNode: true, storage: postgresStorage },
] as const;

let events = 0;
/** A log record; bodies carry Vietnamese text, so UTF-8 is round-tripped too. */
const record = (declarationId = 'TK-1'): LogRecord => {
  const i = ++events;
  return {
    eventId: `ev-${i}`,
    declarationId,
    gateId: 'huu-nghi',
    type: 'declared',
    occurredAtMs: 1_641_776_400_000 + i * 1_000,
    body: JSON.stringify({ eventId: `ev-${i}`, declarationId, note: 'Cửa khẩu Hữu Nghị' }),
  };
};
const records = (n: number, declarationId?: string): LogRecord[] => Array.from({ length: n }, () => record(declarationId));
const stored = (rs: readonly LogRecord[], firstSeq: number): StoredRecord[] => rs.map((r, i) => ({ seq: firstSeq + i, body: r.body }));

const notice = (id: string, issuedAt: string, lifted = false): StoredNotice => ({
  id,
  issuedAt,
  issuedBy: 'lanh-dao',
  gateIds: ['huu-nghi'],
  direction: 'both',
  effectiveFrom: issuedAt,
  reason: { vi: 'Tạm dừng tiếp nhận hàng hóa', en: 'Receiving suspended' },
  ...(lifted ? { liftedAt: '2022-01-10T12:00:00+07:00', liftedBy: 'lanh-dao' } : {}),
});
const noticeRow = (n: StoredNotice, changeSeq: number): StoredNoticeRow => ({ changeSeq, body: JSON.stringify(n) });

const append = (store: Store, rs: readonly LogRecord[], from = 0) => store.write(from, () => ({ records: rs, result: undefined }));
const issue = (store: Store, n: StoredNotice, from = 0) => store.write(from, () => ({ notice: n, result: undefined }));

/** tail(from) page by page (`limit` events a call) to the end, checking each page keeps its promises. */
async function tailInPages(store: Store, from: number, limit: number): Promise<Tail> {
  const whole: Tail = { events: [], notices: [], position: from, complete: false };
  while (!whole.complete) {
    const page = await store.tail(whole.position, limit);
    expect(page.events.length).toBeLessThanOrEqual(limit);
    expect(page.position).toBeGreaterThanOrEqual(whole.position);
    for (const e of page.events) expect(e.seq > whole.position && e.seq <= page.position).toBe(true);
    for (const n of page.notices) expect(n.changeSeq > whole.position && n.changeSeq <= page.position).toBe(true);
    whole.events.push(...page.events);
    whole.notices.push(...page.notices);
    whole.position = page.position;
    whole.complete = page.complete;
  }
  return whole;
}

async function collect(pages: AsyncIterable<StoredRecord[]>): Promise<StoredRecord[][]> {
  const all: StoredRecord[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

/** express-rate-limit hands init() its whole Options; a store reads only windowMs (as sign-in-guard.ts does). */
const initWindow = (store: RateLimitStore, windowMs: number): unknown =>
  store.init?.({ windowMs } as Parameters<NonNullable<RateLimitStore['init']>>[0]);

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing');
  return value;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

describe.each(KINDS)('store contract ($kind)', ({ kind, multiNode, storage }) => {
  it('gives appended events consecutive positions, and Written.seqs says which', async () => {
    const store = await (await storage()).open();
    expect(await store.position()).toBe(0);
    expect(await store.tail(0)).toEqual({ events: [], notices: [], position: 0, complete: true });
    const first = records(3);
    const a = await append(store, first);
    expect(a).toEqual({ result: undefined, seqs: [1, 2, 3], position: 3 });
    const second = records(2);
    const b = await append(store, second, a.position);
    expect(b.seqs).toEqual([4, 5]);
    expect(b.position).toBe(5);
    expect(await store.tail(0)).toEqual({ events: stored([...first, ...second], 1), notices: [], position: 5, complete: true });
    expect(await store.tail(3)).toEqual({ events: stored(second, 4), notices: [], position: 5, complete: true });
    expect(await store.position()).toBe(5);
    // A turn that decides nothing stores nothing and takes no position.
    expect(await store.write(5, () => ({ records: [], result: 'nothing' }))).toEqual({ result: 'nothing', seqs: [], position: 5 });
    expect(await store.position()).toBe(5);
  });

  it('gives a notice write the next position, and a lift moves its changeSeq forward', async () => {
    const store = await (await storage()).open();
    await append(store, records(2));
    const n1 = notice('TB-1', '2022-01-10T08:00:00+07:00');
    const n2 = notice('TB-2', '2022-01-10T09:00:00+07:00');
    expect(await issue(store, n1, 2)).toEqual({ result: undefined, seqs: [], noticeSeq: 3, position: 3 });
    expect((await issue(store, n2, 3)).noticeSeq).toBe(4);
    const lifted = notice('TB-1', '2022-01-10T08:00:00+07:00', true);
    expect((await issue(store, lifted, 4)).noticeSeq).toBe(5);
    // Only the current version of each notice, in journal order.
    expect(await store.tail(0)).toMatchObject({ notices: [noticeRow(n2, 4), noticeRow(lifted, 5)], position: 5, complete: true });
    expect((await store.tail(4)).notices).toEqual([noticeRow(lifted, 5)]);
    expect(await store.tail(5)).toEqual({ events: [], notices: [], position: 5, complete: true });
    expect(await store.notices()).toEqual([noticeRow(lifted, 5), noticeRow(n2, 4)]); // by issuedAt, then id
    // Events and a notice in one turn: the events first, the notice after them.
    const rs = records(2);
    const both = await store.write(5, () => ({ records: rs, notice: notice('TB-3', '2022-01-10T10:00:00+07:00'), result: 'ok' }));
    expect(both).toEqual({ result: 'ok', seqs: [6, 7], noticeSeq: 8, position: 8 });
    expect(await store.position()).toBe(8);
  });

  it('hands a turn the complete tail after its from, and stores nothing when the turn throws', async () => {
    const store = await (await storage()).open();
    const rs = records(3);
    await append(store, rs);
    await issue(store, notice('TB-1', '2022-01-10T08:00:00+07:00'), 3);
    const boom = new Error('the turn refused');
    let seen: Tail | undefined;
    const failed = store.write(1, (tail) => {
      seen = tail;
      throw boom;
    });
    await expect(failed).rejects.toBe(boom);
    expect(seen).toEqual({ events: stored(rs.slice(1), 2), notices: [noticeRow(notice('TB-1', '2022-01-10T08:00:00+07:00'), 4)], position: 4, complete: true });
    expect(await store.count()).toBe(3);
    expect(await store.position()).toBe(4);
    // The next turn takes the next position: nothing was taken by the one that threw.
    expect((await append(store, records(1), 4)).seqs).toEqual([5]);
  });

  it('stores nothing of a turn the database refuses, and leaves no gap in the positions', async () => {
    const store = await (await storage()).open();
    const [first] = records(1);
    await append(store, [must(first)]);
    // The same eventId again: a unique violation (the core never asks for it; the store must still hold).
    const refused = store.write(1, () => ({ records: [...records(2), must(first)], result: undefined }));
    await expect(refused).rejects.toThrow();
    await expect(refused).rejects.not.toBeInstanceOf(StorageUnavailable);
    expect(await store.count()).toBe(1);
    expect(await store.position()).toBe(1);
    expect((await append(store, records(1), 1)).seqs).toEqual([2]);
  });

  it('tail(from) is exactly what was committed after from, whole or in pages (property)', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('events' as const), n: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant('notice' as const), id: fc.constantFrom('TB-1', 'TB-2', 'TB-3'), hour: fc.integer({ min: 8, max: 17 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 4 }), async (ops, limit) => {
        const store = await (await storage()).open();
        try {
          const journal: StoredRecord[] = [];
          const current = new Map<string, StoredNoticeRow>();
          let top = 0;
          for (const o of ops) {
            if (o.kind === 'events') {
              const rs = records(o.n);
              const w = await append(store, rs, top);
              expect(w.seqs).toEqual(rs.map((_, i) => top + 1 + i));
              journal.push(...stored(rs, top + 1));
              top += o.n;
            } else {
              const n = notice(o.id, `2022-01-10T${String(o.hour).padStart(2, '0')}:00:00+07:00`);
              const w = await issue(store, n, top);
              top += 1;
              expect(w.noticeSeq).toBe(top);
              current.set(o.id, noticeRow(n, top));
            }
          }
          for (let from = 0; from <= top; from++) {
            const expected: Tail = {
              events: journal.filter((e) => e.seq > from),
              notices: [...current.values()].filter((n) => n.changeSeq > from).sort((x, y) => x.changeSeq - y.changeSeq),
              position: top,
              complete: true,
            };
            expect(await store.tail(from)).toEqual(expected);
            expect(await tailInPages(store, from, limit)).toEqual(expected);
          }
        } finally {
          await store.close();
        }
      }),
      // Seeded: the same interleavings every run. Each run opens a fresh storage (a database for PostgreSQL).
      { seed: 20220110, numRuns: kind === 'postgres' ? 10 : 25 },
    );
  });

  // SQLite: one process owns the file (the store keeps the journal's top in memory), so a second writer
  // on the same file is outside its contract — these two run on PostgreSQL only.
  it.skipIf(!multiNode)('sees in its turn what another node committed, and hears of it (several nodes: not SQLite)', async () => {
    const shared = await storage();
    const a = await shared.open();
    const b = await shared.open();
    const heard: number[] = [];
    a.onCommitted(() => heard.push(Date.now()));
    await waitFor(() => heard.length > 0, 5_000); // listening now: commits from here on are heard
    const fromA = records(1);
    await append(a, fromA);
    const fromB = records(2);
    const before = heard.length; // taken now: the NOTIFY may arrive before b's COMMIT answer does
    let seenByB: Tail | undefined;
    const wb = await b.write(0, (tail) => {
      seenByB = tail;
      return { records: fromB, result: undefined };
    });
    expect(seenByB?.events).toEqual(stored(fromA, 1));
    expect(wb.seqs).toEqual([2, 3]);
    await waitFor(() => heard.length > before, 2_000);
    let seenByA: Tail | undefined;
    const wa = await a.write(1, (tail) => {
      seenByA = tail;
      return { records: records(1), result: undefined };
    });
    expect(seenByA?.events).toEqual(stored(fromB, 2));
    expect(wa).toMatchObject({ seqs: [4], position: 4 });
    expect((await b.tail(3)).events.map((e) => e.seq)).toEqual([4]);
  });

  it.skipIf(!multiNode)('shares rate-limit counters between nodes (several nodes: not SQLite)', async () => {
    const shared = await storage();
    const [a, b] = [await shared.open(), await shared.open()];
    const [ra, rb] = [a.rateLimitStore('login:'), b.rateLimitStore('login:')];
    await initWindow(ra, 60_000);
    await initWindow(rb, 60_000);
    expect(ra.localKeys).toBe(false);
    expect((await ra.increment('10.0.0.1')).totalHits).toBe(1);
    expect((await rb.increment('10.0.0.1')).totalHits).toBe(2);
    expect((await ra.get?.('10.0.0.1'))?.totalHits).toBe(2);
    await rb.resetKey('10.0.0.1');
    expect(await ra.get?.('10.0.0.1')).toBeUndefined();
  });

  it(`keeps positions unique and gap-free under concurrent writes (${multiNode ? '2 nodes × 30' : '60'} at once)`, async () => {
    const shared = await storage();
    const stores = multiNode ? [await shared.open(), await shared.open()] : [await shared.open()];
    const nodes = stores.map((store) => ({ store, view: new Map<number, string>() }));
    const perNode = multiNode ? 30 : 60;
    const written = new Map<number, string>();
    // Meanwhile a reader outside the lock: every tail it reads is a prefix of the journal, no hole.
    let writing = true;
    let reads = 0;
    const reader = (async () => {
      const store = must(stores.at(-1));
      while (writing) {
        const tail = await store.tail(0);
        expect(tail.events.map((e) => e.seq)).toEqual(Array.from({ length: tail.events.length }, (_, i) => i + 1));
        expect(tail.position).toBe(tail.events.length);
        reads++;
      }
    })();
    const writes = Promise.all(
      nodes.flatMap(({ store, view }, n) =>
        Array.from({ length: perNode }, async (_, i) => {
          const rs = records(1 + (i % 3), `TK-${n}-${i}`);
          const w = await store.write(0, (tail) => {
            expect(tail.complete).toBe(true);
            for (const e of tail.events) view.set(e.seq, e.body);
            return { records: rs, result: undefined };
          });
          w.seqs.forEach((seq, k) => {
            expect(written.has(seq)).toBe(false);
            written.set(seq, rs[k]?.body ?? '');
            view.set(seq, rs[k]?.body ?? '');
          });
        }),
      ),
    );
    await writes.finally(() => (writing = false));
    await reader;
    expect(reads).toBeGreaterThan(0);
    const total = written.size;
    expect(total).toBe(nodes.length * perNode * 2); // 1, 2, 3 events in turn: 2 a write on average
    expect([...written.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const everything = await must(stores[0]).tail(0);
    expect(everything).toEqual({ events: [...written].sort(([x], [y]) => x - y).map(([seq, body]) => ({ seq, body })), notices: [], position: total, complete: true });
    expect(await must(stores.at(-1)).count()).toBe(total);
    // Each node, from its turns' tails and its own writes, knows the journal up to the last position it
    // wrote, with no hole: what the core's state is built from.
    for (const { view } of nodes) {
      const highest = Math.max(...view.keys());
      expect([...view.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: highest }, (_, i) => i + 1));
    }
  });

  it('replays exactly after < seq ≤ upTo, in pages of 10,000', async () => {
    const store = await (await storage()).open();
    const rs = records(10_005);
    expect((await append(store, rs)).position).toBe(10_005);
    const pages = await collect(store.replay(0, 10_005));
    expect(pages.map((p) => p.length)).toEqual([10_000, 5]);
    expect(pages.flat()).toEqual(stored(rs, 1));
    expect((await collect(store.replay(5, 20))).flat().map((e) => e.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 6));
    expect(await collect(store.replay(20, 20))).toEqual([]);
    expect((await collect(store.replay(10_000, 99_999))).flat().map((e) => e.seq)).toEqual([10_001, 10_002, 10_003, 10_004, 10_005]);
    // A paged tail of a big batch reads the same journal.
    expect((await tailInPages(store, 0, 4_000)).events).toEqual(stored(rs, 1));
  });

  it("finds the event at a seq and a declaration's events, and counts them", async () => {
    const store = await (await storage()).open();
    const a = records(2, 'TK-A');
    const b = records(1, 'TK-B');
    const a2 = records(1, 'TK-A');
    await append(store, [...a, ...b, ...a2]);
    expect(await store.eventIdAt(3)).toBe(b[0]?.eventId);
    expect(await store.eventIdAt(99)).toBeUndefined();
    expect(await store.eventsOf('TK-A')).toEqual([...a, ...a2].map((r) => r.body));
    expect(await store.eventsOf('TK-NONE')).toEqual([]);
    expect(await store.count()).toBe(4);
  });

  it('keeps an append-only audit log, queried newest first with filters', async () => {
    const shared = await storage();
    const store = await shared.open();
    const drafts: AuditDraft[] = [
      { atMs: 1_000, actor: 'an', role: 'border_force', action: 'login', source: '10.0.0.1' },
      { atMs: 2_000, actor: 'an', role: 'border_force', action: 'notice_issued', target: 'TB-1', detail: { gates: ['huu-nghi'] }, source: '10.0.0.1' },
      { atMs: 3_000, actor: 'bình', action: 'login_failed', source: '10.0.0.2' },
      { atMs: 4_000, actor: 'bình', role: 'operator', action: 'login', source: '10.0.0.2' },
      { atMs: 5_000, actor: 'an', role: 'border_force', action: 'logout', source: '10.0.0.1' },
    ];
    for (const d of drafts) await store.audit.append(d);
    const all = await store.audit.query({ limit: 100 });
    expect(all.map((r) => r.atMs)).toEqual([5_000, 4_000, 3_000, 2_000, 1_000]);
    expect(all.map((r) => JSON.parse(r.body))).toEqual([...drafts].reverse());
    expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((x, y) => y - x));
    expect((await store.audit.query({ actor: 'bình', limit: 100 })).map((r) => r.atMs)).toEqual([4_000, 3_000]);
    expect((await store.audit.query({ action: 'login', limit: 100 })).map((r) => r.atMs)).toEqual([4_000, 1_000]);
    expect((await store.audit.query({ fromMs: 2_000, toMs: 4_000, limit: 100 })).map((r) => r.atMs)).toEqual([4_000, 3_000, 2_000]);
    expect((await store.audit.query({ actor: 'an', action: 'login', fromMs: 500, limit: 100 })).map((r) => r.atMs)).toEqual([1_000]);
    expect((await store.audit.query({ limit: 2 })).map((r) => r.atMs)).toEqual([5_000, 4_000]);
    await expect(shared.exec("UPDATE audit SET actor = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(shared.exec('DELETE FROM audit')).rejects.toThrow(/append-only/);
    expect(await store.audit.query({ limit: 100 })).toEqual(all);
  });

  it('lists revocations after a seq, and forgets expired sign-outs when it opens', async () => {
    const shared = await storage();
    const store = await shared.open();
    const now = Date.now();
    await store.revocations.revokeSession('sess-expired', now - 60_000);
    await store.revocations.revokeSession('sess-1', now + 3_600_000);
    await store.revocations.revokeUser('an', now);
    const rows = await store.revocations.since(0);
    expect(rows).toMatchObject([
      { kind: 'session', key: 'sess-expired', untilMs: now - 60_000 },
      { kind: 'session', key: 'sess-1', untilMs: now + 3_600_000 },
      { kind: 'user', key: 'an', atMs: now },
    ]);
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((x, y) => x - y));
    expect(await store.revocations.since(rows[1]?.seq ?? 0)).toEqual([rows[2]]);
    await store.close(); // SQLite: one process owns the file; PostgreSQL: the next node opens anyway
    const reopened = await shared.open();
    expect((await reopened.revocations.since(0)).map((r) => r.key)).toEqual(['sess-1', 'an']);
  });

  it('counts rate-limit hits per key within the window, apart per prefix', async () => {
    const store = await (await storage()).open();
    const login = store.rateLimitStore('login:');
    await initWindow(login, 60_000);
    const t = Date.now();
    expect((await login.increment('10.0.0.1')).totalHits).toBe(1);
    expect((await login.increment('10.0.0.1')).totalHits).toBe(2);
    const third = await login.increment('10.0.0.1');
    expect(third.totalHits).toBe(3);
    expect(third.resetTime?.getTime()).toBeGreaterThan(t + 55_000);
    expect(third.resetTime?.getTime()).toBeLessThan(t + 65_000);
    expect((await login.get?.('10.0.0.1'))?.totalHits).toBe(3);
    await login.decrement('10.0.0.1');
    expect((await login.get?.('10.0.0.1'))?.totalHits).toBe(2);
    const ingest = store.rateLimitStore('ingest:');
    await initWindow(ingest, 60_000);
    expect(await ingest.get?.('10.0.0.1')).toBeUndefined();
    expect((await ingest.increment('10.0.0.1')).totalHits).toBe(1);
    await login.resetKey('10.0.0.1');
    expect(await login.get?.('10.0.0.1')).toBeUndefined();
    expect((await ingest.get?.('10.0.0.1'))?.totalHits).toBe(1);
    expect((await login.increment('10.0.0.1')).totalHits).toBe(1);
    // A window that ends starts the count again.
    const short = store.rateLimitStore('short:');
    await initWindow(short, 300);
    await short.increment('10.0.0.9');
    expect((await short.increment('10.0.0.9')).totalHits).toBe(2);
    await sleep(450);
    expect(await short.get?.('10.0.0.9')).toBeUndefined();
    expect((await short.increment('10.0.0.9')).totalHits).toBe(1);
    await short.shutdown?.();
    await login.shutdown?.();
    await ingest.shutdown?.();
  });
});


/** A TCP relay to PostgreSQL that can go silent: bytes stop flowing both ways, no connection closes. */
async function silentableRelay(to: number): Promise<{ port: number; silence(): void; close(): Promise<void> }> {
  let silent = false;
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    sockets.add(inbound);
    inbound.on('error', () => undefined);
    if (silent) return; // accepted, never answered
    const outbound = connect(to, '127.0.0.1');
    sockets.add(outbound);
    outbound.on('error', () => inbound.destroy());
    inbound.on('error', () => outbound.destroy());
    inbound.on('data', (d: Buffer) => void (silent || outbound.write(d)));
    outbound.on('data', (d: Buffer) => void (silent || inbound.write(d)));
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('relay has no port');
  return {
    port: address.port,
    silence: () => void (silent = true),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const unavailable = async (p: Promise<unknown>): Promise<StorageUnavailable> => {
  const err = await p.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StorageUnavailable);
  if (!(err instanceof StorageUnavailable)) throw err;
  return err;
};

describe('postgres store: faults, nodes, restarts', () => {
  it("maps PostgreSQL's and the network's faults to StorageUnavailable, and nothing else", () => {
    const err = (code: string): Error => Object.assign(new Error(code), { code });
    const code = (e: unknown): string | undefined => (e instanceof StorageUnavailable ? e.code : undefined);
    for (const c of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '08006', '08001', '57P01', '57P02', '57P03', '53100', '53200', '53300', '25006', '40001', '40P01']) {
      expect(code(pgFault(err(c)))).toBe(c);
    }
    expect(code(pgFault(new Error('Connection terminated unexpectedly')))).toBe('PG_CONNECTION');
    expect(code(pgFault(new Error('timeout exceeded when trying to connect')))).toBe('PG_CONNECTION');
    expect(code(pgFault(new Error('Query read timeout')))).toBe('PG_CONNECTION');
    expect(code(pgFault(err('23505')))).toBeUndefined(); // a unique violation is a bug, not an outage
    expect(code(pgFault(err('42P01')))).toBeUndefined();
    expect(code(pgFault(new TypeError('a bug')))).toBeUndefined();
  });

  it('says where it is without the password', async () => {
    const url = await freshDatabaseUrl();
    const withPassword = url.replace('postgres://postgres@', 'postgres://postgres:s3cret@'); // trust auth: accepted, unused
    const store = track(await openPostgresStore(withPassword, {}));
    expect(store.kind).toBe('postgres');
    expect(store.where).not.toContain('s3cret');
    expect(store.where).toContain('127.0.0.1');
    expect(store.snapshots).toBeUndefined();
  });

  it('migrates once when three nodes open an empty database at the same moment', async () => {
    const url = await freshDatabaseUrl();
    const nodes = await Promise.all([0, 1, 2].map(async () => track(await openPostgresStore(url, {}))));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r: { version: number }) => r.version)).toEqual(
        Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1),
      );
    } finally {
      await client.end();
    }
    expect((await append(must(nodes[2]), records(1))).seqs).toEqual([1]);
  });

  it('cannot open on a closed port: StorageUnavailable, at once', async () => {
    const port = await freePort();
    const t = Date.now();
    const err = await unavailable(openPostgresStore(`postgres://postgres@127.0.0.1:${port}/none`, {}));
    expect(err.code).toBe('ECONNREFUSED');
    expect(Date.now() - t).toBeLessThan(5_000);
  });

  it('rejects writes and reads with StorageUnavailable once the database is stopped, and does not crash', async () => {
    const server = await startPostgres(); // its own server: this test stops it
    try {
      const url = await server.createDatabase();
      const store = track(await openPostgresStore(url, {}));
      let heard = 0;
      store.onCommitted(() => void heard++);
      await waitFor(() => heard > 0, 5_000); // the listening connection is up, and will be lost
      await append(store, records(2));
      await server.stop();
      const t = Date.now();
      await unavailable(append(store, records(1), 2));
      await unavailable(store.tail(0));
      await unavailable(store.position());
      await unavailable(store.audit.append({ atMs: 1, actor: 'an', action: 'login', source: 'cli' }));
      await unavailable(store.revocations.since(0));
      await unavailable(Promise.resolve(store.rateLimitStore('login:').increment('10.0.0.1')));
      await unavailable(collect(store.replay(0, 10)));
      expect(Date.now() - t).toBeLessThan(10_000);
      await sleep(300); // the listener's reconnect attempts meanwhile fail quietly
    } finally {
      await server.stop();
    }
  });

  it('rejects instead of hanging when the network goes silent', async () => {
    const url = new URL(await freshDatabaseUrl());
    const relay = await silentableRelay(Number(url.port));
    try {
      url.port = String(relay.port);
      url.searchParams.set('query_timeout', '1500'); // the client-side bound (20 s by default)
      url.searchParams.set('connect_timeout', '2'); // libpq's, in seconds (5 by default)
      const store = track(await openPostgresStore(url.toString(), {}));
      await append(store, records(1));
      relay.silence();
      let t = Date.now();
      // The pooled connection sends and hears nothing back: the query's timeout ends the wait.
      await unavailable(append(store, records(1), 1));
      expect(Date.now() - t).toBeLessThan(4_000);
      // A new connection is accepted and never answered: the connect timeout ends the wait.
      t = Date.now();
      await unavailable(Promise.all([store.tail(0), store.tail(0)]));
      expect(Date.now() - t).toBeLessThan(4_000);
    } finally {
      await relay.close();
    }
  }, 30_000);

  it('carries on after its connections are cut (a database restart): listens again and writes', async () => {
    const url = await freshDatabaseUrl();
    const a = track(await openPostgresStore(url, {}));
    const b = track(await openPostgresStore(url, {}));
    let heard = 0;
    a.onCommitted(() => void heard++);
    await waitFor(() => heard > 0, 5_000);
    await append(a, records(1));
    const first = heard;
    await append(b, records(1), 1);
    await waitFor(() => heard > first, 2_000);
    const before = heard;
    await execPostgres(url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    // The listener is made again (backoff ≤ 2 s) and calls once: it may have missed commits meanwhile.
    await waitFor(() => heard > before, 5_000);
    await sleep(100); // the pools drop their dead idle connections (their 'error' events)
    const again = heard;
    const w = await append(b, records(1), 2);
    expect(w.seqs).toEqual([3]);
    await waitFor(() => heard > again, 2_000);
    expect((await append(a, records(1), 3)).seqs).toEqual([4]);
  });
});
