import { describe, expect, it } from 'vitest';
import { AuditAction, type DeclarationView } from '../../shared/index.ts';
import { changesOf, draftOf } from '../../client/src/features/mine/AmendDialog.tsx';
import { en } from '../../client/src/i18n/en.ts';
import { vi } from '../../client/src/i18n/vi.ts';
import { trailRows } from '../../client/src/ui/trail.ts';

// The console's pure parts of "when the procedure changes": the trail's rows and waits, the correction
// form's changes, and a text for every audit action in both languages (the procedure editor's request,
// the service order and a truck's steps: tests/client/procedure-console.test.ts).

const view = (over: Partial<DeclarationView> = {}): DeclarationView => ({
  declarationId: 'D1',
  gateId: 'huu-nghi',
  direction: 'export',
  state: 'queued',
  vehicle: { plate: '12C-111.12', country: 'VN' },
  enterprise: { taxCode: '4900123456', name: 'Công ty Hoa Quả Xanh' },
  cargo: { description: 'Thanh long', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 18_000, localGoods: false },
  declaredAt: '2022-01-10T08:00:00+07:00',
  checks: [],
  events: [
    { eventId: 'e3', type: 'checked', declarationId: 'D1', gateId: 'huu-nghi', occurredAt: '2022-01-10T12:30:00+07:00', force: 'quarantine', result: 'confirmed' },
    { eventId: 'e1', type: 'declared', declarationId: 'D1', gateId: 'huu-nghi', occurredAt: '2022-01-10T08:00:00+07:00', direction: 'export', vehicle: { plate: '12C-111.11', country: 'VN' }, enterprise: { taxCode: '4900123456', name: 'Công ty Hoa Quả Xanh' }, cargo: { description: 'Thanh long', category: 'fresh_fruit', weightKg: 20_000, valueUsd: 18_000, localGoods: false } },
    { eventId: 'e2', type: 'amended', declarationId: 'D1', gateId: 'huu-nghi', occurredAt: '2022-01-10T09:15:00+07:00', changes: { vehicle: { plate: '12C-111.12' } }, by: 'dn.hoaquaxanh' },
    { eventId: 'e4', type: 'arrived', declarationId: 'D1', gateId: 'huu-nghi', occurredAt: '2022-01-10T10:00:00+07:00' },
    { eventId: 'e5', type: 'step', step: 'handover', by: 'border_guard', declarationId: 'D1', gateId: 'huu-nghi', occurredAt: '2022-01-10T14:00:00+07:00', result: 'confirmed' },
  ],
  amendments: [{ field: 'vehicle.plate', from: '12C-111.11', to: '12C-111.12', occurredAt: '2022-01-10T09:15:00+07:00', eventId: 'e2', by: 'dn.hoaquaxanh', counts: true }],
  ...over,
});

describe('the trail', () => {
  it('lists every event in time order with the wait since the step before', () => {
    const rows = trailRows(view());
    expect(rows.map((r) => [r.step.kind, r.sinceMinutes ?? null])).toEqual([
      ['declared', null],
      ['amended', 75],
      ['arrived', 45],
      ['checked', 150],
      ['step', 90],
    ]);
    expect(rows[1]?.step).toMatchObject({ kind: 'amended', by: 'dn.hoaquaxanh', changes: [{ field: 'vehicle.plate', to: '12C-111.12' }] });
  });
});

describe('the correction form', () => {
  it('sends only what changed, numbers as numbers', () => {
    const d = view();
    expect(changesOf(d, draftOf(d))).toBeUndefined();
    expect(changesOf(d, { ...draftOf(d), plate: ' 12C-111.13 ', valueUsd: '19,500' })).toEqual({ vehicle: { plate: '12C-111.13' }, cargo: { valueUsd: 19_500 } });
    expect(changesOf(d, { ...draftOf(d), category: 'seafood' })).toEqual({ cargo: { category: 'seafood' } });
    expect(changesOf(d, { ...draftOf(d), weightKg: 'nhiều' })).toEqual({ error: 'number' });
  });
});

describe('the audit log speaks both languages', () => {
  it('has a text for every audit action', () => {
    for (const action of AuditAction.options) {
      expect(vi.audit.actions, action).toHaveProperty(action);
      expect(en.audit.actions, action).toHaveProperty(action);
    }
  });
});

describe('the worklist filters', () => {
  it('narrow by direction, goods, rejected, priority and the other forces’ results', async () => {
    const { passes } = await import('../../client/src/features/worklist/Worklist.tsx');
    const item = { declarationId: 'D', direction: 'export' as const, plate: 'P', enterpriseName: 'E', taxCode: '4900123456', cargoDescription: 'x', category: 'fresh_fruit' as const, valueUsd: 1, arrivedAt: '2022-01-10T08:00:00+07:00', tasks: ['check' as const], perishable: true };
    const all = { direction: 'all' as const, category: 'all' as const, hideRejected: false, priorityOnly: false, others: 'all' as const };
    expect(passes(item, all)).toBe(true);
    expect(passes(item, { ...all, direction: 'import' })).toBe(false);
    expect(passes(item, { ...all, category: 'seafood' })).toBe(false);
    expect(passes({ ...item, lastResult: 'rejected' }, { ...all, hideRejected: true })).toBe(false);
    expect(passes({ ...item, perishable: false }, { ...all, priorityOnly: true })).toBe(false);
    // The other forces' results: confirmed by every other force that checked, or rejected by one.
    const confirmedByGuard = { ...item, others: [{ force: 'border_guard' as const, result: 'confirmed' as const }] };
    const rejectedByQuarantine = { ...item, others: [{ force: 'border_guard' as const, result: 'confirmed' as const }, { force: 'quarantine' as const, result: 'rejected' as const }] };
    expect([item, confirmedByGuard, rejectedByQuarantine].map((i) => passes(i, { ...all, others: 'confirmed' }))).toEqual([false, true, false]);
    expect([item, confirmedByGuard, rejectedByQuarantine].map((i) => passes(i, { ...all, others: 'rejected' }))).toEqual([false, false, true]);
  });
});

describe('an enterprise’s search and filters', () => {
  it('match plate in any spelling, state, gate and trucks under a notice', async () => {
    const { passesMine } = await import('../../client/src/features/mine/MyTrucks.tsx');
    const d = view();
    const f = { q: '', state: 'all' as const, gateId: 'all', underNotice: false };
    expect(passesMine(d, f, [])).toBe(true);
    expect(passesMine(d, { ...f, q: '12c 11112' }, [])).toBe(true);
    expect(passesMine(d, { ...f, q: 'thanh long' }, [])).toBe(true);
    expect(passesMine(d, { ...f, q: '99z' }, [])).toBe(false);
    expect(passesMine(d, { ...f, state: 'cleared' }, [])).toBe(false);
    expect(passesMine(d, { ...f, gateId: 'chi-ma' }, [])).toBe(false);
    expect(passesMine(d, { ...f, underNotice: true }, [])).toBe(false);
    expect(passesMine(d, { ...f, underNotice: true }, ['TB-2022-0001'])).toBe(true);
  });
});
