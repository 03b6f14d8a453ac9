import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TruckEvent } from '../../shared/events.ts';
import type { CargoCategory, Force } from '../../shared/primitives.ts';
import type { Procedure, ProcedureChange, RuleChange, ServicePattern } from '../../shared/procedures.ts';
import { applyRuleChange, gateStatus, patternPlace, procedureView, worklist, type LiveState } from '../../server/domain/index.ts';
import { serviceOrder } from '../../shared/procedures.ts';
import { feed, newState } from '../helpers/domain-run.ts';
import { at, checked, declared, iso, lifecycle } from '../helpers/truck-events.ts';

// The procedure as data: a rule from an effective time, kept by the trucks that arrived before it; an
// ordered procedure opens one step at a time; a hand-over step confirmed by the force it names; the
// counters stay order-free; the service pattern's order.

const FROM = at('2022-01-11 06:00');
const FRUIT_RULE: Procedure = {
  steps: [
    { kind: 'check', force: 'quarantine' },
    { kind: 'handover', by: 'border_guard', method: 'transshipment' },
  ],
  ordered: true,
};

const procedureChange = (over: Partial<ProcedureChange> = {}): ProcedureChange => ({
  kind: 'procedure',
  id: 'QT-1',
  gateIds: ['huu-nghi'],
  direction: 'export',
  categories: ['fresh_fruit'],
  effectiveFrom: iso(FROM),
  procedure: FRUIT_RULE,
  issuedAt: iso(at('2022-01-10 15:00')),
  issuedBy: 'sct.vanhanh',
  ...over,
});

const step = (id: string, ms: number, by: 'border_guard' | 'yard_operator', result: 'confirmed' | 'rejected' = 'confirmed'): TruckEvent => ({
  eventId: `${id}-step-${ms}`,
  type: 'step',
  step: 'handover',
  declarationId: id,
  gateId: 'huu-nghi',
  occurredAt: iso(ms),
  by,
  result,
});

const ok = (state: LiveState, e: TruckEvent): void => {
  const d = feed(state, e);
  if (d.kind === 'reject') throw new Error(`${e.eventId}: ${d.message}`);
};

const ids = (state: LiveState, force: Force): string[] => worklist(state, 'huu-nghi', force).map((i) => i.declarationId);

describe('a procedure change at an effective time', () => {
  const build = (): LiveState => {
    const state = newState();
    applyRuleChange(state, procedureChange());
    // A arrived the evening before: it keeps today's procedure. B arrived after 06:00: the new one.
    // C is other goods: out of the rule's scope.
    for (const e of [
      declared('A', at('2022-01-10 18:00')),
      lifecycle('arrived', 'A', at('2022-01-10 20:00')),
      declared('B', at('2022-01-11 05:00')),
      lifecycle('arrived', 'B', at('2022-01-11 07:00')),
      declared('C', at('2022-01-11 05:00'), { category: 'machinery_electronics' }),
      lifecycle('arrived', 'C', at('2022-01-11 07:30')),
    ])
      ok(state, e);
    return state;
  };

  it('a truck that arrived before keeps the old rule, one after gets the new', () => {
    const state = build();
    const now = at('2022-01-11 08:00');
    const a = state.declarations.get('A');
    const b = state.declarations.get('B');
    if (!a || !b) throw new Error('missing');
    expect(procedureView(state, a, now)).toMatchObject({ ruleId: 'default', pending: ['border_guard', 'customs', 'quarantine'], ready: false });
    expect(procedureView(state, b, now)).toMatchObject({ ruleId: 'QT-1', pending: ['quarantine', 'handover'], ready: false });
    // Worklists follow: B is quarantine's only (ordered: the hand-over waits for it); customs never sees B.
    expect(ids(state, 'quarantine')).toEqual(['A', 'B', 'C']);
    expect(ids(state, 'customs')).toEqual(['A', 'C']);
    expect(ids(state, 'border_guard')).toEqual(['A', 'C']);
    expect(gateStatus(state, 'huu-nghi', now)).toMatchObject({ awaiting: { border_guard: 2, customs: 2, quarantine: 3 }, awaitingHandover: 0, readyToClear: 0 });
  });

  it('an ordered procedure opens the hand-over once quarantine confirms; the named force confirms it and the truck is ready', () => {
    const state = build();
    ok(state, checked('B', at('2022-01-11 09:00'), 'quarantine', 'confirmed'));
    const guardList = worklist(state, 'huu-nghi', 'border_guard');
    expect(guardList.find((i) => i.declarationId === 'B')?.tasks).toEqual(['handover']);
    expect(gateStatus(state, 'huu-nghi', at('2022-01-11 09:00'))).toMatchObject({ awaitingHandover: 1, readyToClear: 0 });
    ok(state, step('B', at('2022-01-11 10:00'), 'border_guard'));
    expect(ids(state, 'border_guard')).toEqual(['A', 'C']);
    const b = state.declarations.get('B');
    if (!b) throw new Error('missing');
    expect(procedureView(state, b, at('2022-01-11 10:00'))).toMatchObject({ pending: [], ready: true, handover: { by: 'border_guard', result: 'confirmed' } });
    expect(gateStatus(state, 'huu-nghi', at('2022-01-11 10:00'))).toMatchObject({ awaitingHandover: 0, readyToClear: 1 });
  });

  it('a rule read after the events (another node, or a restart) recomputes exactly the trucks it touches', () => {
    const late = newState();
    for (const e of [
      declared('A', at('2022-01-10 18:00')),
      lifecycle('arrived', 'A', at('2022-01-10 20:00')),
      declared('B', at('2022-01-11 05:00')),
      lifecycle('arrived', 'B', at('2022-01-11 07:00')),
      declared('C', at('2022-01-11 05:00'), { category: 'machinery_electronics' }),
      lifecycle('arrived', 'C', at('2022-01-11 07:30')),
    ])
      ok(late, e);
    applyRuleChange(late, procedureChange());
    const now = at('2022-01-11 08:00');
    expect(gateStatus(late, 'huu-nghi', now)).toEqual(gateStatus(build(), 'huu-nghi', now));
  });
});

describe('order-free with rule changes', () => {
  const FORCES: Force[] = ['border_guard', 'customs', 'quarantine'];
  const CATS: CargoCategory[] = ['fresh_fruit', 'seafood', 'consumer_goods'];
  const truck = fc.record({
    category: fc.constantFrom(...CATS),
    arriveHour: fc.option(fc.integer({ min: 0, max: 47 }), { nil: undefined }),
    checks: fc.array(fc.record({ force: fc.constantFrom(...FORCES), hour: fc.integer({ min: 0, max: 60 }), ok: fc.boolean() }), { maxLength: 4 }),
    handover: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    clearHour: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
  });
  const rule = fc.record({
    fromHour: fc.integer({ min: 0, max: 47 }),
    categories: fc.option(fc.subarray(CATS, { minLength: 1 }), { nil: undefined }),
    ordered: fc.boolean(),
    steps: fc.subarray(['border_guard', 'customs', 'quarantine', 'handover'] as const, { minLength: 0 }),
  });
  const BASE = at('2022-01-10 00:00');
  const H = 3_600_000;

  it('any interleaving of events and rule changes gives the figures of the rules first, then the events sorted', () => {
    fc.assert(
      fc.property(fc.array(truck, { minLength: 1, maxLength: 8 }), fc.array(rule, { maxLength: 3 }), fc.infiniteStream(fc.nat()), (trucks, rules, picks) => {
        const events: TruckEvent[] = [];
        trucks.forEach((t, i) => {
          const id = `T${i}`;
          events.push(declared(id, BASE - H, { category: t.category }));
          if (t.arriveHour !== undefined) events.push(lifecycle('arrived', id, BASE + t.arriveHour * H));
          t.checks.forEach((c, k) => events.push(checked(id, BASE + c.hour * H + k, c.force, c.ok ? 'confirmed' : 'rejected', k)));
          if (t.handover !== undefined) events.push(step(id, BASE + t.handover * H, 'border_guard'));
          if (t.clearHour !== undefined) events.push(lifecycle('cleared', id, BASE + t.clearHour * H));
        });
        const changes: RuleChange[] = rules.map((r, i) =>
          procedureChange({
            id: `QT-${i + 1}`,
            effectiveFrom: iso(BASE + r.fromHour * H),
            ...(r.categories ? { categories: r.categories } : {}),
            direction: 'both',
            issuedAt: iso(BASE + i),
            procedure: { ordered: r.ordered, steps: r.steps.map((s) => (s === 'handover' ? { kind: 'handover', by: 'border_guard', method: 'driver_swap' } : { kind: 'check', force: s })) },
          }),
        );
        // Reference: rules first, events by occurredAt (the declared first: lifecycle needs it).
        const reference = newState();
        for (const c of changes) applyRuleChange(reference, c);
        const sorted = [...events].sort((a, b) => (a.type === 'declared' ? -1 : 0) - (b.type === 'declared' ? -1 : 0) || Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
        for (const e of sorted) feed(reference, e);
        // Shuffled: declared first per truck, everything else and the rules in any order.
        const it = picks[Symbol.iterator]();
        const rest: (TruckEvent | RuleChange)[] = [...events.filter((e) => e.type !== 'declared'), ...changes];
        for (let i = rest.length - 1; i > 0; i--) {
          const j = (it.next().value as number) % (i + 1);
          [rest[i], rest[j]] = [rest[j] as TruckEvent | RuleChange, rest[i] as TruckEvent | RuleChange];
        }
        const shuffled = newState();
        for (const e of events.filter((x) => x.type === 'declared')) feed(shuffled, e);
        for (const x of rest) {
          if ('kind' in x) applyRuleChange(shuffled, x);
          else feed(shuffled, x);
        }
        const now = BASE + 72 * H;
        expect(gateStatus(shuffled, 'huu-nghi', now)).toEqual(gateStatus(reference, 'huu-nghi', now));
        for (const force of FORCES) expect(ids(shuffled, force)).toEqual(ids(reference, force));
      }),
      { numRuns: 150 },
    );
  });
});

describe('the service pattern', () => {
  const line = (prefix: string, n: number, from: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, at: from + i }));

  it('1 priority : 3 regular serves a hand-made queue in the exact order', () => {
    const order = serviceOrder({ priority: 1, regular: 3 }, line('f', 3, 100), line('o', 7, 0)).map((t) => t.id);
    expect(order).toEqual(['f1', 'o1', 'o2', 'o3', 'f2', 'o4', 'o5', 'o6', 'f3', 'o7']);
    // A lane with nobody left gives its turns away; no pattern is arrival order.
    expect(serviceOrder({ priority: 2, regular: 1 }, line('f', 5, 100), line('o', 1, 0)).map((t) => t.id)).toEqual(['f1', 'f2', 'o1', 'f3', 'f4', 'f5']);
    expect(serviceOrder(null, line('f', 2, 1), line('o', 2, 0)).map((t) => t.id)).toEqual(['o1', 'f1', 'o2', 'f2']);
  });

  it('a truck’s place by the closed form equals its place in the service order (property)', () => {
    const pattern = fc.record({ priority: fc.integer({ min: 1, max: 5 }), regular: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(pattern, fc.nat(30), fc.nat(30), (p: ServicePattern, nf, no) => {
        const fresh = line('f', nf, 0);
        const other = line('o', no, 0);
        const order = serviceOrder(p, fresh, other).map((t) => t.id);
        const lengths = { fresh: nf, other: no };
        fresh.forEach((t, i) => expect(patternPlace(p, 'fresh', i, lengths)).toBe(order.indexOf(t.id) + 1));
        other.forEach((t, i) => expect(patternPlace(p, 'other', i, lengths)).toBe(order.indexOf(t.id) + 1));
      }),
    );
  });

  it('orders a force’s worklist and the queue positions once set, and not before', () => {
    const state = newState();
    for (let i = 1; i <= 4; i++) {
      ok(state, declared(`O${i}`, at('2022-01-10 06:00'), { category: 'consumer_goods' }));
      ok(state, lifecycle('arrived', `O${i}`, at('2022-01-10 07:00') + i * 60_000));
    }
    ok(state, declared('F1', at('2022-01-10 06:00')));
    ok(state, lifecycle('arrived', 'F1', at('2022-01-10 08:00')));
    expect(ids(state, 'customs')).toEqual(['O1', 'O2', 'O3', 'O4', 'F1']);
    applyRuleChange(state, { kind: 'service_pattern', id: 'QT-9', gateIds: ['huu-nghi'], pattern: { priority: 1, regular: 3 }, effectiveFrom: iso(at('2022-01-10 09:00')), issuedAt: iso(at('2022-01-10 09:00')), issuedBy: 'sct.vanhanh' });
    expect(ids(state, 'customs')).toEqual(['F1', 'O1', 'O2', 'O3', 'O4']);
    expect(gateStatus(state, 'huu-nghi', at('2022-01-10 09:30'))?.servicePattern).toEqual({ priority: 1, regular: 3 });
    expect(gateStatus(state, 'huu-nghi', at('2022-01-10 08:30'))?.servicePattern).toBeNull();
  });
});
