import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceOrder, type ServicePattern } from '../../shared/procedures.ts';
import { hourlyCapacity, nextServed, simulateLine, ROTATION_START, type Discipline, type Rotation, type SimTruck } from '../../server/sim/priority-sim.ts';

// The priority-pattern simulation (npm run priority): exact waits on a hand-made day under each discipline;
// every hour clears exactly its recorded capacity whatever the discipline; without perishables every
// discipline is first come, first served; served one slot at a time, a pattern gives serviceOrder's order.

const H = 3_600_000;
const M = 60_000;
const truck = (id: string, category: SimTruck['category'], arrived: number, cleared?: number, cancelled?: number): SimTruck => ({
  id,
  gateId: 'huu-nghi',
  direction: 'export',
  category,
  arrivedAt: arrived,
  ...(cleared === undefined ? {} : { clearedAt: cleared }),
  ...(cancelled === undefined ? {} : { cancelledAt: cancelled }),
});
const pattern = (priority: number, regular: number): Discipline => ({ kind: 'pattern', pattern: { priority, regular } });
/** Minutes waited by each truck cleared, and the trucks left in another state (with their minutes). */
const waits = (line: readonly SimTruck[], d: Discipline, end: number) => {
  const out: Record<string, string | number> = {};
  for (const [id, o] of simulateLine(line, d, end).outcomes) out[id] = o.state === 'cleared' ? o.waitMinutes : `${o.state} ${o.waitMinutes}`;
  return out;
};

describe('the priority simulation on a hand-made day', () => {
  // Three other trucks at 0:00, 0:10, 0:20, fruit at 0:30 and 1:30, another truck at 4:30 that never clears;
  // the gate cleared one an hour at 1:00 … 5:00 (recorded: O1, O2, F1, O3, F2).
  const day = [
    truck('O1', 'consumer_goods', 0, 1 * H),
    truck('O2', 'consumer_goods', 10 * M, 2 * H),
    truck('O3', 'machinery_electronics', 20 * M, 4 * H),
    truck('F1', 'fresh_fruit', 30 * M, 3 * H),
    truck('F2', 'seafood', 90 * M, 5 * H),
    truck('O4', 'consumer_goods', 270 * M),
  ];
  const end = 6 * H;

  it('first come, first served: by arrival across both lanes', () => {
    expect(waits(day, { kind: 'fcfs' }, end)).toEqual({ O1: 60, O2: 110, O3: 160, F1: 210, F2: 210, O4: 'waiting 90' });
  });

  it('1 : 3 — one perishable, then three others; the rotation carries across hours', () => {
    // 1:00 F1 (fresh's turn), 2:00 O1, 3:00 O2, 4:00 O3 (F2, waiting since 1:30, waits for the others' three turns), 5:00 F2.
    expect(waits(day, pattern(1, 3), end)).toEqual({ F1: 30, O1: 120, O2: 170, O3: 220, F2: 210, O4: 'waiting 90' });
  });

  it('1 : 1 and 2 : 1', () => {
    // 1:00 F1, 2:00 O1, 3:00 F2, 4:00 O2, 5:00 O3.
    expect(waits(day, pattern(1, 1), end)).toEqual({ F1: 30, O1: 120, F2: 90, O2: 230, O3: 280, O4: 'waiting 90' });
    // 1:00 F1, 2:00 F2, 3:00 O1, 4:00 O2 (no perishable waiting: its turn goes to the others), 5:00 O3.
    expect(waits(day, pattern(2, 1), end)).toEqual({ F1: 30, F2: 30, O1: 180, O2: 230, O3: 280, O4: 'waiting 90' });
  });

  it('as recorded: the scenario’s own clearances', () => {
    expect(waits(day, { kind: 'recorded' }, end)).toEqual({ O1: 60, O2: 110, F1: 150, O3: 220, F2: 210, O4: 'waiting 90' });
  });

  it('a truck cancelled while waiting leaves the line; one served before its cancellation clears', () => {
    const line = [truck('O1', 'consumer_goods', 0, 1 * H), truck('C', 'consumer_goods', 5 * M, undefined, 90 * M), truck('O2', 'consumer_goods', 10 * M, 2 * H)];
    // FCFS: 1:00 O1, C gone at 1:30, 2:00 O2.
    expect(waits(line, { kind: 'fcfs' }, 3 * H)).toEqual({ O1: 60, C: 'cancelled 85', O2: 110 });
    // 1 : 3 with fruit arriving first: F takes 1:00, C is served at 2:00 before it would have been cancelled, O2 still waits.
    const withFruit = [truck('F', 'fresh_fruit', 0, 2 * H), truck('C', 'consumer_goods', 5 * M, undefined, 150 * M), truck('O2', 'consumer_goods', 10 * M, 1 * H)];
    expect(waits(withFruit, pattern(1, 3), 3 * H)).toEqual({ F: 60, C: 115, O2: 'waiting 170' });
  });
});

// Random yards of one gate × direction over three days, consistent as recorded: a truck clears after it
// arrives, or is cancelled after it arrives, or neither.
const yard = (categories: readonly SimTruck['category'][]) =>
  fc
    .array(
      fc.record({
        cat: fc.constantFrom(...categories),
        arrived: fc.integer({ min: 0, max: 72 * 60 }),
        fate: fc.constantFrom('cleared', 'cleared', 'cancelled', 'waiting'),
        after: fc.integer({ min: 0, max: 30 * 60 }),
      }),
      { maxLength: 60 },
    )
    .map((ts) =>
      ts.map((t, i) => {
        const later = (t.arrived + 1 + t.after) * M;
        return truck(`T${String(i).padStart(2, '0')}`, t.cat, t.arrived * M, t.fate === 'cleared' ? later : undefined, t.fate === 'cancelled' ? later : undefined);
      }),
    );
const patternArb = fc.record({ priority: fc.integer({ min: 1, max: 5 }), regular: fc.integer({ min: 0, max: 5 }) });
const END = 90 * H;

describe('the priority simulation (properties)', () => {
  it('every hour clears exactly its recorded capacity, under every discipline; each truck has one fate', () => {
    fc.assert(
      fc.property(yard(['fresh_fruit', 'seafood', 'agricultural', 'consumer_goods', 'machinery_electronics']), patternArb, fc.integer({ min: 60, max: END / M }), (line, p, endMin) => {
        const end = endMin * M;
        const capacity = hourlyCapacity(line, end);
        for (const d of [{ kind: 'fcfs' }, { kind: 'recorded' }, { kind: 'pattern', pattern: p }] as Discipline[]) {
          const r = simulateLine(line, d, end);
          expect(r.lostSlots).toBe(0);
          const cleared = new Map<number, number>();
          for (const o of r.outcomes.values()) if (o.state === 'cleared') cleared.set(Math.floor(o.at / H), (cleared.get(Math.floor(o.at / H)) ?? 0) + 1);
          expect(cleared).toEqual(capacity);
          const inYard = line.filter((t) => t.arrivedAt <= end);
          expect(r.outcomes.size).toBe(inYard.length);
          for (const t of inYard) {
            const o = r.outcomes.get(t.id);
            expect(o).toBeDefined();
            if (!o) continue;
            expect(o.waitMinutes).toBeGreaterThanOrEqual(0);
            expect(o.waitMinutes).toBe((o.at - t.arrivedAt) / M);
            // Served before it left; cancelled only when it really was; still waiting only at the end.
            if (o.state === 'cleared' && t.cancelledAt !== undefined) expect(o.at).toBeLessThanOrEqual(t.cancelledAt);
            if (o.state === 'cancelled') expect(o.at).toBe(t.cancelledAt);
            if (o.state === 'waiting') expect(o.at).toBe(end);
          }
        }
      }),
    );
  });

  it('with no perishables, every discipline gives the first-come-first-served waits', () => {
    fc.assert(
      fc.property(yard(['consumer_goods', 'machinery_electronics', 'industrial_materials']), patternArb, (line, p) => {
        const fcfs = simulateLine(line, { kind: 'fcfs' }, END);
        expect(simulateLine(line, { kind: 'pattern', pattern: p }, END)).toEqual(fcfs);
        // Only perishables at all: the same.
        const fresh = line.map((t) => ({ ...t, category: 'fresh_fruit' as const }));
        expect(simulateLine(fresh, { kind: 'pattern', pattern: p }, END)).toEqual(simulateLine(fresh, { kind: 'fcfs' }, END));
      }),
    );
  });

  it('served one at a time with the rotation carried, a pattern gives serviceOrder’s order of the whole line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), patternArb, (nf, no, p: ServicePattern) => {
        const fresh = Array.from({ length: nf }, (_, i) => truck(`f${i}`, 'fresh_fruit', i * M));
        const other = Array.from({ length: no }, (_, i) => truck(`o${i}`, 'consumer_goods', i * M));
        const expected = serviceOrder(
          p,
          fresh.map((t) => ({ at: t.arrivedAt, id: t.id })),
          other.map((t) => ({ at: t.arrivedAt, id: t.id })),
        ).map((k) => k.id);
        const served: string[] = [];
        let rotation: Rotation = ROTATION_START;
        let f = 0;
        let o = 0;
        for (;;) {
          const next = nextServed(p, rotation, fresh[f], other[o]);
          if (!next) break;
          served.push(next.truck.id);
          rotation = next.rotation;
          if (next.lane === 'fresh') f += 1;
          else o += 1;
        }
        expect(served).toEqual(expected);
      }),
    );
  });
});
