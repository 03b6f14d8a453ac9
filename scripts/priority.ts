// npm run priority -- [--patterns 1:3,1:1,2:1] [--json]
// The service pattern's effect on the Q1 2022 replay (server/sim/priority-sim.ts): per gate × direction the
// yard is a queue that keeps the capacity it really had — every hour clears exactly as many trucks as the
// scenario's events cleared in it (a slot at each recorded clearance, closures included) — and only WHICH
// waiting truck takes a slot changes: first come, first served across both lanes, each pattern (the
// console's `serviceOrder`, its rotation carried across slots), and as recorded. Prints, per discipline, the
// waits of fresh fruit, other perishables, other goods and all trucks cleared (median, p90, mean), the
// trucks cancelled, and the trucks still waiting on 1 April with their waits so far. No assertions
// (docs/BENCHMARKS.md keeps the figures).
import { parseArgs } from 'node:util';
import { DEFAULT_PERISHABLE } from '../shared/lanes.ts';
import { ServicePattern } from '../shared/procedures.ts';
import { Q1_2022, loadScenario } from '../server/sim/scenario/load.ts';
import { hourlyCapacity, simulateYards, trucksOf, type Discipline, type SimTruck } from '../server/sim/priority-sim.ts';
import { percentile } from '../server/domain/buckets.ts';

const { values } = parseArgs({ options: { patterns: { type: 'string', default: '1:3,1:1,2:1' }, json: { type: 'boolean', default: false } } });
const patterns = values.patterns
  .split(',')
  .filter((p) => p.trim() !== '')
  .map((p) => {
    const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(p);
    const parsed = m ? ServicePattern.safeParse({ priority: Number(m[1]), regular: Number(m[2]) }) : undefined;
    if (!parsed?.success) throw new Error(`--patterns: "${p}" is not priority:regular (1–20 : 0–20)`);
    return parsed.data;
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
  ['first come, first served', { kind: 'fcfs' }],
  ...patterns.map((p): [string, Discipline] => [`pattern ${p.priority} : ${p.regular}`, { kind: 'pattern', pattern: p }]),
  ['as recorded', { kind: 'recorded' }],
];

const stats = (waits: number[]) => ({
  n: waits.length,
  medianMinutes: percentile(waits, 0.5),
  p90Minutes: percentile(waits, 0.9),
  meanMinutes: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
});
const capacity = [...hourlyCapacity(trucks, end).values()].reduce((a, b) => a + b, 0);
const rows = disciplines.map(([name, d]) => {
  const r = simulateYards(trucks, d, end);
  const byGroup = Object.entries(groups).map(([group, pick]) => {
    const of = (state: string): number[] => trucks.filter((t) => pick(t) && r.outcomes.get(t.id)?.state === state).map((t) => r.outcomes.get(t.id)?.waitMinutes ?? 0);
    return { group, trucks: trucks.filter(pick).length, cleared: stats(of('cleared')), cancelled: of('cancelled').length, stillWaiting: stats(of('waiting')) };
  });
  return { discipline: name, lostSlots: r.lostSlots, groups: byGroup };
});

const seconds = (performance.now() - t0) / 1000;
if (values.json) {
  console.log(JSON.stringify({ scenario: Q1_2022, end: '2022-04-01T00:00:00+07:00', trucks: trucks.length, clearances: capacity, patterns, rows, seconds }, null, 2));
} else {
  // Hours below two days, days above.
  const wait = (m: number | null): string => (m === null ? '—' : m < 2880 ? `${(m / 60).toFixed(1)} h` : `${(m / 1440).toFixed(1)} d`);
  console.log(
    `Priority lanes on the Q1 2022 replay: ${trucks.length.toLocaleString('en')} trucks entered a yard, ${capacity.toLocaleString('en')} clearances kept hour by hour ` +
      `(perishable: ${DEFAULT_PERISHABLE.join(', ')}); waits of the trucks cleared, and of those still waiting on 1 Apr so far.\n`,
  );
  console.log('| discipline | goods | trucks | cleared | median | p90 | mean | cancelled | still waiting (median so far) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    for (const g of r.groups) {
      const still = g.stillWaiting.n ? `${g.stillWaiting.n} (${wait(g.stillWaiting.medianMinutes)})` : '0';
      console.log(`| ${r.discipline} | ${g.group} | ${g.trucks.toLocaleString('en')} | ${g.cleared.n.toLocaleString('en')} | ${wait(g.cleared.medianMinutes)} | ${wait(g.cleared.p90Minutes)} | ${wait(g.cleared.meanMinutes)} | ${g.cancelled} | ${still} |`);
    }
  }
  const lost = rows.filter((r) => r.lostSlots > 0);
  if (lost.length) console.log(`\nslots that found nobody waiting: ${lost.map((r) => `${r.discipline} ${r.lostSlots}`).join(', ')}`);
  console.log(`\n(${seconds.toFixed(1)} s)`);
}
