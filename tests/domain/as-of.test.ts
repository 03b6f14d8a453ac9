import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TruckEvent } from '../../shared/events.ts';
import type { CargoCategory } from '../../shared/primitives.ts';
import { allGateStatuses, stateAsOf } from '../../server/domain/index.ts';
import { feed, newState } from '../helpers/domain-run.ts';
import { at, cancelled, declared, lifecycle } from '../helpers/truck-events.ts';

// Any past moment: the gates as they stood at an instant equal the gates of a state fed only the events
// dated at or before it — for every figure of CONTRACT §3.

const BASE = at('2022-01-10 00:00');
const H = 3_600_000;

describe('gates as of a past instant', () => {
  const truck = fc.record({
    gate: fc.constantFrom('huu-nghi', 'tan-thanh'),
    direction: fc.constantFrom('export' as const, 'import' as const),
    category: fc.constantFrom<CargoCategory>('fresh_fruit', 'consumer_goods', 'seafood'),
    declaredMin: fc.integer({ min: 0, max: 6 * 24 * 60 }),
    arriveAfter: fc.option(fc.integer({ min: 0, max: 3 * 24 * 60 }), { nil: undefined }),
    leaveAfter: fc.option(fc.integer({ min: -60, max: 4 * 24 * 60 }), { nil: undefined }),
    cancel: fc.boolean(),
  });

  it('equal the figures of the events dated up to it (property)', () => {
    fc.assert(
      fc.property(fc.array(truck, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 8 * 24 * 60 }), (trucks, asOfMin) => {
        const events: TruckEvent[] = [];
        trucks.forEach((t, i) => {
          const id = `T${i}`;
          const d = BASE + t.declaredMin * 60_000;
          events.push(declared(id, d, { gateId: t.gate, direction: t.direction, category: t.category }));
          const a = t.arriveAfter === undefined ? undefined : d + t.arriveAfter * 60_000;
          if (a !== undefined) events.push(lifecycle('arrived', id, a, t.gate));
          if (t.leaveAfter !== undefined) {
            const l = (a ?? d) + t.leaveAfter * 60_000;
            events.push(t.cancel ? cancelled(id, Math.max(d, l), t.gate) : lifecycle('cleared', id, Math.max(d, l), t.gate));
          }
        });
        const asOf = BASE + asOfMin * 60_000;
        const all = newState();
        for (const e of events) feed(all, e);
        const upTo = newState();
        for (const e of events) if (Date.parse(e.occurredAt) <= asOf) feed(upTo, e);
        const pick = (s: ReturnType<typeof allGateStatuses>) =>
          s.map((g) => ({ id: g.id, status: g.status, queue: g.queue, expected: g.expected, clearedLastHour: g.clearedLastHour, clearedToday: g.clearedToday, estimatedWaitMinutes: g.estimatedWaitMinutes, awaiting: g.awaiting }));
        expect(pick(allGateStatuses(stateAsOf(all, asOf), asOf))).toEqual(pick(allGateStatuses(upTo, asOf)));
      }),
      { numRuns: 200 },
    );
  });

  it('leaves the live state as it was', () => {
    const s = newState();
    feed(s, declared('A', BASE));
    feed(s, lifecycle('arrived', 'A', BASE + H));
    feed(s, lifecycle('cleared', 'A', BASE + 5 * H));
    const before = JSON.stringify(allGateStatuses(s, BASE + 6 * H));
    expect(allGateStatuses(stateAsOf(s, BASE + 2 * H), BASE + 2 * H).find((g) => g.id === 'huu-nghi')?.queue.export).toBe(1);
    expect(JSON.stringify(allGateStatuses(s, BASE + 6 * H))).toBe(before);
  });
});
