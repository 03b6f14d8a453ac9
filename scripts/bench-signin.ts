// Sign-in storm: 20 sign-ins a second (correct passwords, scrypt ≈ 50 ms of CPU each) during ingest at
// 20,000 events/s, against the same ingest without sign-ins, in one run: phases alternate (quiet, storm,
// quiet, storm — so the state's growth and the machine's drift fall on both alike). The load is open loop:
// a 1,000-event batch goes out every 50 ms whatever the answers, so a stalled server shows as latency.
// Prints the ingest batch latency (request → durable ack) p50/p99 per kind of phase, and the sign-ins'.
// Run: node --import tsx scripts/bench-signin.ts [--rate 20000] [--signins 20] [--seconds 8]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoKeys } from '../tests/helpers/test-server.ts';
import { batchesByGate, eventsUpTo } from './bench-data.ts';
import { flag, machine, spawnServer } from './bench-util.ts';

const RATE = flag('rate', 20_000);
const SIGNINS = flag('signins', 20);
const SECONDS = flag('seconds', 8);
const BATCH = 1_000;
const PHASES = ['quiet', 'storm', 'quiet', 'storm'] as const;

console.log(machine());
console.log(`command: node --import tsx scripts/bench-signin.ts --rate ${RATE} --signins ${SIGNINS} --seconds ${SECONDS}`);

const keys = demoKeys();
const users = (JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8')) as { users: { username: string; password: string }[] }).users;
const WARM_UP = 20;
const needed = Math.ceil((RATE * SECONDS * PHASES.length) / BATCH) + WARM_UP + 50;
const batches = batchesByGate(eventsUpTo(needed * BATCH), BATCH).map((b) => ({ gateId: b.gateId, body: b.events.map((e) => JSON.stringify(e)).join('\n') }));

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'cks-signin-'));
const server = await spawnServer(dir);
try {
  let next = 0;
  const ingest: Record<string, number[]> = { quiet: [], storm: [] };
  const signIns: number[] = [];
  let failures = 0;
  const send = async (into: number[]): Promise<void> => {
    const b = batches[next++];
    if (!b) throw new Error('out of batches');
    const t = performance.now();
    const res = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${keys[b.gateId] ?? ''}` }, body: b.body });
    await res.arrayBuffer();
    if (res.status !== 200) failures += 1;
    into.push(performance.now() - t);
  };
  const signIn = async (): Promise<void> => {
    const u = users[signIns.length % users.length];
    const t = performance.now();
    const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u?.username, password: u?.password }) });
    await res.arrayBuffer();
    if (res.status !== 200) failures += 1;
    signIns.push(performance.now() - t);
  };
  // Warm-up: JIT and the first pages of the log.
  for (let i = 0; i < WARM_UP; i++) await send([]);
  for (const phase of PHASES) {
    const pending: Promise<void>[] = [];
    const t0 = performance.now();
    const every = (BATCH / RATE) * 1_000;
    const signInEvery = 1_000 / SIGNINS;
    let sent = 0;
    let signed = 0;
    while (performance.now() - t0 < SECONDS * 1_000) {
      const now = performance.now() - t0;
      while (sent * every <= now) {
        pending.push(send(ingest[phase] ?? []));
        sent += 1;
      }
      while (phase === 'storm' && signed * signInEvery <= now) {
        pending.push(signIn());
        signed += 1;
      }
      await sleep(Math.max(0, Math.min(sent * every, phase === 'storm' ? signed * signInEvery : Infinity) - (performance.now() - t0)));
    }
    await Promise.all(pending);
  }
  const q = ingest.quiet ?? [];
  const s = ingest.storm ?? [];
  const p99q = percentile(q, 0.99);
  const p99s = percentile(s, 0.99);
  console.log(
    `sign-in storm: ingest batch (1,000 events, ${RATE.toLocaleString('en-US')} events/s offered) without sign-ins p50 ${percentile(q, 0.5).toFixed(0)} ms, p99 ${p99q.toFixed(0)} ms (${q.length} batches); ` +
      `with ${SIGNINS} sign-ins/s p50 ${percentile(s, 0.5).toFixed(0)} ms, p99 ${p99s.toFixed(0)} ms (${s.length} batches) — p99 ${p99s >= p99q ? '+' : ''}${(((p99s - p99q) / p99q) * 100).toFixed(0)} % (target ≤ +10 %); ` +
      `sign-ins p50 ${percentile(signIns, 0.5).toFixed(0)} ms, p99 ${percentile(signIns, 0.99).toFixed(0)} ms (${signIns.length}); ${failures} failed requests`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
