import { describe, expect, it } from 'vitest';
import { history } from '../../server/domain/index.ts';
import { replay } from '../helpers/domain-run.ts';
import { at, cancelled, declared, lifecycle } from '../helpers/truck-events.ts';

// The queue at the end of each history bucket (hàng chờ cuối kỳ), hand-computed.

const events = [
  declared('A', at('2022-01-10 06:00')),
  declared('B', at('2022-01-10 06:30')),
  declared('C', at('2022-01-10 07:00')),
  declared('D', at('2022-01-10 07:00'), { direction: 'import' }),
  lifecycle('arrived', 'A', at('2022-01-10 08:10')),
  lifecycle('arrived', 'B', at('2022-01-10 09:20')),
  lifecycle('arrived', 'C', at('2022-01-11 10:00')),
  lifecycle('arrived', 'D', at('2022-01-10 08:30')),
  lifecycle('cleared', 'A', at('2022-01-11 09:00')),
  cancelled('B', at('2022-01-12 11:00')),
  // C is cleared "before" it arrived (a gate clock error): it never counts as queued
  lifecycle('cleared', 'C', at('2022-01-11 09:30')),
  lifecycle('cleared', 'D', at('2022-01-10 09:45')),
];

describe('history queue at the end of each bucket', () => {
  it('counts trucks in the yard at each day end, per direction', () => {
    const h = history(replay(events), 'huu-nghi', { from: '2022-01-09', to: '2022-01-12', bucket: 'day' });
    if (!h.ok) throw new Error(h.message);
    expect(h.history.buckets.map((b) => b.queue)).toEqual([
      { export: 0, import: 0 }, // 9th
      { export: 2, import: 0 }, // 10th: A, B in; D in and out
      { export: 1, import: 0 }, // 11th: A cleared; C never queued
      { export: 0, import: 0 }, // 12th: B cancelled
    ]);
  });

  it('is the same whatever order the events came in, and starts from what was queued before the range', () => {
    const reversed = [...events.slice(0, 4), ...events.slice(4).reverse()];
    const h = history(replay(reversed), 'huu-nghi', { from: '2022-01-10', to: '2022-01-10', bucket: 'hour' });
    if (!h.ok) throw new Error(h.message);
    const at9 = h.history.buckets.find((b) => b.start === '2022-01-10T09:00:00+07:00');
    const at8 = h.history.buckets.find((b) => b.start === '2022-01-10T08:00:00+07:00');
    expect(at8?.queue).toEqual({ export: 1, import: 1 });
    expect(at9?.queue).toEqual({ export: 2, import: 0 });
    const later = history(replay(reversed), 'huu-nghi', { from: '2022-01-12', to: '2022-01-12', bucket: 'day' });
    if (!later.ok) throw new Error(later.message);
    expect(later.history.buckets[0]?.queue).toEqual({ export: 0, import: 0 });
  });
});
