import { describe, expect, it } from 'vitest';
import { gateStatus, history, tradeKey } from '../../server/domain/index.ts';
import { at, cancelled, checked, declared, lifecycle } from '../helpers/truck-events.ts';
import { replay } from '../helpers/domain-run.ts';

// A hand-made day at Hữu Nghị (2022-01-10, +07:00); every expected figure below is worked out by hand.
const events = [
  // D1 export fruit, local goods: waits 60 min
  declared('D1', at('2022-01-10 08:00'), { valueUsd: 20_000, localGoods: true }),
  lifecycle('arrived', 'D1', at('2022-01-10 09:00')),
  lifecycle('cleared', 'D1', at('2022-01-10 10:00')),
  // D2 export agricultural: cleared arrives before arrived (out of order) — waits 180 min
  declared('D2', at('2022-01-10 08:00'), { category: 'agricultural', valueUsd: 10_000 }),
  lifecycle('cleared', 'D2', at('2022-01-10 12:30')),
  lifecycle('arrived', 'D2', at('2022-01-10 09:30')),
  // D3 import machinery, queued; border guard rejected then confirmed, customs confirmed, quarantine missing
  declared('D3', at('2022-01-10 07:00'), { direction: 'import', category: 'machinery_electronics', valueUsd: 50_000 }),
  lifecycle('arrived', 'D3', at('2022-01-10 10:00')),
  checked('D3', at('2022-01-10 11:00'), 'border_guard', 'confirmed', 1),
  checked('D3', at('2022-01-10 10:40'), 'border_guard', 'rejected', 0),
  checked('D3', at('2022-01-10 10:30'), 'customs', 'confirmed'),
  // D4 import, declared only → expected
  declared('D4', at('2022-01-10 09:00'), { direction: 'import', category: 'consumer_goods', valueUsd: 30_000 }),
  // D5 export, arrived then cancelled → neither queued nor expected
  declared('D5', at('2022-01-10 08:00'), { valueUsd: 15_000 }),
  cancelled('D5', at('2022-01-10 12:00')),
  lifecycle('arrived', 'D5', at('2022-01-10 11:00')),
  // D6 export seafood, local: cleared the next day (wait 25 h) and later "cancelled" — cleared wins
  declared('D6', at('2022-01-10 06:00'), { category: 'seafood', valueUsd: 8_000, localGoods: true }),
  lifecycle('arrived', 'D6', at('2022-01-10 06:30')),
  cancelled('D6', at('2022-01-11 08:00')),
  lifecycle('cleared', 'D6', at('2022-01-11 07:30')),
  // D7 at Tân Thanh, queued import
  declared('D7', at('2022-01-10 10:00'), { gateId: 'tan-thanh', direction: 'import', category: 'other', valueUsd: 40_000 }),
  lifecycle('arrived', 'D7', at('2022-01-10 13:00'), 'tan-thanh'),
  // D8 export fruit: waits 20 min, cleared 13:20
  declared('D8', at('2022-01-10 12:00'), { valueUsd: 12_000 }),
  lifecycle('arrived', 'D8', at('2022-01-10 13:00')),
  lifecycle('cleared', 'D8', at('2022-01-10 13:20')),
];

describe('replaying a hand-made day', () => {
  const state = replay(events);
  const now = at('2022-01-10 13:40');

  it('counts queue, expected and awaiting checks per direction', () => {
    const huuNghi = gateStatus(state, 'huu-nghi', now);
    expect(huuNghi?.queue).toEqual({ export: 0, import: 1 });
    expect(huuNghi?.expected).toEqual({ export: 0, import: 1 });
    expect(huuNghi?.awaiting).toEqual({ border_guard: 0, customs: 0, quarantine: 1 });
    expect(gateStatus(state, 'tan-thanh', now)?.queue).toEqual({ export: 0, import: 1 });
  });

  it('derives throughput and estimated wait from the clock', () => {
    const s = gateStatus(state, 'huu-nghi', now);
    expect(s?.clearedLastHour).toBe(1); // D8 at 13:20; D2 at 12:30 is outside (12:40, 13:40]
    expect(s?.clearedToday).toEqual({ export: 3, import: 0 }); // D6 clears tomorrow
    // queue 1 ÷ 2 a day: the one whole 24 h window before 13:00 holds D1 and D2 (D8 clears in the current hour) = 12 h
    expect(s?.estimatedWaitMinutes).toBe(720);
    expect(gateStatus(state, 'tan-thanh', now)?.estimatedWaitMinutes).toBeNull(); // queue, nothing cleared
    expect(s?.status).toBe('receiving');
  });

  it('fills dense daily buckets with arrivals, clearances and wait percentiles', () => {
    const result = history(state, 'huu-nghi', { from: '2022-01-09', to: '2022-01-11', bucket: 'day' });
    if (!result.ok) throw new Error(result.message);
    const [day9, day10, day11] = result.history.buckets;
    expect(result.history.buckets).toHaveLength(3);
    expect(day9).toEqual({ start: '2022-01-09T00:00:00+07:00', arrived: { export: 0, import: 0 }, cleared: { export: 0, import: 0 }, queue: { export: 0, import: 0 }, medianWaitMinutes: null, p90WaitMinutes: null });
    expect(day10?.arrived).toEqual({ export: 5, import: 1 });
    expect(day10?.cleared).toEqual({ export: 3, import: 0 });
    expect(day10?.medianWaitMinutes).toBe(60); // waits 20, 60, 180
    expect(day10?.p90WaitMinutes).toBe(180);
    expect(day11?.cleared).toEqual({ export: 1, import: 0 });
    expect(day11?.medianWaitMinutes).toBe(1500);
  });

  it('fills hourly buckets in local time', () => {
    const result = history(state, 'huu-nghi', { from: '2022-01-10T12:00:00+07:00', to: '2022-01-10T14:00:00+07:00', bucket: 'hour' });
    if (!result.ok) throw new Error(result.message);
    expect(result.history.buckets.map((b) => b.start)).toEqual(['2022-01-10T12:00:00+07:00', '2022-01-10T13:00:00+07:00']);
    expect(result.history.buckets[1]).toMatchObject({ arrived: { export: 1, import: 0 }, cleared: { export: 1, import: 0 }, medianWaitMinutes: 20 });
  });

  it('keeps trade value of cleared declarations by clearance day, direction, gate and category', () => {
    expect(state.trade.get(tradeKey('2022-01-10', 'export', 'huu-nghi', 'fresh_fruit'))).toEqual({ valueUsd: 32_000, localExportUsd: 20_000, count: 2 });
    expect(state.trade.get(tradeKey('2022-01-10', 'export', 'huu-nghi', 'agricultural'))).toEqual({ valueUsd: 10_000, localExportUsd: 0, count: 1 });
    expect(state.trade.get(tradeKey('2022-01-11', 'export', 'huu-nghi', 'seafood'))).toEqual({ valueUsd: 8_000, localExportUsd: 8_000, count: 1 });
    expect(state.trade.size).toBe(3);
  });

  it('refuses ranges that are reversed or too long', () => {
    expect(history(state, 'huu-nghi', { from: '2022-01-10', to: '2022-01-09', bucket: 'day' }).ok).toBe(false);
    expect(history(state, 'huu-nghi', { from: '2022-01-01', to: '2022-12-31', bucket: 'hour' }).ok).toBe(false);
  });
});
