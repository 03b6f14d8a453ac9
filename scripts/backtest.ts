// npm run backtest -- [--every-hours N] [--config FILE (its recommend settings)] [--params fixtures/scenarios/q1-2022.json | --ndjson FILE (+ FILE.notices.json)]
// Replays the Q1 2022 scenario hour by hour through the domain (the same decide/apply the server runs, at
// the replay clock) and measures, against baselines computed in the same run:
//   1. the 24 h-ahead queue forecast per gate × direction (MAE, MAPE) vs persistence (the queue stays as it is);
//   2. the wait each truck was told at its arrival vs the wait it had: per-lane estimate vs the first
//      releases' estimator (the gate's whole queue ÷ its last 6 h / 24 h clearances, both directions mixed);
//   3. the days the recommended notice would have fired before the real 17 Jan and 16 Feb notices.
// No assertions: it prints figures (docs/BENCHMARKS.md keeps them).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Config } from '../shared/config.ts';
import { DIRECTIONS, type Direction } from '../shared/primitives.ts';
import { laneOf, type Lane } from '../shared/lanes.ts';
import {
  applyEvent,
  canonicalJson,
  contentHash,
  createBatchOverlay,
  createState,
  decide,
  forecastGate,
  laneQueues,
  laneWaits,
  legacyEstimatedWaitMinutes,
  noticeCoveringIn,
  putNotice,
  recommendNotices,
  totalOf,
  HOUR_MS,
  type LiveState,
} from '../server/domain/index.ts';
import { clearedBetween } from '../server/domain/buckets.ts';
import { ScheduledNotice } from '../server/sim/scenario/params.ts';
import { Q1_2022, loadScenario } from '../server/sim/scenario/load.ts';
import { TruckEvent } from '../shared/events.ts';
import { z } from 'zod';

const { values } = parseArgs({ options: { 'every-hours': { type: 'string', default: '1' }, params: { type: 'string', default: Q1_2022 }, ndjson: { type: 'string' }, config: { type: 'string', default: 'fixtures/demo-config.json' }, recommend: { type: 'string', default: '3' } } });
const every = Number(values['every-hours']);
const recommendEvery = Number(values.recommend);
const config = Config.parse(JSON.parse(readFileSync(values.config, 'utf8')));
const t0 = performance.now();
const scenario = values.ndjson
  ? {
      events: readFileSync(values.ndjson, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => TruckEvent.parse(JSON.parse(l))),
      notices: z.array(ScheduledNotice).parse(JSON.parse(readFileSync(values.ndjson.replace(/\.ndjson$/, '.notices.json'), 'utf8'))),
    }
  : loadScenario(values.params);
const state: LiveState = createState({ timezone: config.timezone, gates: config.gates });
const lt = state.localTime;
const events = scenario.events;
const notices = [...scenario.notices].sort((a, b) => Date.parse(a.issuedAt) - Date.parse(b.issuedAt));
const from = lt.dayStart(lt.dayIndexOfDate('2022-01-01'));
const to = lt.dayStart(lt.dayIndexOfDate('2022-03-31'));
let nextEvent = 0;
let nextNotice = 0;

/** Apply everything that happened up to `t` (events by occurredAt; notices by their issue time on the replay clock). */
function advance(t: number, onArrived: (id: string, at: number) => void): void {
  while (nextNotice < notices.length && Date.parse(notices[nextNotice]?.issuedAt ?? '') <= t) {
    const n = notices[nextNotice++];
    if (n) putNotice(state, { ...n.draft, id: `TB-2022-${String(nextNotice).padStart(4, '0')}`, issuedAt: n.issuedAt, issuedBy: 'backtest' });
  }
  while (nextEvent < events.length && Date.parse(events[nextEvent]?.occurredAt ?? '') <= t) {
    const event = events[nextEvent++];
    if (!event) continue;
    const hash = contentHash(canonicalJson(event));
    const d = decide(state, createBatchOverlay(), event, hash, noticeCoveringIn(state));
    if (d.kind !== 'accept') continue;
    applyEvent(state, { event, hash });
    if (event.type === 'arrived') onArrived(event.declarationId, Date.parse(event.occurredAt));
  }
}

// 1. Forecast vs persistence: predictions made at T for T + 24 h, scored when the clock gets there.
interface Score { absF: number; absP: number; pctF: number; pctP: number; n: number; nPct: number; bias: number }
const scores = new Map<string, Score>();
const pending = new Map<number, { key: string; forecast: number; persistence: number }[]>();
// 2. Told waits: per truck, what each estimator said at its arrival (minutes).
const told = new Map<string, { lane: Lane; perLane: number | null; legacy: number | null }>();
let lastHourEstimates = new Map<string, number | null>();
let legacyByGate = new Map<string, number | null>();
// 3. Recommendation days.
const fired = new Map<string, Set<string>>();

const queueOf = (gateId: string, d: Direction): number => state.gates.get(gateId)?.counters[d].queued ?? 0;

for (let t = from; t <= to; t += every * HOUR_MS) {
  advance(t, (id, at) => {
    const decl = state.declarations.get(id);
    if (!decl || at < t - every * HOUR_MS) return;
    const lane = laneOf(decl.declared.cargo.category);
    told.set(id, { lane, perLane: lastHourEstimates.get(`${decl.declared.gateId}:${decl.declared.direction}:${lane}`) ?? null, legacy: legacyByGate.get(decl.declared.gateId) ?? null });
  });
  for (const due of pending.get(t) ?? []) {
    const [gateId, d] = due.key.split(':') as [string, Direction];
    const actual = queueOf(gateId, d);
    const s = scores.get(due.key) ?? { absF: 0, absP: 0, pctF: 0, pctP: 0, n: 0, nPct: 0, bias: 0 };
    s.bias += due.forecast - actual;
    s.absF += Math.abs(due.forecast - actual);
    s.absP += Math.abs(due.persistence - actual);
    s.n += 1;
    if (actual > 0) {
      s.pctF += Math.abs(due.forecast - actual) / actual;
      s.pctP += Math.abs(due.persistence - actual) / actual;
      s.nPct += 1;
    }
    scores.set(due.key, s);
  }
  pending.delete(t);
  const estimates = new Map<string, number | null>();
  legacyByGate = new Map();
  for (const [gateId, gate] of state.gates) {
    const f = forecastGate(state, gateId, t, { horizonHours: 24 });
    const queues = laneQueues(state, gate);
    for (const d of DIRECTIONS) {
      const key = `${gateId}:${d}`;
      const list = pending.get(t + 24 * HOUR_MS) ?? [];
      list.push({ key, forecast: f?.directions[d].queue[24] ?? 0, persistence: queueOf(gateId, d) });
      pending.set(t + 24 * HOUR_MS, list);
      for (const w of laneWaits(state, gate, d, queues, t)) estimates.set(`${key}:${w.lane}`, w.estimatedWaitMinutes);
    }
    const cleared = (span: number): number => DIRECTIONS.reduce((sum, d) => sum + clearedBetween(gate.buckets, lt, t - span, t, d), 0);
    legacyByGate.set(gateId, legacyEstimatedWaitMinutes(totalOf(gate, (c) => c.queued), cleared(6 * HOUR_MS), cleared(24 * HOUR_MS)));
  }
  lastHourEstimates = estimates;
  if (Math.round((t - from) / HOUR_MS) % recommendEvery === 0) {
    for (const r of recommendNotices(state, t, config.recommend)) {
      const day = lt.dateOf(lt.dayIndex(t));
      const key = `${r.direction} ${r.categories.join('+')} @ ${r.gateIds.join('+')}`;
      const days = fired.get(key) ?? new Set<string>();
      days.add(day);
      fired.set(key, days);
    }
  }
}

const fmt = (v: number, digits = 1): string => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(`Backtest of the Q1 2022 scenario (${events.length.toLocaleString('en-US')} events), every ${every} h from 2022-01-01 to 2022-03-31, replay clock.`);
console.log('\n1. Queue 24 h ahead — forecast vs persistence (the queue stays as it is)');
console.log('gate       dir     hours  MAE fc  MAE persist  ratio  MAPE fc  MAPE persist  bias fc');
let sumF = 0;
let sumP = 0;
for (const [key, s] of [...scores].sort()) {
  const [gateId, d] = key.split(':');
  sumF += s.absF;
  sumP += s.absP;
  console.log(
    `${(gateId ?? '').padEnd(10)} ${(d ?? '').padEnd(7)} ${String(s.n).padStart(5)}  ${fmt(s.absF / s.n).padStart(6)}  ${fmt(s.absP / s.n).padStart(11)}  ${fmt(s.absF / Math.max(1e-9, s.absP), 2).padStart(5)}  ${fmt((100 * s.pctF) / Math.max(1, s.nPct)).padStart(6)} %  ${fmt((100 * s.pctP) / Math.max(1, s.nPct)).padStart(10)} %  ${fmt(s.bias / s.n).padStart(7)}`,
  );
}
console.log(`all gates and directions: forecast MAE ÷ persistence MAE = ${fmt(sumF / Math.max(1e-9, sumP), 2)}`);

console.log('\n2. Wait told at arrival vs the wait the truck had (trucks arriving and cleared in the quarter)');
const waitScore = (pick: (x: { perLane: number | null; legacy: number | null }) => number | null, lane?: Lane): { n: number; mae: number; within: number; unknown: number } => {
  let n = 0;
  let abs = 0;
  let within = 0;
  let unknown = 0;
  for (const [id, x] of told) {
    if (lane && x.lane !== lane) continue;
    const d = state.declarations.get(id);
    if (!d || d.arrivedAt === undefined || d.clearedAt === undefined) continue;
    const actual = (d.clearedAt - d.arrivedAt) / 60_000;
    const said = pick(x);
    if (said === null) {
      unknown += 1;
      continue;
    }
    n += 1;
    abs += Math.abs(said - actual);
    if (Math.abs(said - actual) <= 0.25 * actual) within += 1;
  }
  return { n, mae: n === 0 ? NaN : abs / n / 60, within: n === 0 ? NaN : within / n, unknown };
};
console.log('estimator                     lane    trucks  MAE (h)  within ±25 %  no estimate');
for (const lane of [undefined, 'fresh', 'other'] as const) {
  for (const [name, pick] of [
    ['per lane (this release)', (x: { perLane: number | null }) => x.perLane],
    ['gate-wide 6 h/24 h (before)', (x: { legacy: number | null }) => x.legacy],
  ] as const) {
    const s = waitScore(pick, lane);
    console.log(`${name.padEnd(29)} ${(lane ?? 'all').padEnd(7)} ${String(s.n).padStart(6)}  ${fmt(s.mae).padStart(7)}  ${fmt(100 * s.within).padStart(10)} %  ${String(s.unknown).padStart(11)}`);
  }
}

console.log(`\n3. Recommended notice (fill ${config.recommend.fillShare} of yard capacity within ${config.recommend.horizonHours} h; checked every ${recommendEvery} h)`);
for (const [key, days] of [...fired].sort()) console.log(`${key}: ${[...days].sort().join(', ')}`);
for (const [name, date] of [['17 Jan notice (issued 12 Jan)', '2022-01-17'], ['16 Feb notice (issued 12 Feb)', '2022-02-16']] as const) {
  const before = [...fired.values()].flatMap((d) => [...d]).filter((d) => d < date && d >= lt.dateOf(lt.dayIndexOfDate(date) - 21));
  const sorted = [...new Set(before)].sort();
  console.log(`before the ${name}: ${sorted.length === 0 ? 'did not fire in the 3 weeks before' : `fired on ${sorted.join(', ')} (first ${sorted[0]})`}`);
}
console.log(`\nnpm run backtest took ${((performance.now() - t0) / 1000).toFixed(0)} s`);
