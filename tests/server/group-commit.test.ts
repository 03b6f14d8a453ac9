import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TruckEvent } from '../../shared/events.ts';
import type { BatchResult } from '../../shared/ingest.ts';
import { openAppCore, type AppCore } from '../../server/core/app-core.ts';
import type { Clock } from '../../server/core/clock.ts';
import { allGateStatuses, stateImage } from '../../server/domain/index.ts';
import { openSqliteStore } from '../../server/store/sqlite-store.ts';
import type { Store } from '../../server/store/store.ts';
import { demoConfig } from '../helpers/test-server.ts';
import { at, cancelled, checked, declared, lifecycle } from '../helpers/truck-events.ts';

// Group commit: requests that arrive while a write turn runs are decided together and committed in one
// transaction. Property: whatever the events and however they are split into requests, sending the requests
// at once gives each request the answer it gets when they are sent one after another, and the same figures —
// in fewer store writes.

const clock: Clock = { now: () => at('2022-01-20 00:00') };
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A core on a fresh SQLite log that counts its store's write turns. */
async function countingCore(): Promise<{ core: AppCore; store: Store; writes: () => number; failNextWrite: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cks-group-'));
  dirs.push(dir);
  const inner = openSqliteStore(join(dir, 'events.db'));
  let writes = 0;
  let fail = false;
  const store: Store = {
    ...inner,
    write: (from, turn) => {
      writes += 1;
      if (fail) {
        fail = false;
        return Promise.reject(new Error('disk went away'));
      }
      return inner.write(from, turn);
    },
  };
  const core = await openAppCore({ config: demoConfig(), store, clock, snapshots: undefined });
  return { core, store, writes: () => writes, failNextWrite: () => void (fail = true) };
}

const GATES = ['huu-nghi', 'tan-thanh'] as const;
const T0 = at('2022-01-10 08:00');

/** A truck's possible events: some out of order, some repeated, some clashing with another version of themselves. */
const truckEvents = fc.record({ n: fc.integer({ min: 0, max: 5 }), gate: fc.constantFrom(...GATES), minutes: fc.integer({ min: 0, max: 600 }) }).chain(({ n, gate, minutes }) => {
  const id = `GC-${gate}-${n}`;
  const t = T0 + minutes * 60_000;
  return fc.subarray([
    declared(id, t, { gateId: gate }),
    declared(id, t, { gateId: gate, valueUsd: 99 }), // same eventId, other content: a conflict after the first
    lifecycle('arrived', id, t + 3_600_000, gate),
    checked(id, t + 4_000_000, 'customs', 'confirmed', 0, gate),
    lifecycle('cleared', id, t + 7_200_000, gate),
    cancelled(id, t + 5_000_000, gate),
  ], { minLength: 1 });
});

interface Request {
  gateId: string;
  events: TruckEvent[];
}

/** The events, shuffled, split into requests per gate key (a request carries one gate's events, or a stray one to be refused). */
const requestsArb = fc
  .array(truckEvents, { minLength: 1, maxLength: 8 })
  .chain((trucks) => fc.shuffledSubarray(trucks.flat(), { minLength: trucks.flat().length }))
  .chain((events) =>
    fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }).map((sizes): Request[] => {
      const requests: Request[] = [];
      let i = 0;
      for (let s = 0; i < events.length; s++) {
        const size = sizes[s % sizes.length] ?? 1;
        const chunk = events.slice(i, i + size);
        i += size;
        // The key of the first event's gate: any other gate's event in it is refused (`forbidden`), in both runs alike.
        requests.push({ gateId: chunk[0]?.gateId ?? 'huu-nghi', events: chunk });
      }
      return requests;
    }),
  );

const items = (r: Request) => r.events.map((value) => ({ ok: true as const, value }));
const figures = (core: AppCore) =>
  core.read((state) => {
    const image = stateImage(state);
    return { gates: allGateStatuses(state, clock.now()), texts: image.texts /* declarations, and the gates' counters and buckets */, events: state.eventCount };
  });

describe('group commit of concurrent ingest requests', () => {
  it('answers each request as if sent alone after the earlier ones, with the same figures, in fewer writes', async () => {
    await fc.assert(
      fc.asyncProperty(requestsArb, async (requests) => {
        const one = await countingCore();
        const sequential: BatchResult[] = [];
        for (const r of requests) sequential.push(await one.core.ingest(r.gateId, items(r)));

        const all = await countingCore();
        const concurrent = await Promise.all(requests.map((r) => all.core.ingest(r.gateId, items(r))));

        expect(concurrent).toEqual(sequential);
        expect(figures(all.core)).toEqual(figures(one.core));
        expect(one.writes()).toBe(requests.length);
        // Sent at once, they all wait behind nothing: one turn, one transaction.
        expect(all.writes()).toBe(1);
        await Promise.all([one.core.close(), all.core.close()]);
        await Promise.all([one.store.close(), all.store.close()]);
      }),
      { numRuns: 40 },
    );
  });

  it('a request that arrives while a group is being written waits for the next group', async () => {
    const { core, store, writes } = await countingCore();
    const first = core.ingest('huu-nghi', items({ gateId: 'huu-nghi', events: [declared('GC-1', T0)] }));
    await Promise.resolve(); // the first turn has started: the next request is for the next group
    const second = core.ingest('huu-nghi', items({ gateId: 'huu-nghi', events: [lifecycle('arrived', 'GC-1', T0 + 60_000)] }));
    const third = core.ingest('tan-thanh', items({ gateId: 'tan-thanh', events: [declared('GC-2', T0, { gateId: 'tan-thanh' })] }));
    await expect(first).resolves.toMatchObject({ accepted: 1 });
    await expect(second).resolves.toMatchObject({ accepted: 1 });
    await expect(third).resolves.toMatchObject({ accepted: 1 });
    expect(writes()).toBe(2);
    await core.close();
    await store.close();
  });

  it('a failed write fails the requests of its group only; the next group goes through', async () => {
    const { core, store, failNextWrite } = await countingCore();
    failNextWrite();
    const lost = [core.ingest('huu-nghi', items({ gateId: 'huu-nghi', events: [declared('GC-1', T0)] })), core.ingest('tan-thanh', items({ gateId: 'tan-thanh', events: [declared('GC-2', T0, { gateId: 'tan-thanh' })] }))];
    for (const request of lost) await expect(request).rejects.toThrow('disk went away');
    await expect(core.ingest('huu-nghi', items({ gateId: 'huu-nghi', events: [declared('GC-1', T0)] }))).resolves.toMatchObject({ accepted: 1 });
    expect(core.read((s) => s.eventCount)).toBe(1);
    await core.close();
    await store.close();
  });
});
