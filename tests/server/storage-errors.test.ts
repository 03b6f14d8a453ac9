import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorBody } from '../../shared/errors.ts';
import { GatesResponse } from '../../shared/gates.ts';
import { BatchResult } from '../../shared/ingest.ts';
import { createApp, type App } from '../../server/app.ts';
import { systemClock } from '../../server/core/clock.ts';
import { StorageUnavailable } from '../../server/store/errors.ts';
import type { LogRecord } from '../../server/store/event-log.ts';
import { openSqliteStore, sqliteFault } from '../../server/store/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { spawnChildServer, type ChildServer } from '../helpers/child-server.ts';
import { at, declared, lifecycle } from '../helpers/truck-events.ts';
import { demoConfig, demoKeys, ndjson, postEvents } from '../helpers/test-server.ts';

// A full or read-only data directory: ingest answers 503 `unavailable` with a clear message, nothing
// of the batch is stored or shown, reads go on, the server stays up, and the log is intact after.

const key = demoKeys()['huu-nghi'] ?? '';
const t0 = at('2022-01-10 08:00');
const batch = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => declared(`${prefix}-${i}`, t0 + i * 1_000, { gateId: 'huu-nghi' }));
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cks-storage-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const countIn = (file: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare('SELECT COUNT(*) FROM events').pluck().get());
  } finally {
    db.close();
  }
};

describe('storage faults map to 503', () => {
  it('knows what SQLite and node say for a full, read-only or failing disk', () => {
    const err = (code: string): Error => Object.assign(new Error(code), { code });
    const reason = (e: unknown): string | undefined => (e instanceof StorageUnavailable ? e.message : undefined);
    expect(reason(sqliteFault(err('SQLITE_FULL')))).toMatch(/full/);
    expect(reason(sqliteFault(err('SQLITE_READONLY')))).toMatch(/read-only/);
    expect(reason(sqliteFault(err('SQLITE_READONLY_DBMOVED')))).toMatch(/read-only/);
    expect(reason(sqliteFault(err('SQLITE_IOERR_WRITE')))).toMatch(/failed to write/);
    expect(reason(sqliteFault(err('SQLITE_BUSY')))).toMatch(/locked/);
    expect(reason(sqliteFault(err('ENOSPC')))).toMatch(/full/);
    expect(reason(sqliteFault(err('EROFS')))).toMatch(/read-only/);
    expect(reason(sqliteFault(err('SQLITE_CONSTRAINT_UNIQUE')))).toBeUndefined();
    expect(reason(sqliteFault(new TypeError('a bug')))).toBeUndefined();
  });
});

/** The real app over the real SQLite file, whose writes can be made to fail the way a sick disk does. */
async function startFaultyApp(dir: string): Promise<{ url: string; app: App; fault(kind: 'full' | 'readonly' | undefined): void; close(): Promise<void> }> {
  const file = join(dir, 'events.db');
  const store = openSqliteStore(file);
  let kind: 'full' | 'readonly' | undefined;
  // Read-only: a read-only handle on the same file → SQLITE_READONLY. Full: a handle that may not grow
  // the file by a page (max_page_count) → SQLITE_FULL. Both are SQLite's own errors on the real file.
  const failingAppend = (records: readonly LogRecord[]): never => {
    const db = new Database(file, { readonly: kind === 'readonly' });
    try {
      if (kind === 'full') db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
      const insert = db.prepare(
        `INSERT INTO events (event_id, declaration_id, gate_id, type, occurred_at_ms, received_at_ms, body)
         VALUES (@eventId, @declarationId, @gateId, @type, @occurredAtMs, 0, @body)`,
      );
      db.transaction(() => {
        for (const r of records) insert.run({ ...r, body: r.body + ' '.repeat(4_000) });
      })();
    } catch (e) {
      // What the store itself does with a driver's error (sqlite-store.ts).
      throw sqliteFault(e);
    } finally {
      db.close();
    }
    throw new Error(`the ${kind ?? 'no'} fault did not fail the write`);
  };
  const faulty: Store = {
    ...store,
    write: (from, turn) =>
      kind === undefined
        ? store.write(from, turn)
        : Promise.resolve().then(() => failingAppend(turn({ events: [], notices: [], position: from, complete: true }).records ?? [])),
  };
  const app = await createApp({ config: demoConfig(), store: faulty, clock: systemClock, logger: pino({ level: 'silent' }) });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    fault: (k) => void (kind = k),
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

describe('a data directory that cannot take writes', () => {
  for (const kind of ['readonly', 'full'] as const) {
    it(`${kind}: 503 unavailable, nothing stored or applied, reads go on, then recovers`, async () => {
      const dir = tempDir();
      const server = await startFaultyApp(dir);
      try {
        expect((await postEvents(server.url, key, ndjson(batch('ok', 3)))).json).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
        const gates = async () => GatesResponse.parse(await (await fetch(`${server.url}/api/v1/gates`)).json()).gates;
        const gatesBefore = await gates();

        server.fault(kind);
        const refused = await fetch(`${server.url}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` },
          body: ndjson([...batch('lost', 50), lifecycle('arrived', 'ok-0', t0 + 3_600_000)]),
        });
        expect(refused.status).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('30');
        const body = ErrorBody.parse(await refused.json());
        expect(body.error).toBe('unavailable');
        expect(body.message).toMatch(kind === 'full' ? /disk holding the event log is full \(SQLITE_FULL\)/ : /event log is read-only \(SQLITE_READONLY\)/);
        expect(body.message).toMatch(/nothing from this batch was stored/);

        // Still up: reads answer, the state shows nothing of the refused batch, the log holds 3.
        expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ ok: true, events: 3 });
        expect(await gates()).toEqual(gatesBefore);
        expect(countIn(join(dir, 'events.db'))).toBe(3);
        const metrics = await (await fetch(`${server.url}/metrics`)).text();
        expect(metrics).toContain(`cks_store_write_failures_total{code="${kind === 'full' ? 'SQLITE_FULL' : 'SQLITE_READONLY'}"} 1`);

        // The disk is fixed: the same batch goes in whole.
        server.fault(undefined);
        expect((await postEvents(server.url, key, ndjson([...batch('lost', 50), lifecycle('arrived', 'ok-0', t0 + 3_600_000)]))).json).toEqual({
          accepted: 51,
          duplicates: 0,
          rejected: [],
        });
        expect(countIn(join(dir, 'events.db'))).toBe(54);
      } finally {
        await server.close();
      }
    });
  }
});

describe('a real full disk (file-size limit on the server process)', () => {
  let server: ChildServer | undefined;
  afterAll(async () => server?.kill('SIGKILL'));

  it('answers 503 when SQLite cannot grow the log, stays up, and loses nothing it acknowledged', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    // Enough for the empty database and a few batches; then every write hits EFBIG.
    server = await spawnChildServer({ dataDir, maxFileBytes: 1_500_000 });
    const acked: string[] = [];
    const refused: string[] = [];
    let status503 = 0;
    for (let b = 0; b < 60 && status503 < 3; b++) {
      const events = batch(`F${b}`, 400);
      const res = await postEvents(server.url, key, ndjson(events));
      if (res.status === 200) {
        expect(res.json).toEqual({ accepted: 400, duplicates: 0, rejected: [] });
        acked.push(...events.map((e) => e.eventId));
      } else {
        expect(res.status).toBe(503);
        const body = ErrorBody.parse(res.json);
        expect(body.error).toBe('unavailable');
        expect(body.message).toMatch(/SQLITE_(FULL|IOERR)/);
        refused.push(...events.map((e) => e.eventId));
        status503 += 1;
      }
    }
    expect(status503).toBe(3);
    expect(acked.length).toBeGreaterThan(0);
    // Still serving reads, with exactly what it acknowledged.
    expect((await fetch(`${server.url}/api/v1/gates`)).status).toBe(200);
    expect(GatesResponse.parse(await (await fetch(`${server.url}/api/v1/gates`)).json()).gates.find((g) => g.id === 'huu-nghi')?.expected.export).toBe(acked.length);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ ok: true, events: acked.length });
    await server.kill('SIGKILL');

    // Room again: everything acknowledged is there, nothing refused is, and the refused batches go in now.
    server = await spawnChildServer({ dataDir });
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ events: acked.length });
    const db = new Database(join(dataDir, 'events.db'), { readonly: true });
    const ids = new Set(db.prepare('SELECT event_id FROM events').pluck().all().map(String));
    db.close();
    expect(ids).toEqual(new Set(acked));
    const retry = await postEvents(server.url, key, ndjson(batch(`F${acked.length / 400}`, 400)));
    expect(BatchResult.parse(retry.json).accepted).toBe(400);
    await server.kill('SIGTERM');
    expect(server.child.exitCode).toBe(0);
  });
});
