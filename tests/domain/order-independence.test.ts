import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allGateStatuses, history, type LiveState } from '../../server/domain/index.ts';
import type { TruckEvent } from '../../shared/events.ts';
import { FORCES } from '../../shared/primitives.ts';
import { feed, newState, replay } from '../helpers/domain-run.ts';
import { at, cancelled, checked, declared, lifecycle } from '../helpers/truck-events.ts';

// CONTRACT §1: figures must not depend on the order lifecycle events arrive in, nor on resent duplicates.

const T0 = at('2022-01-10 00:00');
const MIN = 60_000;

const declarationArb = fc.record({
  gate: fc.constantFrom('huu-nghi', 'tan-thanh'),
  direction: fc.constantFrom('export' as const, 'import' as const),
  valueUsd: fc.integer({ min: 0, max: 100_000 }),
  localGoods: fc.boolean(),
  declaredMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  arrivedAfter: fc.option(fc.integer({ min: 1, max: 48 * 60 })),
  clearedAfter: fc.option(fc.integer({ min: 1, max: 72 * 60 })),
  cancelledAfter: fc.option(fc.integer({ min: 1, max: 72 * 60 })),
  checks: fc.array(fc.record({ force: fc.constantFrom(...FORCES), ok: fc.boolean(), after: fc.integer({ min: 1, max: 600 }) }), { maxLength: 4 }),
});
type DeclarationSpec = typeof declarationArb extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(spec: DeclarationSpec, i: number): { declared: TruckEvent; lifecycle: TruckEvent[] } {
  const id = `D${i}`;
  const t = T0 + spec.declaredMin * MIN;
  const life: TruckEvent[] = [];
  if (spec.arrivedAfter !== null) life.push(lifecycle('arrived', id, t + spec.arrivedAfter * MIN, spec.gate));
  if (spec.clearedAfter !== null) life.push(lifecycle('cleared', id, t + spec.clearedAfter * MIN, spec.gate));
  if (spec.cancelledAfter !== null) life.push(cancelled(id, t + spec.cancelledAfter * MIN, spec.gate));
  spec.checks.forEach((c, n) => life.push(checked(id, t + c.after * MIN, c.force, c.ok ? 'confirmed' : 'rejected', n, spec.gate)));
  const d = declared(id, t, { gateId: spec.gate, direction: spec.direction, valueUsd: spec.valueUsd, localGoods: spec.localGoods });
  return { declared: d, lifecycle: life };
}

/** Everything the reducer derives, in a form that does not depend on insertion order. */
function figures(state: LiveState): unknown {
  // A bucket whose counts are all zero says the same as no bucket (a span added then moved leaves one).
  const isEmpty = (b: { waits: number[] }): boolean =>
    b.waits.length === 0 && !JSON.stringify(b, (key, v: unknown) => (key === 'clearedTimes' || key === 'waits' ? undefined : v)).match(/[1-9]/);
  const sortedBuckets = <B extends { waits: number[] }>(m: Map<number, B>) =>
    [...m.entries()]
      .filter(([, b]) => !isEmpty(b))
      .sort(([a], [b]) => a - b)
      .map(([k, b]) => [k, { ...b, waits: [...b.waits].sort((x, y) => x - y) }]);
  const gates = [...state.gates.values()].map((g) => ({
    counters: g.counters,
    days: sortedBuckets(g.buckets.days),
    hours: sortedBuckets(g.buckets.hours).map(([k, b]) => [k, JSON.stringify(b, (key, v: unknown) => (key === 'clearedTimes' ? undefined : v))]),
  }));
  const trade = [...state.trade.entries()].sort(([a], [b]) => a.localeCompare(b));
  const queues = [...state.gates.keys()].map((id) => history(state, id, { from: '2022-01-09', to: '2022-01-14', bucket: 'hour' }));
  return { gates, trade, queues, statuses: allGateStatuses(state, T0 + 2 * 24 * 60 * MIN) };
}

const occurred = (e: TruckEvent): number => Date.parse(e.occurredAt);

describe('order independence', () => {
  it('any interleaving of lifecycle events, with duplicates, gives the sorted replay figures', () => {
    fc.assert(
      fc.property(
        fc.array(declarationArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (specs, priorities, duplicatePicks) => {
          const built = specs.map(eventsOf);
          const all = built.flatMap((b) => [b.declared, ...b.lifecycle]);
          const sorted = replay([...all].sort((a, b) => occurred(a) - occurred(b) || (a.type === 'declared' ? -1 : 1)));

          // Random order by priority, but each declaration's `declared` goes first (the contract requires it).
          const lifecycleEvents = built.flatMap((b) => b.lifecycle);
          const keyed = lifecycleEvents.map((e, i) => ({ e, key: priorities[i % priorities.length] ?? 0, i }));
          keyed.sort((a, b) => a.key - b.key || b.i - a.i);
          const order: TruckEvent[] = [];
          const seen = new Set<string>();
          for (const { e } of keyed) {
            if (!seen.has(e.declarationId)) {
              seen.add(e.declarationId);
              const d = built.find((b) => b.declared.declarationId === e.declarationId)?.declared;
              if (d) order.push(d);
            }
            order.push(e);
          }
          for (const b of built) if (!seen.has(b.declared.declarationId)) order.push(b.declared);
          // Resend some events later in the stream: they must be duplicates that change nothing.
          for (const pick of duplicatePicks) {
            const original = order[pick % order.length];
            if (original) order.splice(Math.min(order.length, order.indexOf(original) + 1 + (pick % 5)), 0, { ...original });
          }

          const state = newState();
          for (const e of order) expect(feed(state, e).kind).not.toBe('reject');
          expect(figures(state)).toEqual(figures(sorted));
          expect(state.eventCount).toBe(all.length);
        },
      ),
      { numRuns: 300, seed: 20220110 },
    );
  });
});
