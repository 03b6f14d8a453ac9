import type { TruckEvent } from '../../shared/events.ts';
import type { Direction, Force } from '../../shared/primitives.ts';
import { intBetween, pick, type Rng } from '../../server/sim/rng.ts';
import { at, cancelled, checked, declared, lifecycle } from './truck-events.ts';

// Seeded batches for the crash test. Every batch is valid as a whole (all of it is accepted, or all
// of it is a duplicate when sent again), so a half-applied batch shows up as a count other than 0 or n.
// Lifecycle events only name declarations whose `declared` batch is settled (acknowledged), and each
// declaration's events are reserved when generated, so two batches in flight never clash.

export const GATES = ['huu-nghi', 'tan-thanh', 'chi-ma'] as const;
const FORCES: readonly Force[] = ['border_guard', 'customs', 'quarantine'];
const DAY0 = at('2022-01-10 06:00');

interface Truck {
  id: string;
  gateId: string;
  direction: Direction;
  settled: boolean;
  has: Set<TruckEvent['type']>;
  checks: number;
  t: number;
}

export interface Batch {
  id: number;
  gateId: string;
  events: TruckEvent[];
  /** Declarations declared in this batch (settled when its ack, or a retry's answer, comes). */
  declares: string[];
}

export interface Figures {
  queue: { export: number; import: number };
  expected: { export: number; import: number };
}

/** `prefix` keeps declaration ids of two workloads on one server apart. */
export function createWorkload(rng: Rng, prefix = 'K') {
  const trucks = new Map<string, Truck>();
  let nextBatch = 0;
  let nextTruck = 0;

  const step = (truck: Truck): TruckEvent | undefined => {
    const t = truck.t + intBetween(rng, 1, 90) * 60_000;
    truck.t = t;
    const done = truck.has.has('cleared') || truck.has.has('cancelled');
    const options: TruckEvent['type'][] = ['checked'];
    if (!done && !truck.has.has('arrived')) options.push('arrived', 'arrived');
    if (!done && truck.has.has('arrived')) options.push('cleared', 'cleared');
    if (!done && rng() < 0.1) options.push('cancelled');
    const type = pick(rng, options);
    truck.has.add(type);
    if (type === 'checked') {
      truck.checks += 1;
      return checked(truck.id, t, pick(rng, FORCES), rng() < 0.8 ? 'confirmed' : 'rejected', truck.checks, truck.gateId);
    }
    if (type === 'cancelled') return cancelled(truck.id, t, truck.gateId);
    if (type === 'arrived' || type === 'cleared') return lifecycle(type, truck.id, t, truck.gateId);
    return undefined;
  };

  return {
    next(): Batch {
      const id = nextBatch++;
      const gateId = pick(rng, GATES);
      const events: TruckEvent[] = [];
      const declares: string[] = [];
      for (let n = intBetween(rng, 5, 60); n > 0; n--) {
        const truck: Truck = {
          id: `${prefix}${id}-${nextTruck++}`,
          gateId,
          direction: rng() < 0.6 ? 'export' : 'import',
          settled: false,
          has: new Set(['declared']),
          checks: 0,
          t: DAY0 + intBetween(rng, 0, 3 * 24 * 60) * 60_000,
        };
        trucks.set(truck.id, truck);
        declares.push(truck.id);
        events.push(declared(truck.id, truck.t, { gateId, direction: truck.direction, valueUsd: intBetween(rng, 1, 50) * 1_000 }));
        for (let k = intBetween(rng, 0, 3); k > 0; k--) {
          const e = step(truck);
          if (e) events.push(e);
        }
      }
      const older = [...trucks.values()].filter((t) => t.settled && t.gateId === gateId);
      for (let n = Math.min(older.length, intBetween(rng, 0, 40)); n > 0; n--) {
        const e = step(pick(rng, older));
        if (e && !events.some((x) => x.eventId === e.eventId)) events.push(e);
      }
      return { id, gateId, events, declares };
    },
    settle(batch: Batch): void {
      for (const id of batch.declares) {
        const truck = trucks.get(id);
        if (truck) truck.settled = true;
      }
    },
    /** Queue and expected per gate, counted from every event generated (all of them end up stored). */
    figures(): Map<string, Figures> {
      const out = new Map<string, Figures>(GATES.map((g) => [g, { queue: { export: 0, import: 0 }, expected: { export: 0, import: 0 } }]));
      for (const t of trucks.values()) {
        const f = out.get(t.gateId);
        if (!f) continue;
        const closed = t.has.has('cleared') || t.has.has('cancelled');
        if (!closed && t.has.has('arrived')) f.queue[t.direction] += 1;
        if (!closed && !t.has.has('arrived')) f.expected[t.direction] += 1;
      }
      return out;
    },
  };
}
