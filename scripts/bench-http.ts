// (b) Durable HTTP ingest from a second process: the server (scripts/bench-server.ts, SQLite,
// synchronous=FULL) is a child; this process sends a million events as 1,000-event NDJSON batches,
// one request in flight per gate key. Then (e) the server's RSS holding them, and (d) restart until
// serving: after a graceful stop (snapshot at shutdown), after a hard kill with a tail to replay, and
// (--full-replay) with no snapshot at all. Prints figures only.
// Run: node --import tsx scripts/bench-http.ts [--events 1000000] [--full-replay] [--floor <events/s>]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { demoKeys } from '../tests/helpers/test-server.ts';
import { batchesByGate, eventsUpTo, MILLION } from './bench-data.ts';
import { cpuMs, flag, heapOf, machine, perSecond, rssMb, spawnServer, type BenchServer } from './bench-util.ts';

const N = flag('events', MILLION);
const floor = flag('floor', NaN);
const TAIL = 50_000;
const keys = demoKeys();
let resends = 0;
const Ack = z.object({ accepted: z.number(), duplicates: z.number(), rejected: z.array(z.unknown()) });

console.log(machine());
console.log(`command: node --import tsx scripts/bench-http.ts --events ${N}${process.argv.includes('--full-replay') ? ' --full-replay' : ''}`);

/** Send batches, one request in flight per gate; returns events accepted and wall ms. */
async function send(url: string, batches: { gateId: string; body: string; n: number }[]): Promise<{ accepted: number; ms: number }> {
  const queues = new Map<string, typeof batches>();
  for (const b of batches) (queues.get(b.gateId) ?? queues.set(b.gateId, []).get(b.gateId))?.push(b);
  let accepted = 0;
  const t0 = performance.now();
  await Promise.all(
    [...queues].map(async ([gateId, queue]) => {
      for (const b of queue) {
        // A kept-alive connection the server closes as a request goes out resets: resend, as a gate
        // would — the eventIds make it idempotent (what was stored comes back as duplicates).
        for (let attempt = 1; ; attempt++) {
          try {
            const res = await fetch(`${url}/api/v1/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[gateId] ?? ''}` },
              body: b.body,
            });
            const ack = Ack.parse(await res.json());
            if (ack.rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(ack.rejected[0])}`);
            accepted += ack.accepted + ack.duplicates;
            break;
          } catch (e) {
            if (attempt >= 3 || !(e instanceof TypeError)) throw e;
            resends += 1;
          }
        }
      }
    }),
  );
  return { accepted, ms: performance.now() - t0 };
}

const toBatches = (events: ReturnType<typeof eventsUpTo>) =>
  batchesByGate(events, 1_000).map((b) => ({ gateId: b.gateId, n: b.events.length, body: b.events.map((e) => JSON.stringify(e)).join('\n') }));

const dataDir = mkdtempSync(join(tmpdir(), 'cks-bench-http-'));
let server: BenchServer | undefined;
try {
  const all = eventsUpTo(N + TAIL);
  const main = toBatches(all.slice(0, N));
  const tail = toBatches(all.slice(N));
  server = await spawnServer(dataDir);
  // Warm-up: the first 20 batches (JIT), counted in the log but not in the rate.
  const warm = await send(server.url, main.slice(0, 20));
  const cpu0 = cpuMs(server.child.pid);
  const { accepted, ms } = await send(server.url, main.slice(20));
  const cpu = cpuMs(server.child.pid) - cpu0;
  const sent = main.slice(20).reduce((s, b) => s + b.n, 0);
  console.log(`(b) HTTP ingest from a second process, 1,000-event NDJSON batches (3 gate keys, 1 request in flight each), durable (SQLite WAL, synchronous=FULL): ${perSecond(sent, ms)} (${(ms / 1000).toFixed(1)} s; ${(accepted + warm.accepted).toLocaleString('en-US')} accepted; server CPU ${(cpu / ms).toFixed(2)} cores; ${resends} resends after a reset connection)`);
  if (Number.isFinite(floor)) console.log(`    b/a = ${((sent / ms) * 1000 / floor).toFixed(2)} (a = ${floor.toLocaleString('en-US')} events/s from bench-floor in this run)`);
  console.log(`(e) server RSS holding ${N.toLocaleString('en-US')} events (after ingest): ${rssMb(server.child.pid).toFixed(0)} MB (${await heapOf(server.url)})`);
  // The same server after 20 s without requests: V8's memory reducer collects and gives back what the ingest burst left.
  await new Promise((r) => setTimeout(r, 20_000));
  console.log(`    the same, after 20 s idle: ${rssMb(server.child.pid).toFixed(0)} MB (${await heapOf(server.url)})`);

  const tStop = performance.now();
  await server.stop('SIGTERM'); // graceful: writes the snapshot at shutdown
  console.log(`    graceful stop (writes the snapshot of ${N.toLocaleString('en-US')} events, the loop blocked meanwhile): ${((performance.now() - tStop) / 1000).toFixed(2)} s`);
  server = await spawnServer(dataDir);
  console.log(`(d) restart until serving, ${N.toLocaleString('en-US')} events in the log, after a graceful stop: ${(server.servingMs / 1000).toFixed(2)} s (state ready ${(server.ready.ms / 1000).toFixed(2)} s after the process started loading the app; snapshot at seq ${server.ready.fromSeq}, ${server.ready.replayed} replayed); RSS ${rssMb(server.child.pid).toFixed(0)} MB (${await heapOf(server.url)})`);
  await new Promise((r) => setTimeout(r, 20_000));
  console.log(`    the restarted server after 20 s idle: RSS ${rssMb(server.child.pid).toFixed(0)} MB (${await heapOf(server.url)})`);

  await send(server.url, tail);
  await server.stop('SIGKILL'); // hard kill: no snapshot at shutdown, the tail must be replayed
  server = await spawnServer(dataDir);
  console.log(`    after a hard kill with ${TAIL.toLocaleString('en-US')} events since the snapshot: ${(server.servingMs / 1000).toFixed(2)} s (snapshot at seq ${server.ready.fromSeq}, ${server.ready.replayed} replayed)`);
  await server.stop('SIGKILL');

  const empty = mkdtempSync(join(tmpdir(), 'cks-bench-empty-'));
  server = await spawnServer(empty);
  console.log(`    the same server on an empty log (process + tsx + app start-up): ${(server.servingMs / 1000).toFixed(2)} s`);
  await server.stop('SIGKILL');
  rmSync(empty, { recursive: true, force: true });

  if (process.argv.includes('--full-replay')) {
    rmSync(join(dataDir, 'state.snapshot'), { force: true });
    server = await spawnServer(dataDir);
    console.log(`    with no snapshot (full replay, the fallback): ${(server.servingMs / 1000).toFixed(2)} s (${server.ready.replayed} replayed; snapshot: ${server.ready.snapshotRefused ?? '-'})`);
    await server.stop('SIGTERM');
  }
} finally {
  await server?.stop('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
