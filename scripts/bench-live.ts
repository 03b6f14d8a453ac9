// (c) Live fan-out: K socket.io clients (spread over 1–2 child processes) watch while this process
// ingests at R events/s into two gates and, every 500 ms, sends one `declared` to a third (marker)
// gate. Latency = when a client sees the marker gate's figure change − when this process got the
// HTTP ack (one machine, one wall clock). Also deltas per client per second, server CPU and RSS.
// --light-clients: the clients speak the wire protocol over bare WebSockets (scripts/bench-light-clients.ts)
// instead of socket.io-client, so that 10,000 of them fit on this machine beside the server.
// Prints figures only. Run: node --import tsx scripts/bench-live.ts [--clients 1000] [--rate 20000] [--seconds 10] [--light-clients]
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TruckEvent } from '../shared/events.ts';
import { demoKeys } from '../tests/helpers/test-server.ts';
import { declared } from '../tests/helpers/truck-events.ts';
import { batchesByGate, eventsUpTo } from './bench-data.ts';
import { clockMs, cpuMs, flag, forkClients, machine, rssMb, shares, spawnServer, stopClients } from './bench-util.ts';

const K = flag('clients', 1_000);
const R = flag('rate', 20_000);
const SECONDS = flag('seconds', 10);
const LIGHT = process.argv.includes('--light-clients');
const MARKER = 'chi-ma';
const keys = demoKeys();

console.log(machine());
console.log(`command: node --import tsx scripts/bench-live.ts --clients ${K} --rate ${R} --seconds ${SECONDS}${LIGHT ? ' --light-clients' : ''}`);

const post = async (url: string, gateId: string, events: readonly TruckEvent[]): Promise<void> => {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[gateId] ?? ''}` },
    body: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`POST ${res.status}`);
};

const dataDir = mkdtempSync(join(tmpdir(), 'cks-bench-live-'));
const server = await spawnServer(dataDir);
const children: ChildProcess[] = [];
try {
  const load = batchesByGate(eventsUpTo(Math.ceil(R * SECONDS * 1.6)).filter((e) => e.gateId !== MARKER), 1_000);
  const procs = K > 1_000 ? 2 : 1;
  const ready = forkClients(shares(K, procs).map((clients) => ({ url: server.url, clients })), { light: LIGHT, marker: MARKER }, children);
  const tConnect = performance.now();
  await ready;
  console.log(`    ${K} clients connected in ${((performance.now() - tConnect) / 1000).toFixed(1)} s (${procs} client process${procs > 1 ? 'es' : ''}; ${LIGHT ? 'bare-WebSocket clients' : 'socket.io-client'})`);
  await new Promise((r) => setTimeout(r, 1_000));
  for (const c of children) c.send('count');

  const acks = new Map<number, number>(); // marker number → ack time
  const cpu0 = cpuMs(server.child.pid);
  const t0 = performance.now();
  let sent = 0;
  let next = 0;
  let markers = 0;
  const markerLoop = (async () => {
    while (performance.now() - t0 < SECONDS * 1000) {
      markers += 1;
      const n = markers;
      await post(server.url, MARKER, [declared(`MK-${n}`, Date.parse('2022-01-10T08:00:00+07:00') + n * 1000, { gateId: MARKER })]);
      acks.set(n, clockMs());
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  // Paced load: batches of 1,000 whenever the sent count falls behind R × elapsed.
  while (performance.now() - t0 < SECONDS * 1000) {
    const due = (R * (performance.now() - t0)) / 1000;
    const batch = load[next];
    if (sent < due && batch) {
      next += 1;
      sent += batch.events.length;
      await post(server.url, batch.gateId, batch.events);
    } else await new Promise((r) => setTimeout(r, 5));
  }
  await markerLoop;
  const wallMs = performance.now() - t0;
  const cpu = cpuMs(server.child.pid) - cpu0;
  const rss = rssMb(server.child.pid);
  await new Promise((r) => setTimeout(r, 1_500)); // let the last deltas arrive
  const reports = await stopClients(children);
  const latencies: number[] = [];
  let missing = 0;
  for (const [n, ack] of acks) {
    let seenBy = 0;
    for (const r of reports) {
      const times = new Map(r.seen).get(n) ?? [];
      seenBy += times.length;
      for (const t of times) latencies.push(t - ack);
    }
    missing += K - seenBy;
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  const perClient = reports.flatMap((r) => r.deltas).map((d) => d / (wallMs / 1000));
  const maxRate = Math.max(...perClient);
  const meanRate = perClient.reduce((s, x) => s + x, 0) / perClient.length;
  console.log(
    `(c) ${K} clients, ingest ${Math.round((sent / wallMs) * 1000).toLocaleString('en-US')} events/s (target R ${R.toLocaleString('en-US')}) for ${(wallMs / 1000).toFixed(1)} s: ack → client sees the change p50 ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms, max ${q(1).toFixed(0)} ms (${acks.size} markers × ${K} clients, ${missing} not seen); deltas per client per second mean ${meanRate.toFixed(2)}, max ${maxRate.toFixed(2)}; server CPU ${(cpu / wallMs).toFixed(2)} cores, RSS ${rss.toFixed(0)} MB`,
  );
} finally {
  for (const c of children) c.kill();
  await server.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
