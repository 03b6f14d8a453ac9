// npm run priority -- [--patterns 1:3,1:1,2:1] [--json]
// The priority pattern's effect on the Q1 2022 replay: each yard keeps the capacity it had (a service slot at
// every recorded clearance of that gate × direction); only which waiting truck takes a slot changes — as
// recorded (each lane first in, first out at its own pace), first come first served across both lanes, or a
// pattern. Prints waits of fresh fruit, other perishables, other goods and all, and the trucks still
// waiting at the quarter's end. No assertions (docs/BENCHMARKS.md keeps the figures).
import { parseArgs } from 'node:util';
import { DEFAULT_PERISHABLE } from '../shared/lanes.ts';
import { Q1_2022, loadScenario } from '../server/sim/scenario/load.ts';
import { simulateYards, trucksOf, type Discipline, type SimTruck } from '../server/sim/priority-sim.ts';
import { percentile } from '../server/domain/buckets.ts';

const { values } = parseArgs({ options: { patterns: { type: 'string', default: '1:3,1:1,2:1' }, json: { type: 'boolean', default: false } } });
const patterns = values.patterns.split(',').map((p) => {
  const [priority, regular] = p.split(':').map(Number);
  if (!priority || regular === undefined || Number.isNaN(regular)) throw new Error(`--patterns: "${p}" is not N:M`);
  return { priority, regular };
});
const t0 = performance.now();
const { events } = loadScenario(Q1_2022);
const trucks = trucksOf(events);
const end = Date.parse('2022-04-01T00:00:00+07:00');
const groups: Record<string, (t: SimTruck) => boolean> = {
  'fresh fruit': (t) => t.category === 'fresh_fruit',
  'other perishables': (t) => t.category !== 'fresh_fruit' && DEFAULT_PERISHABLE.includes(t.category),
  'other goods': (t) => !DEFAULT_PERISHABLE.includes(t.category),
  all: () => true,
};
const disciplines: [string, Discipline][] = [
  ['as recorded', { kind: 'recorded' }],
  ['first come, first served', { kind: 'fifo' }],
  ...patterns.map((p): [string, Discipline] => [`pattern ${p.priority}:${p.regular}`, { kind: 'pattern', pattern: p }]),
];
const days = (m: number | null): string => (m === null ? '—' : (m / 1440).toFixed(1));
const rows = disciplines.map(([name, d]) => {
  const r = simulateYards(trucks, d, end);
  const byGroup = Object.fromEntries(
    Object.entries(groups).map(([g, pick]) => {
      const waits = trucks.filter((t) => pick(t) && r.waits.has(t.id)).map((t) => r.waits.get(t.id) ?? 0);
      const still = trucks.filter((t) => pick(t) && r.waiting.has(t.id)).length;
      const mean = waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null;
      return [g, { served: waits.length, medianMin: percentile(waits, 0.5), p90Min: percentile(waits, 0.9), meanMin: mean, stillWaiting: still }];
    }),
  );
  return { discipline: name, groups: byGroup };
});
if (values.json) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(`Priority lanes on the Q1 2022 replay (${trucks.length.toLocaleString('en')} trucks that entered a yard; waits in days: median / p90 / mean; still waiting on 1 Apr):`);
  console.log(`| discipline | ${Object.keys(groups).join(' | ')} |`);
  console.log(`|---|${Object.keys(groups).map(() => '---').join('|')}|`);
  for (const r of rows) {
    console.log(`| ${r.discipline} | ${Object.values(r.groups).map((g) => `${days(g.medianMin)} / ${days(g.p90Min)} / ${days(g.meanMin)} (${g.stillWaiting} left)`).join(' | ')} |`);
  }
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
