import { describe, expect, it } from 'vitest';
import { congestionLevel, createStores, yardShare } from '../../client/src/stores/index.tsx';
import { MAX_NOTICES } from '../../client/src/stores/notices.ts';
import { AS_OF, gateStatus } from './fixtures.ts';

describe('gates store', () => {
  it('replace drops gates no longer listed; merge keeps the rest and appends new ids', () => {
    const { gates } = createStores();
    gates.getState().replace([gateStatus('a', 1), gateStatus('b', 2)]);
    gates.getState().replace([gateStatus('b', 3)]);
    expect(Object.keys(gates.getState().byId)).toEqual(['b']);
    gates.getState().merge([gateStatus('c', 4), gateStatus('b', 5)]);
    expect(gates.getState().order).toEqual(['b', 'c']);
    expect(gates.getState().byId['b']?.queue.export).toBe(5);
  });

  it('an empty merge keeps the same state object (no re-render)', () => {
    const { gates } = createStores();
    gates.getState().replace([gateStatus('a', 1)]);
    const before = gates.getState().byId;
    gates.getState().merge([]);
    expect(gates.getState().byId).toBe(before);
  });
});

describe('notices store', () => {
  it('is capped, keeping active notices', () => {
    const { notices } = createStores();
    const notice = (i: number, active: boolean) => ({
      id: `n${i}`,
      gateIds: ['huu-nghi'],
      direction: 'both' as const,
      effectiveFrom: AS_OF,
      reason: { vi: 'Tạm dừng' },
      issuedAt: `2022-01-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00+07:00`,
      issuedBy: 'sct.vanhanh',
      active,
    });
    notices.getState().replace(Array.from({ length: MAX_NOTICES + 20 }, (_, i) => notice(i, i === 0)));
    expect(Object.keys(notices.getState().byId)).toHaveLength(MAX_NOTICES);
    expect(notices.getState().byId['n0']).toBeDefined();
  });
});

describe('congestion', () => {
  it.each([
    [0.49, 'low'],
    [0.5, 'moderate'],
    [0.8, 'high'],
    [1, 'full'],
  ] as const)('share %f → %s', (share, level) => expect(congestionLevel(share)).toBe(level));

  it('is total queue over yard capacity', () => {
    expect(yardShare(gateStatus('a', 590))).toBeCloseTo(0.5);
  });
});
