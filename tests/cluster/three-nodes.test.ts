import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatesResponse } from '../../shared/gates.ts';
import { BatchResult } from '../../shared/ingest.ts';
import { z } from 'zod';
import { Notice } from '../../shared/notices.ts';
import { mixSeed, mulberry32 } from '../../server/sim/rng.ts';
import { spawnChildServer, type ChildServer } from '../helpers/child-server.ts';
import { createWorkload, GATES, type Batch } from '../helpers/crash-workload.ts';
import { api, connectConsole, login, until } from '../helpers/people.ts';
import { freshDatabaseUrl } from '../helpers/postgres.ts';
import { storedEvents } from '../helpers/stored-rows.ts';
import { demoKeys, ndjson, startTestServer } from '../helpers/test-server.ts';
import { at, declared } from '../helpers/truck-events.ts';

// One deployment on three nodes (CONTRACT §8): three real server processes on one throwaway PostgreSQL.
// Batches to different nodes at once, the same batch to two nodes, conflicting declarations, a notice
// issued at one node and enforced at another, tokens and failed sign-ins across nodes, live changes
// from one node to the clients of another, and a node SIGKILLed mid-ingest that comes back on a fresh
// DATA_DIR and catches up before it answers /healthz 200.

const keys = demoKeys();
const NoticeList = z.object({ notices: z.array(Notice) });
const SECRET = 'cluster-test-secret-0123456789abcdefghijklmnop';
const dirs: string[] = [];
const nodes: ChildServer[] = [];
let databaseUrl = '';

async function startNode(): Promise<ChildServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cks-node-'));
  dirs.push(dataDir);
  const node = await spawnChildServer({
    dataDir,
    env: { DATABASE_URL: databaseUrl, SESSION_SECRET: SECRET, LOGIN_FAILURES_PER_5_MIN: '4', LOG_LEVEL: 'warn' },
    timeoutMs: 60_000,
  });
  nodes.push(node);
  return node;
}

async function post(url: string, gateId: string, events: readonly unknown[]): Promise<BatchResult> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[gateId] ?? ''}` },
    body: ndjson(events),
  });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return BatchResult.parse(await res.json());
}

const health = async (url: string): Promise<{ status: number; seq: number; events: number }> => {
  const res = await fetch(`${url}/healthz`);
  const body = (await res.json()) as { seq: number; events: number };
  return { status: res.status, seq: body.seq, events: body.events };
};

/** What a node serves from its state: every gate's status and each gate's daily history of January 2022. */
async function figures(url: string): Promise<unknown> {
  const gates = GatesResponse.parse(await (await fetch(`${url}/api/v1/gates`)).json()).gates;
  const history = await Promise.all(
    GATES.map(async (g) => (await fetch(`${url}/api/v1/gates/${g}/history?from=2022-01-01&to=2022-01-31&bucket=day`)).json()),
  );
  return { gates, history };
}

/** Every node at the same journal position as the database. */
async function converged(urls: readonly string[]): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const row = await client.query<{ top: string }>('SELECT GREATEST((SELECT COALESCE(MAX(seq), 0) FROM events), (SELECT COALESCE(MAX(change_seq), 0) FROM notices)) AS top');
    const top = Number(row.rows[0]?.top ?? 0);
    const deadline = Date.now() + 5_000;
    for (;;) {
      const seqs = await Promise.all(urls.map(async (u) => (await health(u)).seq));
      if (seqs.every((s) => s === top)) return top;
      if (Date.now() > deadline) throw new Error(`nodes at ${seqs.join(', ')}; the journal at ${top}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}

const storedBodies = async (): Promise<string[]> => (await storedEvents({ store: 'postgres', dataDir: '', databaseUrl })).map((r) => r.body);

describe('one deployment on three nodes (PostgreSQL)', () => {
  let a: ChildServer;
  let b: ChildServer;
  let c: ChildServer;

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    // Three nodes starting at once on an empty database: migrations must not race.
    [a, b, c] = (await Promise.all([startNode(), startNode(), startNode()])) as [ChildServer, ChildServer, ChildServer];
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('concurrent and overlapping batches to different nodes: every node has the figures of one node fed the same events', { timeout: 120_000 }, async () => {
    const workload = createWorkload(mulberry32(mixSeed(91, 'cluster')));
    const urls = [a.url, b.url, c.url];
    const rng = mulberry32(92);
    // Four senders, each batch to a random node; one in four also to a second node at the same time.
    let settledDeclarations = 0;
    const sender = async (): Promise<void> => {
      for (let i = 0; i < 12; i++) {
        const batch: Batch = workload.next();
        const first = urls[Math.floor(rng() * 3)] ?? a.url;
        const second = rng() < 0.25 ? urls.find((u) => u !== first) : undefined;
        const results = await Promise.all([first, ...(second ? [second] : [])].map((u) => post(u, batch.gateId, batch.events)));
        // The batch is stored once: each event accepted by exactly one of the nodes it was sent to.
        expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(batch.events.length);
        for (const r of results) expect(r.rejected).toEqual([]);
        workload.settle(batch);
        settledDeclarations += batch.declares.length;
      }
    };
    await Promise.all([sender(), sender(), sender(), sender()]);
    expect(settledDeclarations).toBeGreaterThan(100);
    const top = await converged(urls);
    expect(top).toBeGreaterThan(0);

    const [fa, fb, fc] = await Promise.all(urls.map(figures));
    expect(fb).toEqual(fa);
    expect(fc).toEqual(fa);
    // The queue and expected counts the workload itself predicts.
    const gates = GatesResponse.parse(await (await fetch(`${a.url}/api/v1/gates`)).json()).gates;
    for (const [gateId, f] of workload.figures()) {
      const g = gates.find((x) => x.id === gateId);
      expect({ queue: g?.queue, expected: g?.expected }).toEqual(f);
    }

    // A single node (the embedded store) fed the same events, gate by gate in log order.
    const single = await startTestServer();
    try {
      const bodies = (await storedBodies()).map((b) => JSON.parse(b) as { gateId: string });
      for (const gateId of GATES) {
        const mine = bodies.filter((e) => e.gateId === gateId);
        for (let i = 0; i < mine.length; i += 1_000) expect((await post(single.url, gateId, mine.slice(i, i + 1_000))).rejected).toEqual([]);
      }
      expect(await figures(single.url)).toEqual(fa);
    } finally {
      await single.stop();
    }
  });

  it('two conflicting declarations sent to two nodes at once: exactly one is accepted', async () => {
    for (let round = 0; round < 10; round++) {
      const id = `RACE-${round}`;
      const one = declared(id, at('2022-01-20 08:00'), { gateId: 'tan-thanh', category: 'other' });
      // Another gate system's idea of the same declaration: another eventId, another truck.
      const other = { ...one, eventId: `${id}-other`, vehicle: { plate: '12C-000.02', country: 'VN' } };
      const [ra, rb] = await Promise.all([post(a.url, 'tan-thanh', [one]), post(b.url, 'tan-thanh', [other])]);
      expect(ra.accepted + rb.accepted).toBe(1);
      expect([...ra.rejected, ...rb.rejected].map((r) => r.code)).toEqual(['conflict']);
    }
  });

  it('a change acknowledged at node A reaches a live client of node C within a second', async () => {
    const watcher = await connectConsole(c.url);
    try {
      const sentAt = Date.now();
      expect((await post(a.url, 'chi-ma', [declared('LIVE-1', at('2022-01-21 08:00'), { gateId: 'chi-ma', direction: 'import' })])).accepted).toBe(1);
      await until(() => watcher.deltas.some((d) => d.gates?.some((g) => g.id === 'chi-ma')), 1_000);
      expect(Date.now() - sentAt).toBeLessThan(1_000);
    } finally {
      watcher.socket.close();
    }
  });

  it('a token from node A works at node B; a notice issued at A is enforced by B', async () => {
    const token = await login(a.url, 'sct.vanhanh');
    expect((await api(b.url, 'GET', '/auth/me', token)).status).toBe(200);
    // A fresh-fruit stop at Hữu Nghị for 22 January 2022 only (the other tests' trucks are on other days).
    const issued = await api(a.url, 'POST', '/notices', token, {
      gateIds: ['huu-nghi'],
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: '2022-01-22T00:00:00+07:00',
      effectiveUntil: '2022-01-23T00:00:00+07:00',
      reason: { vi: 'Bãi đầy' },
    });
    expect(issued.status).toBe(201);
    const notice = Notice.parse(issued.json);
    // B learns of it through the journal (no request to A): within a second, every node refuses.
    const deadline = Date.now() + 1_000;
    let result: BatchResult | undefined;
    for (let n = 0; Date.now() < deadline || result === undefined; n++) {
      result = await post(b.url, 'huu-nghi', [declared(`FRUIT-${n}`, at('2022-01-22 08:00'), { gateId: 'huu-nghi', category: 'fresh_fruit' })]);
      if (result.rejected[0]?.code === 'not_receiving') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(result?.rejected[0]).toMatchObject({ code: 'not_receiving', noticeId: notice.id });
    for (const url of [a.url, c.url]) {
      const refused = await post(url, 'huu-nghi', [declared(`FRUIT-AT-${url.slice(-5)}`, at('2022-01-22 09:00'), { gateId: 'huu-nghi', category: 'fresh_fruit' })]);
      expect(refused.rejected[0]).toMatchObject({ code: 'not_receiving', noticeId: notice.id });
    }
    // The next number is the deployment's next, whichever node issues it; lifted at another node.
    const second = await api(c.url, 'POST', '/notices', await login(c.url, 'sct.vanhanh'), {
      gateIds: ['chi-ma'],
      direction: 'import',
      effectiveFrom: '2030-01-01T00:00:00+07:00',
      reason: { vi: 'Thử' },
    });
    const secondNotice = Notice.parse(second.json);
    expect(secondNotice.id).not.toBe(notice.id);
    expect((await api(a.url, 'POST', `/notices/${secondNotice.id}/lift`, token)).status).toBe(200);
    await converged([a.url, b.url, c.url]);
    const seenAtB = NoticeList.parse((await api(b.url, 'GET', '/notices', token)).json).notices.find((n) => n.id === secondNotice.id);
    expect(seenAtB?.liftedBy).toBe('sct.vanhanh');
  });

  it('failed sign-ins count across the nodes', async () => {
    const attempt = (url: string) => api(url, 'POST', '/auth/login', undefined, { username: 'sct.vanhanh', password: 'wrong' });
    expect((await attempt(a.url)).status).toBe(401);
    expect((await attempt(b.url)).status).toBe(401);
    expect((await attempt(c.url)).status).toBe(401);
    expect((await attempt(a.url)).status).toBe(401);
    // Four failures from this address across three nodes: the limit (4 per 5 min) holds at every node.
    expect((await attempt(b.url)).status).toBe(429);
    expect((await attempt(c.url)).status).toBe(429);
  });

  it('a node SIGKILLed mid-ingest loses nothing acknowledged; the others serve on; a fresh node catches up before /healthz is 200', { timeout: 120_000 }, async () => {
    const workload = createWorkload(mulberry32(mixSeed(93, 'kill')), 'Z');
    const acked: Batch[] = [];
    let stop = false;
    const sender = async (url: string): Promise<void> => {
      while (!stop) {
        const batch = workload.next();
        try {
          const result = await post(url, batch.gateId, batch.events);
          expect(result.rejected).toEqual([]);
          acked.push(batch);
          workload.settle(batch);
        } catch (e) {
          // The node died under this request: not acknowledged, so nothing is promised.
          if (url === a.url && !(e instanceof Error && e.name === 'AssertionError')) return;
          throw e;
        }
      }
    };
    const senders = [sender(a.url), sender(b.url), sender(c.url)];
    await new Promise((r) => setTimeout(r, 1_500));
    await a.kill('SIGKILL');
    // B and C keep serving while A is gone.
    await new Promise((r) => setTimeout(r, 1_000));
    stop = true;
    await Promise.all(senders);
    expect(acked.length).toBeGreaterThan(5);
    const stored = new Set((await storedBodies()).map((b) => (JSON.parse(b) as { eventId: string }).eventId));
    for (const batch of acked) for (const e of batch.events) expect(stored.has(e.eventId), `acknowledged ${e.eventId}`).toBe(true);

    // A new node on a fresh DATA_DIR: /healthz answers 200 only once it holds the whole journal.
    const fresh = await startNode();
    const h = await health(fresh.url);
    expect(h.status).toBe(200);
    const top = await converged([b.url, c.url, fresh.url]);
    expect(h.seq).toBe(top);
    const [fb, ff] = await Promise.all([figures(b.url), figures(fresh.url)]);
    expect(ff).toEqual(fb);
  });
});
