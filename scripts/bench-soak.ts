// Soak (not in CI): M minutes of paced ingest (R events/s, the Q1 2022 scenario repeated year after year)
// into the bench server on SQLite while K live clients watch (bare-WebSocket clients, as in bench-live
// --light-clients). Every minute: the server's RSS and V8 heap, CPU, events acknowledged, POST
// round-trips, errors, live clients still connected. At the end: RSS growth after the warm-up, every
// acknowledged eventId looked up in the log file, and a restart (graceful stop, snapshot) that must give
// the same figures. Prints figures only.
// --preload N: first N events as fast as the server takes them (the soak then runs on a state that holds them).
// Run: node --import tsx scripts/bench-soak.ts [--minutes 30] [--rate 1000] [--clients 1000] [--warmup 5] [--preload 0]
//      (or npm run bench -- --soak, with the same flags)
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { GatesResponse } from '../shared/gates.ts';
import type { TruckEvent } from '../shared/events.ts';
import { demoKeys } from '../tests/helpers/test-server.ts';
import { quarterLines, shifted } from './bench-data.ts';
import { cpuMs, flag, forkClients, heapOf, machine, rssMb, shares, spawnServer, stopClients, type BenchServer } from './bench-util.ts';

const MINUTES = flag('minutes', 30);
const RATE = flag('rate', 1_000);
const K = flag('clients', 1_000);
const WARMUP = flag('warmup', 5);
const PRELOAD = flag('preload', 0);
const TICK_MS = 100;
const keys = demoKeys();
const Ack = z.object({ accepted: z.number(), duplicates: z.number(), rejected: z.array(z.object({ index: z.number() }).loose()) });

console.log(machine());
console.log(`command: node --import tsx scripts/bench-soak.ts --minutes ${MINUTES} --rate ${RATE} --clients ${K} --warmup ${WARMUP}${PRELOAD > 0 ? ` --preload ${PRELOAD}` : ''}`);

/** The scenario's events in log order, then again a year later with shifted ids, without end. */
function* eventStream(): Generator<TruckEvent> {
  const quarter = quarterLines().map((l) => JSON.parse(l) as TruckEvent);
  for (let r = 0; ; r++) for (const e of quarter) yield shifted(e, r);
}

const acked: string[] = [];
let errors = 0;
let resends = 0;
const roundTrips: number[] = [];

/** One gate's events in one request; retried (idempotent by eventId) when the connection resets. */
async function post(url: string, gateId: string, events: readonly TruckEvent[]): Promise<void> {
  const body = events.map((e) => JSON.stringify(e)).join('\n');
  for (let attempt = 1; ; attempt++) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[gateId] ?? ''}` }, body });
      const text = await res.text();
      roundTrips.push(performance.now() - t0);
      if (!res.ok) {
        errors += 1;
        console.log(`    POST ${res.status}: ${text.slice(0, 200)}`);
        return;
      }
      const ack = Ack.parse(JSON.parse(text));
      const refused = new Set(ack.rejected.map((r) => r.index));
      if (refused.size > 0) {
        errors += 1;
        console.log(`    rejected: ${JSON.stringify(ack.rejected[0])}`);
      }
      events.forEach((e, i) => refused.has(i) || acked.push(e.eventId));
      return;
    } catch (e) {
      if (attempt >= 3 || !(e instanceof TypeError)) {
        errors += 1;
        console.log(`    POST failed: ${String(e)}`);
        return;
      }
      resends += 1;
    }
  }
}

/** Counters of a gate that must come back the same after a restart. */
async function figures(url: string): Promise<string> {
  const { gates } = GatesResponse.parse(await (await fetch(`${url}/api/v1/gates`)).json());
  return JSON.stringify(gates.map((g) => [g.id, g.queue, g.expected, g.awaiting, g.awaitingHandover, g.readyToClear]));
}

const dataDir = mkdtempSync(join(tmpdir(), 'cks-bench-soak-'));
// --expose-gc: before each reading the soak asks for a full collection (SIGUSR2), so "live heap" is what is held.
const spawnSoakServer = (): Promise<BenchServer> => spawnServer(dataDir, {}, ['--expose-gc']);
/** V8 heap used right after a full collection (MB). */
async function liveHeapMb(s: BenchServer): Promise<number> {
  s.child.kill('SIGUSR2');
  await new Promise((r) => setTimeout(r, 1_000));
  return Number(/used (\d+) MB/.exec(await heapOf(s.url))?.[1] ?? NaN);
}
let server: BenchServer | undefined = await spawnSoakServer();
const children: ChildProcess[] = [];
const stream = eventStream();
try {
  if (PRELOAD > 0) {
    const t = performance.now();
    const byGate = new Map<string, TruckEvent[][]>();
    for (let i = 0; i < PRELOAD; i++) {
      const e = stream.next().value as TruckEvent;
      const batches = byGate.get(e.gateId) ?? byGate.set(e.gateId, [[]]).get(e.gateId) ?? [];
      if ((batches.at(-1)?.length ?? 0) >= 1_000) batches.push([]);
      batches.at(-1)?.push(e);
    }
    await Promise.all([...byGate].map(async ([gateId, batches]) => {
      for (const b of batches) await post(server?.url ?? '', gateId, b);
    }));
    console.log(`    preloaded ${acked.length.toLocaleString('en-US')} events in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const procs = K > 2_000 ? 2 : 1;
  const url = server.url;
  await forkClients(shares(K, procs).map((clients) => ({ url, clients })), { light: true }, children);
  for (const c of children) c.send('count');
  const status = (): Promise<{ connected: number; closed: number }[]> =>
    Promise.all(children.map((c) => new Promise<{ connected: number; closed: number }>((resolve) => {
      const on = (m: { status?: { connected: number; closed: number } }): void => {
        if (!m.status) return;
        c.off('message', on);
        resolve(m.status);
      };
      c.on('message', on);
      c.send('status');
    })));

  let sent = 0;
  const t0 = performance.now();
  let cpu0 = cpuMs(server.child.pid);
  let ackedAtMinute = acked.length;
  const rows: string[] = ['| minute | events acked | events/s | POST p50 / p99 ms | server RSS MB | live heap MB (after a full GC) | server CPU cores | clients connected | connections lost (then again) | errors |', '|---|---|---|---|---|---|---|---|---|---|'];
  const rssByMinute: number[] = [];
  const heapByMinute: number[] = [];
  for (let minute = 1; minute <= MINUTES; minute++) {
    const end = t0 + minute * 60_000;
    roundTrips.length = 0;
    while (performance.now() < end) {
      const due = Math.floor((RATE * (performance.now() - t0)) / 1000);
      const byGate = new Map<string, TruckEvent[]>();
      // Behind after a slow tick: catch up, in requests of at most 10,000 events (the contract's limit).
      while (sent < due) {
        const e = stream.next().value as TruckEvent;
        sent += 1;
        const batch = byGate.get(e.gateId) ?? byGate.set(e.gateId, []).get(e.gateId) ?? [];
        batch.push(e);
        if (batch.length >= 10_000) break;
      }
      await Promise.all([...byGate].map(([gateId, events]) => post(server?.url ?? '', gateId, events)));
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_MS - ((performance.now() - t0) % TICK_MS))));
    }
    const rss = rssMb(server.child.pid);
    rssByMinute.push(rss);
    const cpu = cpuMs(server.child.pid);
    const live = await status();
    const sorted = [...roundTrips].sort((a, b) => a - b);
    const q = (p: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN).toFixed(0);
    const heap = await liveHeapMb(server);
    heapByMinute.push(heap);
    rows.push(`| ${minute} | ${acked.length.toLocaleString('en-US')} | ${Math.round((acked.length - ackedAtMinute) / 60).toLocaleString('en-US')} | ${q(0.5)} / ${q(0.99)} | ${rss.toFixed(0)} | ${heap} | ${((cpu - cpu0) / 60_000).toFixed(2)} | ${live.reduce((s, l) => s + l.connected, 0)} | ${live.reduce((s, l) => s + l.closed, 0)} | ${errors} |`);
    console.log(rows.at(-1));
    ackedAtMinute = acked.length;
    cpu0 = cpu;
  }
  const wallMs = performance.now() - t0;
  const reports = await stopClients(children);
  const perClient = reports.flatMap((r) => r.deltas).map((d) => d / (wallMs / 1000));
  const before = await figures(server.url);
  const soakHeap = await liveHeapMb(server);
  await server.stop('SIGTERM');
  server = undefined;

  // Every acknowledged event, looked up in the log file itself.
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  const has = db.prepare('SELECT 1 FROM events WHERE event_id = ?').pluck();
  let missing = 0;
  for (const id of acked) if (has.get(id) === undefined) missing += 1;
  const stored = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  db.close();
  server = await spawnSoakServer();
  const after = await figures(server.url);
  const freshHeap = await liveHeapMb(server);

  console.log('');
  for (const row of rows) console.log(row);
  const warm = rssByMinute[Math.min(WARMUP, rssByMinute.length) - 1] ?? NaN;
  const last = rssByMinute.at(-1) ?? NaN;
  const peak = Math.max(...rssByMinute.slice(WARMUP - 1));
  console.log(`soak: ${MINUTES} min at ${RATE.toLocaleString('en-US')} events/s with ${K.toLocaleString('en-US')} live clients: RSS ${warm.toFixed(0)} MB after the ${WARMUP}-minute warm-up → ${last.toFixed(0)} MB at the end (${(((last - warm) / warm) * 100).toFixed(1)} %; peak ${peak.toFixed(0)} MB); ${errors} errors, ${resends} resends; deltas per client per second mean ${(perClient.reduce((s, x) => s + x, 0) / perClient.length).toFixed(2)}, max ${Math.max(...perClient).toFixed(2)}`);
  console.log(`    ${acked.length.toLocaleString('en-US')} events acknowledged, ${stored.toLocaleString('en-US')} in the log, ${missing} acknowledged but missing; after a restart the gates' figures are ${before === after ? 'the same' : `DIFFERENT:\n    before ${before}\n    after  ${after}`} (restart ${(server.servingMs / 1000).toFixed(2)} s)`);
  const warmHeap = heapByMinute[Math.min(WARMUP, heapByMinute.length) - 1] ?? NaN;
  const warmEvents = Number(rows[Math.min(WARMUP, rows.length - 2) + 1]?.split('|')[2]?.replaceAll(',', '') ?? NaN);
  console.log(`    live heap ${warmHeap} MB after the warm-up → ${soakHeap} MB at the end, ${acked.length > warmEvents ? (((soakHeap - warmHeap) * 1e6) / (acked.length - warmEvents)).toFixed(0) : '—'} bytes per event added (the state holds every event: its eventId table and declarations grow with the log); a fresh process restored from the snapshot holds the same state in ${freshHeap} MB: the soaked process holds ${(((soakHeap - freshHeap) / freshHeap) * 100).toFixed(1)} % more`);
  if (missing > 0 || errors > 0 || before !== after) process.exitCode = 1;
} finally {
  for (const c of children) c.kill();
  await server?.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
