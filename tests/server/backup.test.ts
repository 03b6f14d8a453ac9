import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { TruckEvent } from '../../shared/events.ts';
import { BatchResult } from '../../shared/ingest.ts';
import { api, login, until } from '../helpers/people.ts';
import { freshDatabaseUrl } from '../helpers/postgres.ts';
import { REPO_ROOT } from '../helpers/server-process.ts';
import { storedEvents } from '../helpers/stored-rows.ts';
import { demoKeys, ndjson, startTestServer, STORES, type StoreKind, type TestServer } from '../helpers/test-server.ts';
import { at, checked, declared, lifecycle } from '../helpers/truck-events.ts';

// `npm run backup` / `npm run restore` (scripts/backup.ts, scripts/restore.ts), as child processes, on a
// real server that keeps ingesting while the backup is taken. Afterwards: every batch acknowledged before
// the backup started is in it, every batch is in it whole or not at all, and a server started on the
// restored copy shows figures IDENTICAL to a fresh server fed exactly the events the backup holds (same
// fixed clock). The refusals: a non-empty target without --force, a missing data dir, a file that is no
// backup. On both stores: the SQLite file (online backup API) and PostgreSQL (pg_dump / pg_restore).

const keys = demoKeys();
const GATES = ['huu-nghi', 'tan-thanh', 'chi-ma'] as const;
/** Every server of a scenario reads this clock: gate figures (waits, last hour's clearances) compare. */
const NOW = at('2022-01-12 18:00');
const clock = { now: () => NOW };
/** At least this many batches of ~100 events; more while the backup runs, so it always runs under writes. */
const MIN_BATCHES = 40;
const MAX_BATCHES = 400;
/** Start the backup once this many batches are acknowledged. */
const BACKUP_AFTER = 20;
const PACE_MS = 15;
/** A notice issued before the backup (it must come back) that touches none of the events sent. */
const NOTICE = {
  gateIds: ['chi-ma'],
  direction: 'import',
  categories: ['fresh_fruit'],
  effectiveFrom: '2022-01-20T08:00:00+07:00',
  effectiveUntil: '2022-01-25T18:00:00+07:00',
  reason: { vi: 'Phía Trung Quốc tạm dừng nhận hoa quả', en: 'China side stopped receiving fresh fruit' },
};

const cleanup: string[] = [];
const running: TestServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop().catch(() => undefined)));
  for (const d of cleanup) rmSync(d, { recursive: true, force: true });
});

const scratch = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'cks-backup-'));
  cleanup.push(d);
  return d;
};

async function start(opts: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(opts);
  running.push(s);
  return s;
}

async function stop(s: TestServer): Promise<void> {
  running.splice(running.indexOf(s), 1);
  await s.stop();
}

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import tsx scripts/<script>.ts …args` from the repository, as an operator runs it (npm run …). */
function cli(script: 'backup' | 'restore', args: readonly string[]): Promise<CliRun> {
  const { DATABASE_URL: _u, DATA_DIR: _d, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

interface Batch {
  id: number;
  gateId: string;
  events: TruckEvent[];
}

/** Batch `id`: 25 trucks at one gate, 4 events each (declared, then arrival, checks, clearance or not). */
function batch(id: number): Batch {
  const gateId = GATES[id % GATES.length] ?? 'huu-nghi';
  const events: TruckEvent[] = [];
  for (let k = 0; k < 25; k++) {
    const d = `BK${id}-${k}`;
    const t = at('2022-01-10 06:00') + ((id * 25 + k) % 2_880) * 60_000;
    events.push(declared(d, t, { gateId, direction: k % 3 === 0 ? 'import' : 'export', valueUsd: 1_000 * (1 + (k % 7)) }));
    if (k % 5 === 4) {
      // Never arrives: expected at the gate.
      events.push(checked(d, t + 60_000, 'customs', 'confirmed', 1, gateId), checked(d, t + 120_000, 'quarantine', 'confirmed', 2, gateId));
      events.push(checked(d, t + 180_000, 'border_guard', 'rejected', 3, gateId));
      continue;
    }
    events.push(lifecycle('arrived', d, t + 30 * 60_000, gateId), checked(d, t + 60 * 60_000, 'customs', k % 4 === 0 ? 'rejected' : 'confirmed', 1, gateId));
    events.push(k % 2 === 0 ? lifecycle('cleared', d, t + 90 * 60_000, gateId) : checked(d, t + 75 * 60_000, 'border_guard', 'confirmed', 2, gateId));
  }
  return { id, gateId, events };
}

async function postBodies(url: string, gateId: string, lines: readonly string[]): Promise<BatchResult> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[gateId] ?? ''}` },
    body: ndjson(lines),
  });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return BatchResult.parse(await res.json());
}

/** A fresh server fed exactly these stored events: per gate, in log order, as the gates would resend them. */
async function feed(url: string, bodies: readonly string[]): Promise<void> {
  for (const gateId of GATES) {
    const lines = bodies.filter((b) => (JSON.parse(b) as { gateId: string }).gateId === gateId);
    for (let i = 0; i < lines.length; i += 10_000) {
      const result = await postBodies(url, gateId, lines.slice(i, i + 10_000));
      expect(result.rejected, gateId).toEqual([]);
    }
  }
}

const read = async (url: string, path: string): Promise<unknown> => (await fetch(`${url}${path}`)).json();

/** Everything a server shows from its state, at the fixed clock. */
async function figures(url: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    healthz: await read(url, '/healthz'),
    gates: await read(url, '/api/v1/gates'),
    notices: await read(url, '/api/v1/notices'),
  };
  for (const gateId of GATES) {
    for (const q of ['from=2022-01-09&to=2022-01-13&bucket=day', 'from=2022-01-11&to=2022-01-11&bucket=hour']) {
      out[`${gateId}?${q}`] = await read(url, `/api/v1/gates/${gateId}/history?${q}`);
    }
  }
  return out;
}

/**
 * The server ingests batches from two senders; after BACKUP_AFTER acknowledgements the backup CLI runs
 * while they go on. Returns the batches sent, which were acknowledged before the backup started, and
 * how many were acknowledged while it ran.
 */
async function ingestWhileBackingUp(server: TestServer, runBackup: () => Promise<CliRun>) {
  const sent: Batch[] = [];
  const acked = new Set<number>();
  let next = 0;
  let backupDone = false;
  const sender = async (): Promise<void> => {
    for (;;) {
      const id = next++;
      if ((id >= MIN_BATCHES && backupDone) || id >= MAX_BATCHES) return;
      const b = batch(id);
      sent.push(b);
      const result = await postBodies(server.url, b.gateId, b.events.map((e) => JSON.stringify(e)));
      expect(result, `batch ${id}`).toEqual({ accepted: b.events.length, duplicates: 0, rejected: [] });
      acked.add(id);
      await new Promise((r) => setTimeout(r, PACE_MS));
    }
  };
  const senders = Promise.all([sender(), sender()]);
  await until(() => acked.size >= BACKUP_AFTER, 30_000);
  const ackedBefore = new Set(acked);
  const run = await runBackup();
  const ackedDuring = acked.size - ackedBefore.size;
  backupDone = true;
  await senders;
  return { sent, ackedBefore, ackedDuring, run };
}

/** The backup holds a prefix of the ingest: whole batches only, every one acknowledged before it started. */
function expectConsistentCut(backupIds: ReadonlySet<string>, sent: readonly Batch[], ackedBefore: ReadonlySet<number>): void {
  const sentIds = new Set(sent.flatMap((b) => b.events.map((e) => e.eventId)));
  expect([...backupIds].filter((id) => !sentIds.has(id))).toEqual([]);
  for (const b of sent) {
    const held = b.events.filter((e) => backupIds.has(e.eventId)).length;
    if (ackedBefore.has(b.id)) expect(held, `batch ${b.id} was acknowledged before the backup started`).toBe(b.events.length);
    else expect([0, b.events.length], `batch ${b.id} is in the backup in part`).toContain(held);
  }
}

const expectFails = (run: CliRun, message: RegExp): void => {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stderr).toMatch(message);
};

describe.each(STORES)('online backup and restore (%s)', (store: StoreKind) => {
  it('backs up while ingest goes on; the restored server equals a fresh one fed the backup', { timeout: 180_000 }, async () => {
    const work = scratch();
    const original = await start({ store, clock });
    const operator = await login(original.url, 'sct.vanhanh');
    expect((await api(original.url, 'POST', '/notices', operator, NOTICE)).status).toBe(201);

    const out = join(work, store === 'sqlite' ? 'cks-test.db' : 'cks-test.dump');
    const source = store === 'sqlite' ? ['--data-dir', original.dataDir] : ['--database-url', original.databaseUrl ?? ''];
    const { sent, ackedBefore, ackedDuring, run } = await ingestWhileBackingUp(original, () => cli('backup', [...source, '--out', out]));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`backup written: ${out}`);
    expect(ackedDuring, 'batches acknowledged while the backup ran').toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThanOrEqual(MIN_BATCHES);
    const allSent = sent.reduce((n, b) => n + b.events.length, 0);
    expect(((await read(original.url, '/healthz')) as { events: number }).events).toBe(allSent);

    // Restore into a fresh target, read back exactly what the backup holds.
    const restoredDir = join(work, 'restored');
    const restoredUrl = store === 'postgres' ? await freshDatabaseUrl() : undefined;
    const target = restoredUrl === undefined ? ['--data-dir', restoredDir] : ['--database-url', restoredUrl];
    const restored = await cli('restore', [out, ...target]);
    expect(restored.code, restored.stdout + restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Next: start');
    let bodies: string[];
    if (store === 'sqlite') {
      const db = new Database(out, { readonly: true, fileMustExist: true });
      try {
        bodies = db.prepare('SELECT body FROM events ORDER BY seq').pluck().all() as string[];
      } finally {
        db.close();
      }
    } else {
      bodies = (await storedEvents({ store, dataDir: restoredDir, databaseUrl: restoredUrl })).map((r) => r.body);
    }
    const held = bodies.map((b) => (JSON.parse(b) as { eventId: string }).eventId);
    expectConsistentCut(new Set(held), sent, ackedBefore);
    expect(bodies.length).toBeLessThan(allSent); // taken mid-ingest: later batches are not in it
    expect(run.stdout).toMatch(new RegExp(`events: +${bodies.length.toLocaleString('en-US')} \\(highest seq`));

    // A server on the restored copy vs a fresh server fed the same events (and the same notice).
    const onBackup = await start({ clock, ...(restoredUrl === undefined ? { dataDir: restoredDir } : { databaseUrl: restoredUrl }) });
    const fresh = await start({ store, clock });
    const freshOperator = await login(fresh.url, 'sct.vanhanh');
    expect((await api(fresh.url, 'POST', '/notices', freshOperator, NOTICE)).status).toBe(201);
    await feed(fresh.url, bodies);
    const restoredFigures = await figures(onBackup.url);
    const freshFigures = await figures(fresh.url);
    // The notice took journal position 1 on both, the events the rest.
    expect(restoredFigures.healthz).toEqual({ ok: true, seq: bodies.length + 1, events: bodies.length, store });
    expect(restoredFigures).toEqual(freshFigures);
    expect(await figures(onBackup.url)).not.toEqual(await figures(original.url)); // the original went on after the backup

    // The audit log came back too (the sign-in and the notice from before the backup).
    const audit = await api(onBackup.url, 'GET', '/audit?action=notice_issued', await login(onBackup.url, 'sct.vanhanh'));
    expect(audit.status).toBe(200);
    expect(audit.json).toMatchObject({ entries: [{ action: 'notice_issued', actor: 'sct.vanhanh' }] });

    // The target now holds a log: restore refuses it without --force …
    const refused = await cli('restore', [out, ...target]);
    expectFails(refused, store === 'sqlite' ? /already holds an event log \(events\.db, [\d,]+ events\); restore refuses/ : /is not empty: it holds [\d,]+ events/);
    // … and with --force (server stopped) replaces it: SQLite moves the old log aside and drops its stale
    // state snapshot (written by the graceful stop); PostgreSQL drops and remakes the tables.
    const before = await figures(onBackup.url);
    await stop(onBackup);
    if (store === 'sqlite') expect(existsSync(join(restoredDir, 'state.snapshot'))).toBe(true);
    const forced = await cli('restore', [out, ...target, '--force']);
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    if (store === 'sqlite') {
      expect(forced.stdout).toMatch(/old log: +moved aside to .*events\.db\.before-restore-\d{8}T\d{6}Z/);
      expect(readdirSync(restoredDir).filter((f) => f.startsWith('events.db.before-restore-'))).toHaveLength(1);
      expect(existsSync(join(restoredDir, 'state.snapshot'))).toBe(false);
    } else {
      expect(forced.stdout).toContain('--clean');
    }
    const again = await start({ clock, ...(restoredUrl === undefined ? { dataDir: restoredDir } : { databaseUrl: restoredUrl }) });
    expect(await figures(again.url)).toEqual(before);
    await Promise.all([stop(again), stop(fresh), stop(original)]);
  });

  it('fails with a clear message: no data, a file that is no backup, the other store\'s backup', async () => {
    const work = scratch();
    const notes = join(work, 'notes.txt');
    writeFileSync(notes, 'not a backup\n');
    const otherKind = join(work, store === 'sqlite' ? 'fake.dump' : 'fake.db');
    writeFileSync(otherKind, store === 'sqlite' ? 'PGDMP\u0001\u000e\u0000' : 'SQLite format 3\u0000' + '\u0000'.repeat(100));
    const target = store === 'sqlite' ? ['--data-dir', join(work, 'r')] : ['--database-url', await freshDatabaseUrl()];
    // Independent runs: at once.
    const checks: [Promise<CliRun>, RegExp][] = [
      [cli('restore', [notes, ...target]), /is not a backup made by npm run backup/],
      [cli('restore', [join(work, 'nope.db'), ...target]), /no such file: .*nope\.db/],
      [cli('restore', [otherKind, ...target]), store === 'sqlite' ? /is a PostgreSQL dump; restore it into an empty database/ : /is an SQLite backup/],
    ];
    if (store === 'sqlite') {
      checks.push(
        [cli('backup', ['--data-dir', join(work, 'missing'), '--out', join(work, 'x.db')]), /the data directory .*missing does not exist/],
        [cli('backup', ['--data-dir', work, '--out', join(work, 'y.db')]), /there is no event log in .* \(no events\.db\)/],
      );
    } else {
      checks.push([cli('backup', ['--database-url', await freshDatabaseUrl(), '--out', join(work, 'x.dump')]), /no events table/]);
    }
    for (const [run, message] of checks) expectFails(await run, message);
    expect(readdirSync(work).filter((f) => /^[xy]\.(db|dump)/.test(f))).toEqual([]);
  });
});
