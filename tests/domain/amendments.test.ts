import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TruckEvent, type AmendmentChanges } from '../../shared/events.ts';
import type { CargoCategory } from '../../shared/primitives.ts';
import { allGateStatuses, applyEvent, findByPlate, canonicalJson, contentHash, createBatchOverlay, decide, declarationView, history, noticeCoveringIn, putNotice, restoreState, stateImage, type Decision, type LiveState } from '../../server/domain/index.ts';
import { feed, newState } from '../helpers/domain-run.ts';
import { at, cancelled, declared, iso, lifecycle } from '../helpers/truck-events.ts';

// Amendments (CONTRACT §1): the shape rules, order-free effective values everywhere (flows by category,
// trade at clearing, plate look-up), nothing counts from the declaration's end on, and the notice loophole.

const amended = (id: string, ms: number, changes: AmendmentChanges, n = 0, gateId = 'huu-nghi'): TruckEvent => ({
  eventId: `${id}-amd-${n}`,
  type: 'amended',
  declarationId: id,
  gateId,
  occurredAt: iso(ms),
  changes,
});

/** As ingest decides: with the state's notices. */
function feedN(state: LiveState, e: TruckEvent): Decision {
  const hash = contentHash(canonicalJson(e));
  const d = decide(state, createBatchOverlay(), e, hash, noticeCoveringIn(state));
  if (d.kind === 'accept') applyEvent(state, { event: e, hash });
  return d;
}

const ok = (state: LiveState, e: TruckEvent): void => {
  const d = feedN(state, e);
  if (d.kind === 'reject') throw new Error(`${e.eventId}: ${d.message}`);
};

describe('the shape of an amendment', () => {
  const base = { eventId: 'a-1', type: 'amended', declarationId: 'D1', gateId: 'huu-nghi', occurredAt: '2022-01-10T08:00:00+07:00' };
  it('names only the correctable fields, at least one, with the declared rules', () => {
    expect(TruckEvent.safeParse({ ...base, changes: { vehicle: { plate: '12c 123.46' } } }).data).toMatchObject({ changes: { vehicle: { plate: '12C123.46' } } });
    expect(TruckEvent.safeParse({ ...base, changes: { cargo: { category: 'seafood', valueUsd: 0 } } }).success).toBe(true);
    for (const changes of [{}, { vehicle: {} }, { cargo: {} }, { direction: 'import' }, { enterprise: { name: 'x' } }, { vehicle: { country: 'CN' } }, { cargo: { weightKg: -1 } }, { cargo: { category: 'gold' } }, { gateId: 'chi-ma' }]) {
      expect(TruckEvent.safeParse({ ...base, changes }).success, JSON.stringify(changes)).toBe(false);
    }
    expect(TruckEvent.safeParse({ ...base }).success).toBe(false);
  });
  it('a gate cannot say who made it (only the console does)', () => {
    expect(TruckEvent.parse({ ...base, by: 'someone', changes: { cargo: { hsCode: '0810' } } })).not.toHaveProperty('by');
  });
});

describe('effective values', () => {
  const T = at('2022-01-10 08:00');
  const H = 3_600_000;

  it('trade at clearing, categories and plate look-up read the effective values; a former plate still finds the truck', () => {
    const s = newState();
    ok(s, declared('D1', T, { valueUsd: 10_000, category: 'agricultural' }));
    ok(s, amended('D1', T + H, { cargo: { valueUsd: 12_500, category: 'fresh_fruit' }, vehicle: { plate: '12C-999.88' } }));
    ok(s, lifecycle('arrived', 'D1', T + 2 * H));
    ok(s, lifecycle('cleared', 'D1', T + 3 * H));
    expect([...s.trade.entries()]).toEqual([['2022-01-10|export|huu-nghi|fresh_fruit', { valueUsd: 12_500, localExportUsd: 0, count: 1 }]]);
    expect(findByPlate(s, '12C99988')).toEqual(['D1']);
    expect(findByPlate(s, '12C12345')).toEqual(['D1']); // the declared plate
    const view = declarationView(s, 'D1', [], T + 4 * H);
    expect(view?.vehicle.plate).toBe('12C-999.88');
    expect(view?.amendments?.map((a) => [a.field, a.from, a.to, a.counts])).toEqual([
      ['vehicle.plate', '12C-123.45', '12C-999.88', true],
      ['cargo.category', 'agricultural', 'fresh_fruit', true],
      ['cargo.valueUsd', 10_000, 12_500, true],
    ]);
  });

  it('an amendment dated at or after the clearing the server has is refused; one accepted before a later-arriving earlier clearing has no effect', () => {
    const s = newState();
    ok(s, declared('D1', T, { valueUsd: 10_000 }));
    ok(s, lifecycle('cleared', 'D1', T + 2 * H));
    expect(feed(s, amended('D1', T + 2 * H, { cargo: { valueUsd: 1 } }))).toMatchObject({ kind: 'reject', code: 'conflict' });
    const late = newState();
    ok(late, declared('D1', T, { valueUsd: 10_000 }));
    ok(late, amended('D1', T + 3 * H, { cargo: { valueUsd: 1 } })); // accepted: no clearing known yet
    ok(late, lifecycle('cleared', 'D1', T + 2 * H)); // ...which came later and is earlier
    expect(late.trade).toEqual(s.trade);
    expect(declarationView(late, 'D1', [], T + 4 * H)?.amendments?.[0]).toMatchObject({ counts: false });
    expect(declarationView(late, 'D1', [], T + 4 * H)?.cargo.valueUsd).toBe(10_000);
  });

  it('closes the notice loophole: a new fruit category for a truck not yet arrived, while fruit is not received', () => {
    const s = newState();
    putNotice(s, { id: 'TB-1', gateIds: ['huu-nghi'], direction: 'export', categories: ['fresh_fruit'], effectiveFrom: iso(T + H), reason: { vi: 'tạm dừng trái cây' }, issuedAt: iso(T), issuedBy: 'sct.vanhanh' });
    ok(s, declared('D1', T, { category: 'agricultural' }));
    ok(s, declared('D2', T, { category: 'agricultural' }));
    expect(feedN(s, amended('D1', T + 2 * H, { cargo: { category: 'fresh_fruit' } }))).toMatchObject({ kind: 'reject', code: 'not_receiving', noticeId: 'TB-1' });
    ok(s, lifecycle('arrived', 'D2', T + 90 * 60_000));
    ok(s, amended('D2', T + 2 * H, { cargo: { category: 'fresh_fruit' } })); // already in the yard: a correction, not a way in
    // The same in one batch: declared then amended.
    const overlay = createBatchOverlay();
    const d3 = declared('D3', T + 30 * 60_000, { category: 'agricultural' });
    const noticeAt = (_g: string, _d: string, c: CargoCategory, ms: number): string | undefined => (c === 'fresh_fruit' && ms >= T + H ? 'TB-1' : undefined);
    expect(decide(s, overlay, d3, contentHash(canonicalJson(d3)), noticeAt)).toEqual({ kind: 'accept' });
    overlay.declarations.set('D3', { gateId: 'huu-nghi', direction: 'export', category: 'agricultural' });
    const a3 = amended('D3', T + 2 * H, { cargo: { category: 'fresh_fruit' } });
    expect(decide(s, overlay, a3, contentHash(canonicalJson(a3)), noticeAt)).toMatchObject({ kind: 'reject', code: 'not_receiving' });
  });
});

describe('order-free amendments', () => {
  const T0 = at('2022-01-10 00:00');
  const MIN = 60_000;
  const CATS: CargoCategory[] = ['fresh_fruit', 'agricultural', 'consumer_goods'];
  const change = fc.record({
    after: fc.integer({ min: 0, max: 72 * 60 }),
    category: fc.option(fc.constantFrom(...CATS), { nil: undefined }),
    valueUsd: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
    plate: fc.option(fc.constantFrom('29C-111.11', '29C-222.22', '51D-333.33'), { nil: undefined }),
    localGoods: fc.option(fc.boolean(), { nil: undefined }),
  });
  const spec = fc.record({
    gate: fc.constantFrom('huu-nghi', 'tan-thanh'),
    category: fc.constantFrom(...CATS),
    valueUsd: fc.integer({ min: 0, max: 50_000 }),
    declaredMin: fc.integer({ min: 0, max: 2 * 24 * 60 }),
    arrivedAfter: fc.option(fc.integer({ min: 1, max: 48 * 60 }), { nil: undefined }),
    endAfter: fc.option(fc.integer({ min: 1, max: 72 * 60 }), { nil: undefined }),
    cancel: fc.boolean(),
    changes: fc.array(change, { maxLength: 4 }),
  });

  /** Everything the reducer derives that amendments can move, independent of insertion order. */
  function figures(state: LiveState): unknown {
    const flows = [...state.gates.values()].map((g) =>
      [...g.buckets.flows.entries()]
        .map(([h, f]) => [h, f.declared, f.arrived, f.cleared, Object.entries(f.waits).map(([k, w]) => [k, [...w].sort((a, b) => a - b)]).filter(([, w]) => (w as number[]).length > 0), [...f.delays.export].sort(), [...f.delays.import].sort()] as const)
        .filter(([, d, a, c, w, e, i]) => [...d, ...a, ...c].some((n) => n !== 0) || w.length > 0 || e.length > 0 || i.length > 0)
        .sort(([a], [b]) => a - b),
    );
    const trade = [...state.trade.entries()].filter(([, c]) => c.count !== 0 || c.valueUsd !== 0).sort(([a], [b]) => a.localeCompare(b));
    const plates = ['29C11111', '29C22222', '51D33333', '12C12345'].map((p) => findByPlate(state, p).sort());
    const views = [...state.declarations.keys()].sort().map((id) => {
      const v = declarationView(state, id, [], T0 + 5 * 24 * 60 * MIN);
      // One dated after the end is refused in time order and kept without effect out of order: only those that count are the same.
      return [v?.vehicle, v?.cargo, (v?.amendments ?? []).filter((a) => a.counts)];
    });
    const queues = [...state.gates.keys()].map((id) => history(state, id, { from: '2022-01-09', to: '2022-01-14', bucket: 'day' }));
    return { flows, trade, plates, views, queues, statuses: allGateStatuses(state, T0 + 3 * 24 * 60 * MIN) };
  }

  it('amendments, arrivals and ends in any order give the figures of the events sorted by time (property)', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 6 }), fc.infiniteStream(fc.nat()), (specs, picks) => {
        const declaredEvents: TruckEvent[] = [];
        const rest: TruckEvent[] = [];
        specs.forEach((sp, i) => {
          const id = `D${i}`;
          const t = T0 + sp.declaredMin * MIN;
          declaredEvents.push(declared(id, t, { gateId: sp.gate, category: sp.category, valueUsd: sp.valueUsd }));
          if (sp.arrivedAfter !== undefined) rest.push(lifecycle('arrived', id, t + sp.arrivedAfter * MIN, sp.gate));
          if (sp.endAfter !== undefined) rest.push(sp.cancel ? cancelled(id, t + sp.endAfter * MIN, sp.gate) : lifecycle('cleared', id, t + sp.endAfter * MIN, sp.gate));
          sp.changes.forEach((c, n) => {
            const changes: AmendmentChanges = {};
            if (c.plate !== undefined) changes.vehicle = { plate: c.plate };
            if (c.category !== undefined || c.valueUsd !== undefined || c.localGoods !== undefined) {
              changes.cargo = { ...(c.category === undefined ? {} : { category: c.category }), ...(c.valueUsd === undefined ? {} : { valueUsd: c.valueUsd }), ...(c.localGoods === undefined ? {} : { localGoods: c.localGoods }) };
            }
            if (changes.vehicle || changes.cargo) rest.push(TruckEvent.parse(amended(id, t + c.after * MIN, changes, n, sp.gate)));
          });
        });
        const run = (events: readonly TruckEvent[]): LiveState => {
          const s = newState();
          for (const e of events) {
            const hash = contentHash(canonicalJson(e));
            if (decide(s, createBatchOverlay(), e, hash, () => undefined).kind === 'accept') applyEvent(s, { event: e, hash });
          }
          return s;
        };
        const sorted = run([...declaredEvents, ...[...rest].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.eventId < b.eventId ? -1 : 1))]);
        const it = picks[Symbol.iterator]();
        const shuffled = [...rest];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j] as TruckEvent, shuffled[i] as TruckEvent];
        }
        const all = [...declaredEvents, ...shuffled];
        expect(figures(run(all))).toEqual(figures(sorted));
        // Snapshot + tail = full replay: an image taken anywhere (written as the file store writes it) and the rest applied.
        const cut = (it.next().value as number) % (all.length + 1);
        const image = stateImage(run(all.slice(0, cut)));
        const restored = newState();
        expect(restoreState(restored, deserialize(serialize(image.head)), image.texts)).toEqual({ ok: true });
        for (const e of all.slice(cut)) {
          const hash = contentHash(canonicalJson(e));
          if (decide(restored, createBatchOverlay(), e, hash, () => undefined).kind === 'accept') applyEvent(restored, { event: e, hash });
        }
        expect(figures(restored)).toEqual(figures(sorted));
        expect(stateImage(restored)).toEqual(stateImage(run(all)));
      }),
      { numRuns: 200 },
    );
  });
});
