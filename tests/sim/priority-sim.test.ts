import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateLine, type SimTruck } from '../../server/sim/priority-sim.ts';

// The priority-pattern simulation (npm run priority): exact waits on a hand-made line; the yard's capacity
// is the recorded slots whatever the discipline; without perishables every discipline is first come, first served.

const H = 3_600_000;
const truck = (id: string, category: SimTruck['category'], arrivedH: number, clearedH?: number): SimTruck => ({
  id,
  gateId: 'huu-nghi',
  direction: 'export',
  category,
  arrivedAt: arrivedH * H,
  ...(clearedH === undefined ? {} : { clearedAt: clearedH * H }),
});

describe('the priority simulation', () => {
  // Three other trucks came first, then a fruit truck; the gate cleared one an hour at 10, 11, 12, 13.
  const line = [truck('O1', 'consumer_goods', 0, 10), truck('O2', 'consumer_goods', 1, 11), truck('O3', 'consumer_goods', 2, 12), truck('F1', 'fresh_fruit', 3, 13)];
  const hours = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, v / 60]));

  it('gives the exact waits of each discipline on a hand-made line', () => {
    expect(hours(simulateLine(line, { kind: 'fifo' }, 20 * H).waits)).toEqual({ O1: 10, O2: 10, O3: 10, F1: 10 });
    // 1 priority : 3 others — the fruit truck takes the first slot.
    expect(hours(simulateLine(line, { kind: 'pattern', pattern: { priority: 1, regular: 3 } }, 20 * H).waits)).toEqual({ F1: 7, O1: 11, O2: 11, O3: 11 });
    expect(hours(simulateLine(line, { kind: 'recorded' }, 20 * H).waits)).toEqual({ O1: 10, O2: 10, O3: 10, F1: 10 });
  });

  const trucks = fc.array(
    fc.record({ cat: fc.constantFrom('fresh_fruit' as const, 'seafood' as const, 'consumer_goods' as const), arrived: fc.integer({ min: 0, max: 100 }), stay: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }) }),
    { maxLength: 40 },
  );

  it('serves exactly as many trucks as the yard cleared, whatever the discipline (property)', () => {
    fc.assert(
      fc.property(trucks, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), (ts, p, r) => {
        const line2 = ts.map((t, i) => truck(`T${i}`, t.cat, t.arrived, t.stay === undefined ? undefined : t.arrived + t.stay));
        const slots = line2.filter((t) => t.clearedAt !== undefined).length;
        for (const d of [{ kind: 'fifo' as const }, { kind: 'pattern' as const, pattern: { priority: p, regular: r } }]) {
          const res = simulateLine(line2, d, 1_000 * H);
          expect(res.waits.size).toBe(slots); // every slot finds a truck: the one it was recorded for had arrived
          expect(res.waits.size + res.waiting.size).toBe(line2.length);
          for (const w of res.waits.values()) expect(w).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('without perishables, every pattern is first come, first served (property)', () => {
    fc.assert(
      fc.property(trucks, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), (ts, p, r) => {
        const line2 = ts.map((t, i) => truck(`T${i}`, 'consumer_goods', t.arrived, t.stay === undefined ? undefined : t.arrived + t.stay));
        expect(simulateLine(line2, { kind: 'pattern', pattern: { priority: p, regular: r } }, 1_000 * H)).toEqual(simulateLine(line2, { kind: 'fifo' }, 1_000 * H));
      }),
    );
  });
});
