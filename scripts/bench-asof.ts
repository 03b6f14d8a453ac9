// npm run bench (h): any past moment — GET /gates?asOf= as the domain answers it (stateAsOf + every gate's
// status) on the whole Q1 2022 replay, for a slider moved across the quarter, beside the live reading of the
// same state (the baseline, same run). No assertions: it prints figures (docs/BENCHMARKS.md keeps them).
import { readFileSync } from 'node:fs';
import { Config } from '../shared/config.ts';
import { allGateStatuses, applyEvent, canonicalJson, contentHash, createBatchOverlay, createState, decide, noticeCoveringIn, putNotice, stateAsOf } from '../server/domain/index.ts';
import { Q1_2022, loadScenario } from '../server/sim/scenario/load.ts';
import { machine } from './bench-util.ts';

const config = Config.parse(JSON.parse(readFileSync('fixtures/demo-config.json', 'utf8')));
const state = createState({ timezone: config.timezone, gates: config.gates });
const { events, notices } = loadScenario(Q1_2022);
notices.forEach((n, i) => putNotice(state, { ...n.draft, id: `TB-2022-${String(i + 1).padStart(4, '0')}`, issuedAt: n.issuedAt, issuedBy: 'bench' }));
for (const event of events) {
  const hash = contentHash(canonicalJson(event));
  if (decide(state, createBatchOverlay(), event, hash, noticeCoveringIn(state)).kind === 'accept') applyEvent(state, { event, hash });
}
const lt = state.localTime;
const end = lt.dayStart(lt.dayIndexOfDate('2022-04-01'));
const start = lt.dayStart(lt.dayIndexOfDate('2022-01-01'));

const time = (f: () => unknown): number => {
  const t = performance.now();
  f();
  return performance.now() - t;
};
const stats = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${(s.at(-1) ?? 0).toFixed(1)} ms`;
};
// Warm up, then 60 slider moves spread over the quarter (a deterministic walk), and the live reading.
for (let i = 0; i < 5; i++) allGateStatuses(stateAsOf(state, start + i * 86_400_000), start + i * 86_400_000);
const moves: number[] = [];
for (let i = 0; i < 60; i++) {
  const at = start + Math.floor(((i * 37) % 60) * ((end - start) / 60));
  moves.push(time(() => allGateStatuses(stateAsOf(state, at), at)));
}
const live: number[] = [];
for (let i = 0; i < 20; i++) live.push(time(() => allGateStatuses(state, end)));
console.log(machine());
console.log(`(h) any past moment on the Q1 2022 replay (${events.length.toLocaleString('en')} events, ${state.declarations.size.toLocaleString('en')} declarations):`);
console.log(`    a slider move (GET /gates?asOf=, 60 instants over the quarter): ${stats(moves)}`);
console.log(`    baseline, the live reading of the same state (GET /gates):       ${stats(live)}`);
