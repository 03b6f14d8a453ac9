import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, createBatchOverlay, decide, gateStatusValue, recordInOverlay } from '../../server/domain/index.ts';
import type { TruckEvent } from '../../shared/events.ts';
import { at, checked, declared, lifecycle } from '../helpers/truck-events.ts';
import { feed, newState } from '../helpers/domain-run.ts';

const hashOf = (e: TruckEvent): number => contentHash(canonicalJson(e));
const none = (): undefined => undefined;

describe('decide (CONTRACT §1 acceptance rules)', () => {
  const t = at('2022-01-10 08:00');

  it('tells a duplicate (same content) from a conflict (same eventId, other content)', () => {
    const state = newState();
    const d = declared('A', t);
    expect(feed(state, d).kind).toBe('accept');
    expect(feed(state, { ...d }).kind).toBe('duplicate');
    const other = declared('A', t, { valueUsd: 1 });
    expect(feed(state, other)).toMatchObject({ kind: 'reject', code: 'conflict' });
  });

  it('ignores key order when comparing content', () => {
    const d = declared('A', t);
    const reordered = JSON.parse(JSON.stringify({ cargo: d.type === 'declared' ? d.cargo : null, ...d }));
    expect(canonicalJson(reordered)).toBe(canonicalJson(d));
  });

  it('rejects lifecycle events of unseen declarations or of another gate', () => {
    const state = newState();
    expect(feed(state, lifecycle('arrived', 'X', t))).toMatchObject({ code: 'unknown_declaration' });
    feed(state, declared('A', t));
    const wrongGate = feed(state, lifecycle('arrived', 'A', t, 'tan-thanh'));
    expect(wrongGate).toMatchObject({ code: 'unknown_declaration' });
    expect(wrongGate.kind === 'reject' && wrongGate.message).toMatch(/gate huu-nghi/);
  });

  it('allows one declared/arrived/cleared/cancelled per declaration but any number of checks', () => {
    const state = newState();
    feed(state, declared('A', t));
    expect(feed(state, { ...declared('A', t), eventId: 'again' })).toMatchObject({ code: 'conflict' });
    feed(state, lifecycle('arrived', 'A', t + 60_000));
    expect(feed(state, { ...lifecycle('arrived', 'A', t + 120_000), eventId: 'A-arrived-2' })).toMatchObject({ code: 'conflict' });
    expect(feed(state, checked('A', t, 'customs', 'rejected', 1)).kind).toBe('accept');
    expect(feed(state, checked('A', t, 'customs', 'confirmed', 2)).kind).toBe('accept');
  });

  it('sees events accepted earlier in the same batch through the overlay', () => {
    const state = newState();
    const overlay = createBatchOverlay();
    const d = declared('B', t);
    const a = lifecycle('arrived', 'B', t + 1);
    expect(decide(state, overlay, d, hashOf(d), none).kind).toBe('accept');
    recordInOverlay(overlay, d, hashOf(d));
    expect(decide(state, overlay, a, hashOf(a), none).kind).toBe('accept');
    recordInOverlay(overlay, a, hashOf(a));
    expect(decide(state, overlay, a, hashOf(a), none).kind).toBe('duplicate');
    expect(decide(state, overlay, { ...a, eventId: 'B-arrived-again' }, 0, none)).toMatchObject({ code: 'conflict' });
  });

  it('rejects a declaration covered by a stop-receiving notice, naming the notice', () => {
    const d = declared('C', t);
    const decision = decide(newState(), createBatchOverlay(), d, hashOf(d), () => 'TB-01');
    expect(decision).toMatchObject({ kind: 'reject', code: 'not_receiving', noticeId: 'TB-01' });
  });

  it('derives the gate status from active notices', () => {
    const notice = (direction: 'export' | 'import' | 'both', categories?: ['fresh_fruit']) => ({
      notice: { id: 'n', gateIds: ['huu-nghi'], direction, categories, effectiveFrom: '', reason: { vi: 'x' }, issuedAt: '', issuedBy: 'op' },
      fromMs: 0,
    });
    expect(gateStatusValue([])).toBe('receiving');
    expect(gateStatusValue([notice('both')])).toBe('stopped');
    expect(gateStatusValue([notice('export'), notice('import')])).toBe('stopped');
    expect(gateStatusValue([notice('export')])).toBe('restricted');
    expect(gateStatusValue([notice('both', ['fresh_fruit'])])).toBe('restricted');
  });
});
