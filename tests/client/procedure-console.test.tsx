// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import fc from 'fast-check';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { FORCES, ProcedureChangeRequest, type DeclarationView, type ProcedurePreview, type ProceduresResponse, type ServicePattern, type WorklistItem } from '../../shared/index.ts';
import { buildPatternRequest, buildProcedureRequest, initialProcedureForm, moveStep, patternFormOf, setHandover, toggleCheck, toggleHandover, type ProcedureForm } from '../../client/src/features/procedures/editor.ts';
import { previewRows, rulesByGate } from '../../client/src/features/procedures/rules.ts';
import { inServiceOrder } from '../../client/src/features/worklist/order.ts';
import { createI18n } from '../../client/src/i18n/index.ts';
import { createStores, StoresProvider } from '../../client/src/stores/index.tsx';
import { createWorklistStore } from '../../client/src/stores/worklist.ts';
import { DeclarationDetails } from '../../client/src/ui/DeclarationDetails.tsx';
import { procedureSteps } from '../../client/src/ui/procedure-steps.ts';

// The procedure in the console, its pure parts: the editor's request and validation, the worklist's service
// order (against hand-made expectations the server's `serviceSorted` must meet too), the rules per gate and
// the preview's rows, and a truck's steps as its dialog shows them.

const TZ = 'Asia/Ho_Chi_Minh';
const NOW = Date.parse('2022-01-10T14:00:00+07:00');

describe('the procedure editor', () => {
  it('starts from tomorrow 06:00 local time, in the deployment’s timezone whatever the UTC date', () => {
    expect(initialProcedureForm([], '2022-01-10T22:30:00+07:00', TZ).from).toBe('2022-01-11T06:00');
    // 23:30 UTC on the 10th is 06:30 on the 11th in Vietnam: tomorrow is the 12th.
    expect(initialProcedureForm([], '2022-01-10T23:30:00Z', TZ).from).toBe('2022-01-12T06:00');
    expect(initialProcedureForm(['huu-nghi'], NOW, TZ)).toMatchObject({ gateIds: ['huu-nghi'], categories: [], ordered: false, steps: FORCES.map((force) => ({ kind: 'check', force })) });
  });

  it('builds "quarantine, then a hand-over by the border guard" for Hữu Nghị’s fresh-fruit exports', () => {
    let form: ProcedureForm = { ...initialProcedureForm(['huu-nghi'], NOW, TZ), categories: ['fresh_fruit'] };
    form = toggleCheck(toggleCheck(form, 'border_guard'), 'customs');
    form = setHandover(toggleHandover(form), { by: 'border_guard', method: 'transshipment' });
    form = { ...form, ordered: true, note: '  sang tải tại biên  ' };
    expect(buildProcedureRequest(form, TZ, NOW)).toEqual({
      request: {
        gateIds: ['huu-nghi'],
        direction: 'export',
        categories: ['fresh_fruit'],
        effectiveFrom: '2022-01-11T06:00:00+07:00',
        procedure: { steps: [{ kind: 'check', force: 'quarantine' }, { kind: 'handover', by: 'border_guard', method: 'transshipment' }], ordered: true },
        note: 'sang tải tại biên',
      },
    });
    // Steps move up and down (not past the ends); a check ticked later goes in front of the hand-over.
    const first = moveStep(form, 1, -1);
    expect(first.steps.map((s) => s.kind)).toEqual(['handover', 'check']);
    expect(toggleCheck(form, 'customs').steps.map((s) => (s.kind === 'check' ? s.force : s.kind))).toEqual(['quarantine', 'customs', 'handover']);
    expect(moveStep(form, 0, -1)).toBe(form);
    expect(moveStep(form, 1, 1)).toBe(form);
  });

  it('says what is wrong before asking the server', () => {
    const form = initialProcedureForm(['huu-nghi'], NOW, TZ);
    expect(buildProcedureRequest({ ...form, gateIds: [] }, TZ, NOW)).toEqual({ problem: 'gates' });
    expect(buildProcedureRequest({ ...form, from: '' }, TZ, NOW)).toEqual({ problem: 'from' });
    expect(buildProcedureRequest({ ...form, from: '2022-01-10T13:58' }, TZ, NOW)).toEqual({ problem: 'past' });
    // The server's minute of grace for "from now".
    expect(buildProcedureRequest({ ...form, from: '2022-01-10T13:59' }, TZ, NOW)).toHaveProperty('request');
    expect(buildProcedureRequest({ ...form, steps: [] }, TZ, NOW)).toEqual({ problem: 'steps' });
  });

  it('whatever the edits, what it builds is a request the server’s schema accepts', () => {
    const edit = fc.oneof(
      fc.constantFrom(...FORCES).map((force) => (f: ProcedureForm) => toggleCheck(f, force)),
      fc.constant((f: ProcedureForm) => toggleHandover(f)),
      fc.tuple(fc.nat(4), fc.constantFrom(-1 as const, 1 as const)).map(([i, by]) => (f: ProcedureForm) => moveStep(f, i, by)),
      fc.constantFrom('border_guard', 'customs', 'quarantine', 'yard_operator').map((by) => (f: ProcedureForm) => setHandover(f, { by })),
      fc.boolean().map((ordered) => (f: ProcedureForm) => ({ ...f, ordered })),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 30 }), (edits) => {
        const form = edits.reduce((f, e) => e(f), initialProcedureForm(['huu-nghi'], NOW, TZ));
        const built = buildProcedureRequest(form, TZ, NOW);
        if (form.steps.length === 0) expect(built).toEqual({ problem: 'steps' });
        else expect(ProcedureChangeRequest.safeParse('request' in built ? built.request : null).success).toBe(true);
      }),
    );
  });

  it('a service pattern: first come first served, or N : M in the shared schema’s range', () => {
    expect(patternFormOf(null)).toEqual({ mode: 'fifo', priority: '1', regular: '3' });
    expect(buildPatternRequest('huu-nghi', { mode: 'fifo', priority: 'x', regular: '' })).toEqual({ request: { gateIds: ['huu-nghi'], pattern: null } });
    expect(buildPatternRequest('huu-nghi', { mode: 'ratio', priority: ' 1 ', regular: '3' })).toEqual({ request: { gateIds: ['huu-nghi'], pattern: { priority: 1, regular: 3 } } });
    expect(buildPatternRequest('huu-nghi', { mode: 'ratio', priority: '2', regular: '0' })).toEqual({ request: { gateIds: ['huu-nghi'], pattern: { priority: 2, regular: 0 } } });
    for (const [priority, regular] of [['0', '3'], ['21', '3'], ['1', '21'], ['1.5', '3'], ['', '3'], ['1', '-1']] as const) {
      expect(buildPatternRequest('huu-nghi', { mode: 'ratio', priority, regular }), `${priority}:${regular}`).toEqual({ problem: 'pattern' });
    }
  });
});

// --- the worklist's order -------------------------------------------------------------------------------

const item = (id: string, minute: number, perishable: boolean, direction: 'export' | 'import' = 'export'): WorklistItem => ({
  declarationId: id,
  direction,
  plate: `12C-${id}`,
  enterpriseName: 'Công ty Hoa Quả Xanh',
  taxCode: '4900123456',
  cargoDescription: perishable ? 'Thanh long' : 'Linh kiện',
  category: perishable ? 'fresh_fruit' : 'machinery_electronics',
  valueUsd: 1_000,
  arrivedAt: new Date(NOW + minute * 60_000).toISOString(),
  tasks: ['check'],
  perishable,
});
const ids = (items: readonly WorklistItem[]): string[] => items.map((i) => i.declarationId);
const ONE_THREE: ServicePattern = { priority: 1, regular: 3 };

describe('the worklist in the gate’s service order', () => {
  // One export line: fresh F1 F2 F3, others O1…O6 (minutes are arrival times).
  const line = [item('O1', 1, false), item('F1', 2, true), item('O2', 3, false), item('O3', 4, false), item('O4', 5, false), item('F2', 6, true), item('O5', 7, false), item('F3', 8, true), item('O6', 9, false)];

  it('first come, first served: by arrival, ties by declaration id', () => {
    expect(ids(inServiceOrder([...line].reverse(), null))).toEqual(['O1', 'F1', 'O2', 'O3', 'O4', 'F2', 'O5', 'F3', 'O6']);
    expect(ids(inServiceOrder([item('B', 1, false), item('A', 1, true)], null))).toEqual(['A', 'B']);
  });

  it('1 : 3 — one perishable truck, then three others, and again; a lane with nobody left gives its turns away', () => {
    expect(ids(inServiceOrder(line, ONE_THREE))).toEqual(['F1', 'O1', 'O2', 'O3', 'F2', 'O4', 'O5', 'O6', 'F3']);
    expect(ids(inServiceOrder(line, { priority: 2, regular: 1 }))).toEqual(['F1', 'F2', 'O1', 'F3', 'O2', 'O3', 'O4', 'O5', 'O6']);
    expect(ids(inServiceOrder(line, { priority: 1, regular: 0 }))).toEqual(['F1', 'F2', 'F3', 'O1', 'O2', 'O3', 'O4', 'O5', 'O6']);
  });

  it('serves the hand-made queues of the server’s own tests (tests/domain/procedures.test.ts) in the same order', () => {
    const queue = (prefix: string, n: number, from: number, perishable: boolean) => Array.from({ length: n }, (_, i) => item(`${prefix}${i + 1}`, from + i, perishable));
    expect(ids(inServiceOrder([...queue('f', 3, 100, true), ...queue('o', 7, 0, false)], ONE_THREE))).toEqual(['f1', 'o1', 'o2', 'o3', 'f2', 'o4', 'o5', 'o6', 'f3', 'o7']);
    expect(ids(inServiceOrder([...queue('f', 5, 100, true), ...queue('o', 1, 0, false)], { priority: 2, regular: 1 }))).toEqual(['f1', 'f2', 'o1', 'f3', 'f4', 'f5']);
    expect(ids(inServiceOrder([item('f1', 1, true), item('f2', 2, true), item('o1', 0, false), item('o2', 1.5, false)], null))).toEqual(['o1', 'f1', 'o2', 'f2']);
    // The customs officer's worklist there: four others from 07:01, one fresh-fruit truck at 08:00.
    const worklist = [...[1, 2, 3, 4].map((i) => item(`O${i}`, i, false)), item('F1', 60, true)];
    expect(ids(inServiceOrder(worklist, null))).toEqual(['O1', 'O2', 'O3', 'O4', 'F1']);
    expect(ids(inServiceOrder(worklist, ONE_THREE))).toEqual(['F1', 'O1', 'O2', 'O3', 'O4']);
  });

  it('each direction is its own line; the lines merge by place in line, then arrival', () => {
    const both = [item('XO1', 1, false), item('XF1', 5, true), item('NO1', 2, false), item('NO2', 3, false), item('NF1', 9, true)].map((x, i) => (i >= 2 ? { ...x, direction: 'import' as const } : x));
    // Export: XF1, XO1 (places 0, 1). Import: NF1, NO1, NO2 (places 0, 1, 2). Place 0: XF1 (5) before NF1 (9).
    expect(ids(inServiceOrder(both, ONE_THREE))).toEqual(['XF1', 'NF1', 'XO1', 'NO1', 'NO2']);
  });

  it('filters after the order: a subset keeps the places the whole line gives', () => {
    // Alone, F2 would be served before O1; in the whole line O1 is three places ahead of F2.
    const shown = inServiceOrder(line, ONE_THREE, (x) => x.declarationId === 'F2' || x.declarationId === 'O1');
    expect(ids(shown)).toEqual(['O1', 'F2']);
  });

  it('a live upsert lands at its place in the service order, whatever order the store holds', () => {
    const store = createWorklistStore();
    store.getState().replace(inServiceOrder(line.slice(0, 5), ONE_THREE));
    store.getState().merge({ upsert: [item('F9', 10, true)], remove: ['O2'] });
    // O1 F1 O3 O4 + a perishable truck arriving last: it takes the next priority turn, after three others.
    expect(ids(inServiceOrder(Object.values(store.getState().byId), ONE_THREE))).toEqual(['F1', 'O1', 'O3', 'O4', 'F9']);
  });

  it('the order does not depend on the order items come in (a store’s keys, a delta’s)', () => {
    const arb = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 3 }), minute: fc.nat(30), perishable: fc.boolean(), importing: fc.boolean() }), { selector: (r) => r.id, maxLength: 25 });
    const pattern = fc.option(fc.record({ priority: fc.integer({ min: 1, max: 4 }), regular: fc.integer({ min: 0, max: 4 }) }), { nil: null });
    fc.assert(
      fc.property(arb, pattern, fc.infiniteStream(fc.nat()), (rows, p, seeds) => {
        const items = rows.map((r) => item(r.id, r.minute, r.perishable, r.importing ? 'import' : 'export'));
        const shuffled = items.map((x) => ({ x, k: seeds.next().value })).sort((a, b) => a.k - b.k).map((s) => s.x);
        const order = ids(inServiceOrder(items, p));
        expect(ids(inServiceOrder(shuffled, p))).toEqual(order);
        // Within a direction and lane, first come first served still holds.
        for (const direction of ['export', 'import'])
          for (const perishable of [true, false]) {
            const lane = inServiceOrder(items, p).filter((x) => x.direction === direction && x.perishable === perishable);
            expect(lane.map((x) => x.arrivedAt)).toEqual([...lane.map((x) => x.arrivedAt)].sort());
          }
      }),
    );
  });
});

// --- the rules per gate and the preview ---------------------------------------------------------------

const DEFAULT = { steps: FORCES.map((force) => ({ kind: 'check' as const, force })), ordered: false };
const QUARANTINE_THEN_HANDOVER = { steps: [{ kind: 'check' as const, force: 'quarantine' as const }, { kind: 'handover' as const, by: 'border_guard' as const, method: 'transshipment' as const }], ordered: true };

describe('the rules per gate', () => {
  const data: ProceduresResponse = {
    asOf: '2022-01-10T14:00:00+07:00',
    defaultProcedure: DEFAULT,
    perishable: ['fresh_fruit', 'agricultural', 'seafood'],
    patterns: [],
    rules: [
      { id: 'QT-3', source: 'console', gateIds: ['huu-nghi'], direction: 'export', categories: ['fresh_fruit'], effectiveFrom: '2022-01-11T06:00:00+07:00', procedure: QUARANTINE_THEN_HANDOVER, issuedBy: 'sct.vanhanh', issuedAt: '2022-01-10T13:00:00+07:00' },
      { id: 'QT-2', source: 'console', gateIds: ['huu-nghi', 'chi-ma'], direction: 'export', categories: ['fresh_fruit', 'seafood'], effectiveFrom: '2022-01-09T06:00:00+07:00', procedure: DEFAULT, issuedBy: 'sct.vanhanh', issuedAt: '2022-01-08T10:00:00+07:00' },
      { id: 'QT-1', source: 'console', gateIds: ['huu-nghi'], direction: 'export', categories: ['fresh_fruit'], effectiveFrom: '2022-01-09T00:00:00+07:00', procedure: QUARANTINE_THEN_HANDOVER, issuedBy: 'sct.vanhanh', issuedAt: '2022-01-08T09:00:00+07:00' },
      { id: 'config-1', source: 'config', gateIds: ['chi-ma'], direction: 'both', effectiveFrom: null, procedure: DEFAULT },
    ],
  };

  it('marks each rule scheduled, in force or replaced at the server clock, and whether the default still applies', () => {
    const [huuNghi, chiMa] = rulesByGate(data, ['huu-nghi', 'chi-ma']);
    expect(huuNghi?.rules.map((r) => [r.rule.id, r.status])).toEqual([['QT-3', 'scheduled'], ['QT-2', 'in_force'], ['QT-1', 'replaced']]);
    expect(huuNghi?.defaultInForce).toBe(true);
    // At Chi Ma the configured rule covers every good both ways: the default applies to nothing.
    expect(chiMa?.rules.map((r) => [r.rule.id, r.status])).toEqual([['QT-2', 'in_force'], ['config-1', 'in_force']]);
    expect(chiMa?.defaultInForce).toBe(false);
    // Once the clock passes 06:00 tomorrow, QT-3 takes over Hữu Nghị's fresh fruit and QT-2 keeps its seafood.
    const later = rulesByGate(data, ['huu-nghi'], Date.parse('2022-01-11T06:00:00+07:00'))[0];
    expect(later?.rules.map((r) => [r.rule.id, r.status])).toEqual([['QT-3', 'in_force'], ['QT-2', 'in_force'], ['QT-1', 'replaced']]);
  });

  it('the preview folds goods with the same gate, direction and change into one row, counts summed', () => {
    const change = (category: 'fresh_fruit' | 'seafood' | 'agricultural', queued: number, expected: number, direction: 'export' | 'import' = 'export') => ({ gateId: 'huu-nghi', direction, category, before: DEFAULT, after: QUARANTINE_THEN_HANDOVER, queued, expected });
    const preview: ProcedurePreview = { queuedInScope: 6, expectedInScope: 9, changes: [change('fresh_fruit', 3, 5), change('seafood', 1, 1), change('agricultural', 2, 3, 'import')] };
    expect(previewRows(preview).map((r) => [r.direction, r.categories, r.queued, r.expected])).toEqual([
      ['export', ['fresh_fruit', 'seafood'], 4, 6],
      ['import', ['agricultural'], 2, 3],
    ]);
  });
});

// --- a truck's steps -----------------------------------------------------------------------------------

const truck = (over: Partial<DeclarationView> = {}): DeclarationView => ({
  declarationId: 'D1',
  gateId: 'huu-nghi',
  direction: 'export',
  state: 'queued',
  vehicle: { plate: '12C-111.12', country: 'VN' },
  enterprise: { taxCode: '4900123456', name: 'Công ty Hoa Quả Xanh' },
  cargo: { description: 'Thanh long', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 18_000, localGoods: false },
  declaredAt: '2022-01-11T05:00:00+07:00',
  arrivedAt: '2022-01-11T06:30:00+07:00',
  checks: [],
  events: [],
  perishable: true,
  procedure: { procedure: QUARANTINE_THEN_HANDOVER, ruleId: 'QT-3', pending: ['quarantine', 'handover'], ready: false },
  ...over,
});
const confirmedQuarantine = { force: 'quarantine' as const, result: 'confirmed' as const, occurredAt: '2022-01-11T07:00:00+07:00', eventId: 'c1' };

describe('a truck’s steps', () => {
  it('in order: the hand-over waits for the quarantine check, then is open', () => {
    const before = procedureSteps(truck());
    expect(before.ordered).toBe(true);
    expect(before.lines.map((l) => [l.key, l.result ?? null, l.open, l.waiting])).toEqual([
      ['quarantine', null, true, false],
      ['handover', null, false, true],
    ]);
    const after = procedureSteps(truck({ checks: [confirmedQuarantine], procedure: { procedure: QUARANTINE_THEN_HANDOVER, ruleId: 'QT-3', pending: ['handover'], ready: false } }));
    expect(after.lines.map((l) => [l.key, l.result ?? null, l.open, l.waiting])).toEqual([
      ['quarantine', 'confirmed', false, false],
      ['handover', null, true, false],
    ]);
  });

  it('a refused hand-over stays open; a check the procedure does not ask for is listed after, outside it', () => {
    const customs = { force: 'customs' as const, result: 'confirmed' as const, occurredAt: '2022-01-11T06:40:00+07:00', eventId: 'c0' };
    const view = procedureSteps(
      truck({ checks: [customs, confirmedQuarantine], procedure: { procedure: QUARANTINE_THEN_HANDOVER, ruleId: 'QT-3', pending: ['handover'], ready: false, handover: { by: 'border_guard', result: 'rejected', occurredAt: '2022-01-11T07:10:00+07:00', note: 'thiếu xe đối ứng' } } }),
    );
    expect(view.lines.map((l) => [l.key, l.result, l.open, l.inProcedure, l.note ?? null])).toEqual([
      ['quarantine', 'confirmed', false, true, null],
      ['handover', 'rejected', true, true, 'thiếu xe đối ứng'],
      ['customs', 'confirmed', false, false, null],
    ]);
  });

  it('unordered, or not yet in the yard: nothing waits for its turn; ready only when every step is confirmed', () => {
    const onTheWay = procedureSteps(truck({ state: 'expected', procedure: { procedure: DEFAULT, ruleId: 'default', pending: ['border_guard', 'customs', 'quarantine'], ready: false } }));
    expect(onTheWay.lines.every((l) => !l.open && !l.waiting)).toBe(true);
    const unordered = procedureSteps(truck({ procedure: undefined }));
    expect(unordered.lines.map((l) => [l.key, l.open])).toEqual([['border_guard', true], ['customs', true], ['quarantine', true]]);
    expect(unordered.ready).toBe(false);
  });

  afterEach(cleanup);
  it('the dialog shows them numbered, with the priority flag, in Vietnamese', () => {
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <StoresProvider stores={createStores()}>
          <DeclarationDetails d={truck({ checks: [confirmedQuarantine] })} />
        </StoresProvider>
      </I18nextProvider>,
    );
    const steps = screen.getByTestId('procedure-steps');
    expect(steps.tagName).toBe('OL');
    expect(screen.getByTestId('check-quarantine').textContent).toContain('Đã xác nhận');
    expect(screen.getByTestId('check-handover').textContent).toContain('Giao nhận (Biên phòng)');
    expect(screen.getByTestId('check-handover').textContent).toContain('Chưa giao nhận');
    expect(screen.getByTestId('declaration-D1').textContent).toContain('Ưu tiên');
    expect(screen.getByTestId('declaration-D1').textContent).toContain('theo thứ tự');
  });
});
