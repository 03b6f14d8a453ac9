// (a) The in-process floor: parse + validate + decide + append (the real SQLite log, synchronous=FULL)
// + apply of a million events in 1,000-event batches, no HTTP. (e) Aggregation cost per event
// (decide + apply, pre-parsed events) with 10k and with 1M events in the state, and the ratio.
// Prints figures only. Run: node --expose-gc --import tsx scripts/bench-floor.ts [--events 1000000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TruckEvent } from '../shared/events.ts';
import { openAppCore } from '../server/core/app-core.ts';
import { systemClock } from '../server/core/clock.ts';
import { decideBatch } from '../server/core/decide-batch.ts';
import { applyBatch, applyEvent, canonicalJson, contentHash, createBatchOverlay, createState, decide, type LiveState } from '../server/domain/index.ts';
import { parseBatch } from '../server/http/routes/parse-batch.ts';
import { openSqliteStore } from '../server/store/sqlite-store.ts';
import { demoConfig } from '../tests/helpers/test-server.ts';
import { batchesByGate, eventsUpTo, MILLION, shifted, quarterLines } from './bench-data.ts';
import { flag, machine, perSecond } from './bench-util.ts';

const N = flag('events', MILLION);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

console.log(machine());
console.log(`command: node --expose-gc --import tsx scripts/bench-floor.ts --events ${N}`);
const bodies = batchesByGate(eventsUpTo(N), 1_000).map((b) => ({ gateId: b.gateId, text: b.events.map((e) => JSON.stringify(e)).join('\n') }));
gc();

// (a) Floor, into a real SQLite log (no snapshots: they are not on the ingest path).
const dir = mkdtempSync(join(tmpdir(), 'cks-floor-'));
const store = openSqliteStore(join(dir, 'events.db'));
const config = demoConfig();
const core = await openAppCore({ config, store, clock: systemClock, snapshotPolicy: { everyEvents: Infinity, everyMs: 2 ** 31 - 1 } });
let accepted = 0;
const t0 = performance.now();
for (const { gateId, text } of bodies) {
  const parsed = parseBatch('ndjson', text);
  if (!parsed.ok) throw new Error(parsed.message);
  accepted += (await core.ingest(gateId, parsed.items)).accepted;
}
const floorMs = performance.now() - t0;
bodies.length = 0;
console.log(`(a) in-process floor, ${N.toLocaleString('en-US')} events (${accepted.toLocaleString('en-US')} accepted) in 1,000-event NDJSON batches → SQLite: ${perSecond(N, floorMs)} (${(floorMs / 1000).toFixed(1)} s, ${((floorMs * 1000) / N).toFixed(1)} µs/event)`);
gc();
const mem = process.memoryUsage();
console.log(`    process after ${N.toLocaleString('en-US')} events: heap used ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB (server RSS: see bench-http)`);

// (e) Aggregation cost: the same 10,000 events (a quarter's slice, shifted to a year no one has) applied
// to a state of 10k events and to the 1M-event state above. Five slices each; the fastest µs/event
// (the CPU is shared: the minimum is the figure least disturbed by other processes).
const quarter = quarterLines().map((l) => JSON.parse(l) as TruckEvent);
const slice = (r: number): { event: TruckEvent; hash: number }[] =>
  quarter.slice(10_000, 20_000).map((e) => {
    const event = shifted(e, r);
    return { event, hash: contentHash(canonicalJson(event)) };
  });
function aggregate(state: LiveState, events: readonly { event: TruckEvent; hash: number }[]): number {
  const t = performance.now();
  const overlay = createBatchOverlay();
  for (const a of events) {
    if (decide(state, overlay, a.event, a.hash, () => undefined).kind === 'accept') applyEvent(state, a);
  }
  return ((performance.now() - t) * 1000) / events.length;
}
const costAt = (state: LiveState, repeats: number[]): number => Math.min(...repeats.map((r) => aggregate(state, slice(r))));
/** A bare domain state (no store) holding the first `n` events: what the core's state holds after ingesting them. */
function domainState(n: number): LiveState {
  const state = createState({ timezone: config.timezone, gates: config.gates });
  for (const { gateId, events } of batchesByGate(eventsUpTo(n), 1_000)) applyBatch(state, decideBatch(state, gateId, events.map((value) => ({ ok: true, value }))).accepted);
  return state;
}
for (const r of [30, 31, 32]) aggregate(createState({ timezone: config.timezone, gates: config.gates }), slice(r)); // JIT warm-up
// Each measurement on its own 10k-event state, so the "10k" state never grows past 20k.
const at10k = Math.min(...[41, 42, 43, 44, 45].map((r) => costAt(domainState(10_000), [r])));
await core.close();
await store.close();
const big = domainState(N);
const at1m = costAt(big, [51, 52, 53, 54, 55]);
console.log(`(e) aggregation (decide + apply) per event: ${at10k.toFixed(2)} µs with 10k events, ${at1m.toFixed(2)} µs with ${(big.eventCount / 1e6).toFixed(2)}M events; ratio ${(at1m / at10k).toFixed(2)}`);
rmSync(dir, { recursive: true, force: true });
