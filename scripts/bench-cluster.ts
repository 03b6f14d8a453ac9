// (f) HTTP ingest into PostgreSQL from a second process — one node, then three nodes taking batches at
// once — against the embedded SQLite store in the same run; (g) live fan-out with K clients spread over
// three nodes (ack at one node → a client of any node sees the change); (h) catch-up: a node that was
// stopped while 100,000 events went in through the others, until its /healthz is 200 — with its own
// snapshot cache, and on a fresh DATA_DIR. A throwaway PostgreSQL 15 (Debian's, fsync on) is started and
// stopped here. (i) what a node's loss costs the live clients on it. Prints figures only.
// Run: node --import tsx scripts/bench-cluster.ts [--events 200000] [--clients 10000] [--missed 100000] [--failover-clients 300]
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TruckEvent } from '../shared/events.ts';
import { startPostgres } from '../tests/helpers/postgres.ts';
import { freePort } from '../tests/helpers/server-process.ts';
import { demoKeys } from '../tests/helpers/test-server.ts';
import { declared } from '../tests/helpers/truck-events.ts';
import { io } from 'socket.io-client';
import { batchesByGate, eventsUpTo } from './bench-data.ts';
import { startFront } from './cluster-proxy.ts';
import { clockMs, cpuMs, flag, forkClients, machine, perSecond, rssMb, spawnServer, stopClients, type BenchServer } from './bench-util.ts';

const N = flag('events', 200_000);
const K = flag('clients', 10_000);
const MISSED = flag('missed', 100_000);
const RATE = flag('rate', 2_000);
const SECONDS = flag('seconds', 10);
const MARKER = 'chi-ma';
/** Client harness: `light` (bare WebSocket, no parse of every frame; the default) or `socketio` (socket.io-client). */
const HARNESS = process.argv.includes('--socketio-clients') ? 'socketio' : 'light';
const keys = demoKeys();

console.log(machine());
console.log(`command: node --import tsx scripts/bench-cluster.ts --events ${N} --clients ${K} --missed ${MISSED}${HARNESS === 'socketio' ? ' --socketio-clients' : ''}`);

const post = async (url: string, gateId: string, body: string): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[gateId] ?? ''}` },
        body,
      });
      const text = await res.text();
      if (!res.ok || text.includes('"rejected":[{')) throw new Error(`POST ${res.status}: ${text.slice(0, 200)}`);
      return;
    } catch (e) {
      // A kept-alive connection reset as the request went out: resend (idempotent by eventId).
      if (attempt >= 3 || !(e instanceof TypeError)) throw e;
    }
  }
};
const q = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
};
const ndjson = (events: readonly TruckEvent[]): string => events.map((e) => JSON.stringify(e)).join('\n');

/** Send every batch, one request in flight per gate; batch i of a gate goes to node i mod nodes. Returns wall ms. */
async function send(urls: readonly string[], batches: readonly { gateId: string; events: TruckEvent[] }[]): Promise<number> {
  const byGate = new Map<string, string[]>();
  for (const b of batches) (byGate.get(b.gateId) ?? byGate.set(b.gateId, []).get(b.gateId))?.push(ndjson(b.events));
  const t0 = performance.now();
  await Promise.all([...byGate].map(async ([gateId, bodies]) => {
    for (const [i, body] of bodies.entries()) await post(urls[i % urls.length] ?? '', gateId, body);
  }));
  return performance.now() - t0;
}

const healthySeq = async (url: string): Promise<number> => ((await (await fetch(`${url}/healthz`)).json()) as { seq: number }).seq;

const work = mkdtempSync(join(tmpdir(), 'cks-bench-cluster-'));
const postgres = await startPostgres({ fsync: true });
const servers: BenchServer[] = [];
const children: ChildProcess[] = [];
// Stopped from outside (Ctrl-C, a time-out): leave no server or database running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const ch of children) ch.kill();
    for (const s of servers) s.child.kill('SIGKILL');
    void postgres.stop().finally(() => {
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  });
}
const start = async (name: string, env: Record<string, string> = {}): Promise<BenchServer> => {
  const s = await spawnServer(join(work, name), env);
  servers.push(s);
  return s;
};
try {
  const batches = batchesByGate(eventsUpTo(N), 1_000);

  // (f) SQLite, PostgreSQL on one node, PostgreSQL on three nodes at once: the same events, the same sender.
  const sqlite = await start('sqlite');
  const sqliteMs = await send([sqlite.url], batches);
  await sqlite.stop();
  const db1 = await postgres.createDatabase('bench_one');
  const one = await start('pg-one', { DATABASE_URL: db1 });
  const oneMs = await send([one.url], batches);
  const oneRss = rssMb(one.child.pid);
  await one.stop();
  const db3 = await postgres.createDatabase('bench_three');
  const nodeEnv = { DATABASE_URL: db3, SOCKETS_PER_IP: '100000' };
  const three = [await start('pg-a', nodeEnv), await start('pg-b', nodeEnv), await start('pg-c', nodeEnv)];
  const cpu0 = three.map((s) => cpuMs(s.child.pid));
  const threeMs = await send(three.map((s) => s.url), batches);
  const cpu = three.map((s, i) => cpuMs(s.child.pid) - (cpu0[i] ?? 0));
  console.log(`(f) HTTP ingest, ${N.toLocaleString('en-US')} events in 1,000-event batches, one request in flight per gate:`);
  console.log(`    SQLite (embedded, synchronous=FULL), 1 node:      ${perSecond(N, sqliteMs)} (${(sqliteMs / 1000).toFixed(1)} s)`);
  console.log(`    PostgreSQL 15 (fsync on), 1 node:                 ${perSecond(N, oneMs)} (${(oneMs / 1000).toFixed(1)} s); node RSS ${oneRss.toFixed(0)} MB`);
  console.log(`    PostgreSQL 15, 3 nodes taking batches at once:    ${perSecond(N, threeMs)} (${(threeMs / 1000).toFixed(1)} s); node CPU ${cpu.map((c) => (c / threeMs).toFixed(2)).join(' / ')} cores`);
  const seqs = await Promise.all(three.map((s) => healthySeq(s.url)));
  console.log(`    every node at the same journal position afterwards: ${seqs.join(' = ')}`);

  // (g) Live fan-out over the three nodes: markers acknowledged at node A, seen by clients of every node.
  const live = three;
  const perNode = Math.ceil(K / live.length);
  const ready = forkClients(live.map((s, p) => ({ url: s.url, clients: Math.min(perNode, K - p * perNode) })), { light: HARNESS === 'light', marker: MARKER }, children);
  const tConnect = performance.now();
  await ready;
  console.log(`(g) ${K.toLocaleString('en-US')} live clients over 3 nodes (${perNode} each; ${HARNESS === 'light' ? 'bare-WebSocket clients' : 'socket.io-client'}) connected in ${((performance.now() - tConnect) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 1_000));
  for (const ch of children) ch.send('count');
  const [nodeA, nodeB, nodeC] = live as [BenchServer, BenchServer, BenchServer];
  // The marker gate already holds trucks from (f): a client sees marker n when its `expected` reaches base + n.
  const base = await (async () => {
    const gates = ((await (await fetch(`${nodeA.url}/api/v1/gates`)).json()) as { gates: { id: string; expected: { export: number; import: number } }[] }).gates;
    const g = gates.find((x) => x.id === MARKER);
    return (g?.expected.export ?? 0) + (g?.expected.import ?? 0);
  })();
  const acks = new Map<number, number>();
  const load = batchesByGate(eventsUpTo(Math.ceil(RATE * SECONDS * 1.5), 50).filter((e) => e.gateId !== MARKER), 500);
  const t0 = performance.now();
  let sent = 0;
  let next = 0;
  const markerLoop = (async () => {
    for (let n = 1; performance.now() - t0 < SECONDS * 1000; n++) {
      await post(nodeA.url, MARKER, JSON.stringify(declared(`MK-${n}`, Date.parse('2022-01-10T08:00:00+07:00') + n * 1000, { gateId: MARKER })));
      acks.set(n, clockMs());
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  // Background load through B and C at RATE events/s.
  while (performance.now() - t0 < SECONDS * 1000) {
    const batch = load[next];
    if (batch && sent < (RATE * (performance.now() - t0)) / 1000) {
      next += 1;
      sent += batch.events.length;
      await post(next % 2 === 0 ? nodeB.url : nodeC.url, batch.gateId, ndjson(batch.events));
    } else await new Promise((r) => setTimeout(r, 5));
  }
  await markerLoop;
  const wallMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1_500));
  const reports = await stopClients(children);
  const latencies: number[] = [];
  const byNode: number[][] = reports.map(() => []);
  let missing = 0;
  for (const [n, ack] of acks) {
    reports.forEach((r, i) => {
      const times = new Map(r.seen).get(base + n) ?? [];
      missing += Math.min(perNode, K - i * perNode) - times.length;
      for (const t of times) {
        latencies.push(t - ack);
        byNode[i]?.push(t - ack);
      }
    });
  }
  const rates = reports.flatMap((r) => r.deltas).map((d) => d / (wallMs / 1000));
  console.log(
    `    ingest ${Math.round((sent / wallMs) * 1000).toLocaleString('en-US')} events/s through B and C, markers acknowledged at A: ack → client sees it p50 ${q(latencies, 0.5).toFixed(0)} ms, p99 ${q(latencies, 0.99).toFixed(0)} ms, max ${q(latencies, 1).toFixed(0)} ms (${acks.size} markers × ${K} clients, ${missing} not seen)`,
  );
  console.log(`    p99 by node: A ${q(byNode[0] ?? [], 0.99).toFixed(0)} ms, B ${q(byNode[1] ?? [], 0.99).toFixed(0)} ms, C ${q(byNode[2] ?? [], 0.99).toFixed(0)} ms; deltas per client per second mean ${(rates.reduce((s, x) => s + x, 0) / rates.length).toFixed(2)}, max ${Math.max(...rates).toFixed(2)}; node RSS ${live.map((s) => rssMb(s.child.pid).toFixed(0)).join(' / ')} MB`);
  for (const ch of children) ch.kill();
  children.length = 0;

  // (h) Catch-up: C stops (graceful: it writes its snapshot cache), MISSED events go in through A and B, C starts again.
  await nodeC.stop();
  const missed = batchesByGate(eventsUpTo(MISSED, 80), 1_000);
  await send([nodeA.url, nodeB.url], missed);
  // Both senders' nodes have followed each other's last commits: that is the journal's top.
  let top = 0;
  for (let seen = [-1, -2]; seen[0] !== seen[1]; await new Promise((r) => setTimeout(r, 50))) {
    seen = await Promise.all([healthySeq(nodeA.url), healthySeq(nodeB.url)]);
    top = seen[0] ?? 0;
  }
  const back = await start('pg-c', nodeEnv);
  const backSeq = await healthySeq(back.url);
  console.log(`(h) a node that missed ${MISSED.toLocaleString('en-US')} events, restarted on its DATA_DIR (snapshot cache at seq ${back.ready.fromSeq}, ${back.ready.replayed.toLocaleString('en-US')} replayed): /healthz 200 after ${(back.servingMs / 1000).toFixed(2)} s, at seq ${backSeq} (journal ${top})`);
  const fresh = await start('pg-fresh', nodeEnv);
  console.log(`    a new node on an empty DATA_DIR (the whole journal, ${fresh.ready.replayed.toLocaleString('en-US')} events): /healthz 200 after ${(fresh.servingMs / 1000).toFixed(2)} s, at seq ${await healthySeq(fresh.url)}`);

  // (i) What losing a node costs its live clients: consoles connected through a front (what nginx does;
  // scripts/cluster-proxy.ts) with the console's own reconnection settings; their node is SIGKILLed; the
  // time until each has a fresh snapshot from another node.
  const backends = [nodeA, nodeB, back].map((s, i) => ({ name: `n${i}`, port: Number(new URL(s.url).port), server: s }));
  const frontPort = await freePort();
  const front = await startFront(frontPort, backends, { checkMs: 250, host: '127.0.0.1' });
  const M = flag('failover-clients', 300);
  const consoles = Array.from({ length: M }, () => io(`http://127.0.0.1:${frontPort}`, { transports: ['websocket'], reconnectionDelayMax: 5_000 }));
  const snapshotsAt: number[][] = consoles.map(() => []);
  consoles.forEach((sock, i) => sock.on('snapshot', () => snapshotsAt[i]?.push(performance.now())));
  while (snapshotsAt.some((t) => t.length === 0)) await new Promise((r) => setTimeout(r, 50));
  const victim = backends.find((b) => b.name === front.backendFor('127.0.0.1')?.name);
  const killedAt = performance.now();
  await victim?.server.stop('SIGKILL');
  const deadline = performance.now() + 30_000;
  while (snapshotsAt.some((t) => !t.some((x) => x > killedAt)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const gaps = snapshotsAt.map((t) => (t.find((x) => x > killedAt) ?? NaN) - killedAt);
  const seen = gaps.filter((g) => Number.isFinite(g));
  console.log(
    `(i) ${M} consoles on one node behind the front; that node SIGKILLed: a fresh snapshot from another node after p50 ${(q(seen, 0.5) / 1000).toFixed(2)} s, p99 ${(q(seen, 0.99) / 1000).toFixed(2)} s, max ${(q(seen, 1) / 1000).toFixed(2)} s (${M - seen.length} not back within 30 s; socket.io-client reconnection delay 1 s ± 50 %, front health check every 250 ms)`,
  );
  for (const sock of consoles) sock.close();
  await front.close();
} finally {
  for (const ch of children) ch.kill();
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await postgres.stop();
  rmSync(work, { recursive: true, force: true });
}
