import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GatesResponse } from '../../shared/gates.ts';
import { BatchResult } from '../../shared/ingest.ts';
import { mixSeed, mulberry32 } from '../../server/sim/rng.ts';
import { spawnChildServer, type ChildServer } from '../helpers/child-server.ts';
import { createWorkload, GATES, type Batch } from '../helpers/crash-workload.ts';
import { until } from '../helpers/people.ts';
import { freshDatabaseUrl } from '../helpers/postgres.ts';
import { storedEvents } from '../helpers/stored-rows.ts';
import { demoKeys, ndjson, startTestServer, STORES, type StoreKind } from '../helpers/test-server.ts';

// Crash safety (CONTRACT §1 "never loses accepted data"): the real server is SIGKILLed at seeded
// random moments while two senders post batches. After each restart every acknowledged event is in
// the log, every batch is in it whole or not at all, and a retry of an unacknowledged batch is
// wholly accepted or wholly a duplicate. At the end the figures equal a clean replay of the log.
// On both stores: the embedded SQLite file, and PostgreSQL (the node dies; the database does not).

const SEED = 20_220_110;
const KILLS = 5;
const keys = demoKeys();
const dataDirs: string[] = [];
let server: ChildServer | undefined;

// Each store's run leaves its last server up for the final checks: stop it before the next run starts one.
afterEach(async () => {
  await server?.kill('SIGKILL');
  server = undefined;
});
afterAll(() => {
  for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
});

async function post(url: string, batch: Batch): Promise<BatchResult> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[batch.gateId] ?? ''}` },
    body: ndjson(batch.events),
  });
  if (res.status !== 200) throw new Error(`batch ${batch.id}: ${res.status} ${await res.text()}`);
  return BatchResult.parse(await res.json());
}

describe.each(STORES)('crash safety (%s)', (store: StoreKind) => {
  it(`keeps every acknowledged event and never half a batch across ${KILLS} hard kills`, { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cks-crash-'));
    dataDirs.push(dataDir);
    const databaseUrl = store === 'postgres' ? await freshDatabaseUrl() : undefined;
    const where = { store, dataDir, ...(databaseUrl === undefined ? {} : { databaseUrl }) };
    /** What the store holds, read straight from it (a second connection; the server keeps running). */
    const logBodies = async (): Promise<string[]> => (await storedEvents(where)).map((r) => r.body);
    const loggedIds = async (): Promise<Set<string>> => new Set((await storedEvents(where)).map((r) => r.event_id));
    const rng = mulberry32(SEED);
    const workload = createWorkload(mulberry32(mixSeed(SEED, 'workload')));
    const sent: Batch[] = [];
    const acked = new Set<number>();
    let unacked: Batch[] = [];

    for (let round = 0; round <= KILLS; round++) {
      const current = await spawnChildServer({ dataDir, env: databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl } });
      server = current;
      const logged = await loggedIds();
      const stored = (b: Batch): number => b.events.filter((e) => logged.has(e.eventId)).length;
      for (const b of sent) {
        if (acked.has(b.id)) expect(stored(b), `acknowledged batch ${b.id} after restart ${round}`).toBe(b.events.length);
        else expect([0, b.events.length], `batch ${b.id} half-applied`).toContain(stored(b));
      }
      // A gate retries what it got no answer for: all of it is new, or all of it a duplicate.
      for (const b of unacked) {
        const result = await post(current.url, b);
        const wasStored = stored(b) === b.events.length;
        expect(result).toEqual({ accepted: wasStored ? 0 : b.events.length, duplicates: wasStored ? b.events.length : 0, rejected: [] });
        acked.add(b.id);
        workload.settle(b);
      }
      unacked = [];
      if (round === KILLS) break;

      // Two senders post fresh batches until the kill, which lands at a seeded moment.
      let killed = false;
      const sender = async (): Promise<void> => {
        while (!killed) {
          const batch = workload.next();
          sent.push(batch);
          try {
            const result = await post(current.url, batch);
            expect(result, `batch ${batch.id}`).toEqual({ accepted: batch.events.length, duplicates: 0, rejected: [] });
            acked.add(batch.id);
            workload.settle(batch);
          } catch (e) {
            if (!killed) throw e;
            unacked.push(batch);
          }
        }
      };
      const ackedBefore = acked.size;
      let stopped = false;
      const senders = Promise.all([sender(), sender()]).finally(() => (stopped = true));
      // Let a few batches be acknowledged first, then kill after a seeded delay (often mid-commit).
      await until(() => acked.size >= ackedBefore + 3 || stopped, 60_000);
      await new Promise((r) => setTimeout(r, Math.floor(rng() * 600)));
      killed = true;
      await current.kill('SIGKILL');
      await senders;
      unacked.sort((a, b) => a.id - b.id);
    }

    // Every batch ever sent is now stored exactly once.
    const all = sent.flatMap((b) => b.events.map((e) => e.eventId));
    const bodies = await logBodies();
    expect(bodies.length).toBe(all.length);
    expect(await loggedIds()).toEqual(new Set(all));
    const live = server;
    if (!live) throw new Error('no server');
    expect(await (await fetch(`${live.url}/healthz`)).json()).toMatchObject({ events: all.length });

    // Figures counted by hand from the generated events.
    const gates = GatesResponse.parse(await (await fetch(`${live.url}/api/v1/gates`)).json()).gates;
    for (const [gateId, f] of workload.figures()) {
      const g = gates.find((x) => x.id === gateId);
      expect({ queue: g?.queue, expected: g?.expected }, gateId).toEqual(f);
    }

    // A fresh server fed exactly the log (per gate, log order) shows the same gates and history.
    const clean = await startTestServer();
    try {
      for (const gateId of GATES) {
        const lines = bodies.filter((b) => (JSON.parse(b) as { gateId: string }).gateId === gateId);
        for (let i = 0; i < lines.length; i += 10_000) {
          const res = await fetch(`${clean.url}/api/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[gateId] ?? ''}` },
            body: lines.slice(i, i + 10_000).join('\n'),
          });
          expect(BatchResult.parse(await res.json()).rejected).toEqual([]);
        }
      }
      const read = async (url: string, path: string): Promise<unknown> => (await fetch(`${url}/api/v1${path}`)).json();
      const figures = (r: unknown) => GatesResponse.parse(r).gates.map(({ estimatedWaitMinutes: _w, waits: _l, yardFullAt: _f, ...g }) => g); // these move with the (wall) clock of the read
      expect(figures(await read(live.url, '/gates'))).toEqual(figures(await read(clean.url, '/gates')));
      for (const gateId of GATES) {
        for (const q of ['from=2022-01-10&to=2022-01-20&bucket=day', 'from=2022-01-11&to=2022-01-11&bucket=hour']) {
          const path = `/gates/${gateId}/history?${q}`;
          expect(await read(live.url, path), path).toEqual(await read(clean.url, path));
        }
      }
    } finally {
      await clean.stop();
    }
  });
});
