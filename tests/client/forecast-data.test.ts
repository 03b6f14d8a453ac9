import { describe, expect, it } from 'vitest';
import type { ForecastPoint, HistoryBucket } from '../../shared/index.ts';
import { pastOnly, toRows, withForecast } from '../../client/src/features/history/chart-data.ts';
import { shortGateName, whatIfSummary } from '../../client/src/features/notices/what-if.ts';
import { iso } from '../helpers/truck-events.ts';
import { whatIfResponse } from './fixtures.ts';

// The forecast continuing the history chart, and the what-if's summary figures. Pure.

const TZ = 'Asia/Ho_Chi_Minh';
const H = 3_600_000;
const NOW = Date.parse('2022-02-10T08:15:00+07:00');

const bucket = (start: string, queueExport: number): HistoryBucket => ({
  start,
  arrived: { export: 0, import: 0 },
  cleared: { export: 1, import: 0 },
  queue: { export: queueExport, import: 0 },
  medianWaitMinutes: null,
  p90WaitMinutes: null,
});

/** Now (08:15), then the end of each local hour: 09:00, 10:00, …; the queue is 100 + the hours passed. */
const forecast = (hours: number): ForecastPoint[] => [
  { at: iso(NOW), queue: 100, low: 100, high: 100 },
  ...Array.from({ length: hours }, (_, i) => {
    const at = Date.parse('2022-02-10T09:00:00+07:00') + i * H;
    return { at: iso(at), queue: 101 + i, low: 90 + i, high: 110 + i };
  }),
];

describe('pastOnly', () => {
  it('keeps the history up to the bucket of now and draws nothing of it in hours that have not happened', () => {
    const rows = toRows([bucket('2022-02-10T07:00:00+07:00', 95), bucket('2022-02-10T08:00:00+07:00', 100), bucket('2022-02-10T09:00:00+07:00', 100), bucket('2022-02-10T10:00:00+07:00', 100)]);
    const out = pastOnly(rows, NOW);
    expect(out.map((r) => r.key)).toEqual(rows.map((r) => r.key));
    expect(out.map((r) => r.queueExport)).toEqual([95, 100, undefined, undefined]);
    expect(out.map((r) => r.clearedExport)).toEqual([1, 1, undefined, undefined]);
    // The forecast then fills the hours ahead.
    const { rows: withAhead } = withForecast(out, { total: forecast(3) }, 'hour', TZ);
    expect(withAhead.slice(2).map((r) => [r.queueExport, r.forecast])).toEqual([[undefined, 102], [undefined, 103]]);
  });
});

describe('withForecast', () => {
  it('hourly: now’s bucket takes "now", each later bucket the queue at its end; past the history, rows are added', () => {
    const rows = toRows([bucket('2022-02-10T07:00:00+07:00', 95), bucket('2022-02-10T08:00:00+07:00', 100)]);
    const { rows: out, nowKey } = withForecast(rows, { total: forecast(3) }, 'hour', TZ);
    expect(nowKey).toBe('2022-02-10T08:00:00+07:00');
    expect(out.map((r) => [Date.parse(r.key), r.queueExport, r.forecast])).toEqual([
      [Date.parse('2022-02-10T07:00:00+07:00'), 95, undefined],
      [Date.parse('2022-02-10T08:00:00+07:00'), 100, 100], // "now" (the 09:00 point, the end of this hour, is not drawn over it)
      [Date.parse('2022-02-10T09:00:00+07:00'), undefined, 102], // ends 10:00
      [Date.parse('2022-02-10T10:00:00+07:00'), undefined, 103], // ends 11:00
    ]);
    expect(out[2]?.forecastBand).toEqual([91, 111]);
  });

  it('daily: only the points at local midnight end a day; the day of now starts the dashed line', () => {
    const rows = toRows([bucket('2022-02-09T00:00:00+07:00', 80), bucket('2022-02-10T00:00:00+07:00', 100)]);
    const { rows: out, nowKey } = withForecast(rows, { total: forecast(72) }, 'day', TZ);
    expect(nowKey).toBe('2022-02-10T00:00:00+07:00');
    // A day's value is the queue at its end. The 10th is now's day: "now" (100), not its midnight. The 11th ends at
    // 00:00 on the 12th (the point 39 h after 09:00 → 140), the 12th at 00:00 on the 13th (→ 164); the 13th is not
    // over within 72 h, so it gets no point.
    expect(out.map((r) => r.forecast)).toEqual([undefined, 100, 140, 164]);
    expect(out.map((r) => Date.parse(r.key))).toEqual(['2022-02-09', '2022-02-10', '2022-02-11', '2022-02-12'].map((d) => Date.parse(`${d}T00:00:00+07:00`)));
  });
});

describe('whatIfSummary', () => {
  it('compares both projections at the notice’s end', () => {
    const [gate] = whatIfResponse().gates;
    if (!gate) throw new Error('fixture');
    expect(whatIfSummary(gate, '2022-02-13T00:00:00+07:00')).toEqual({
      at: '2022-02-13T00:00:00+07:00',
      atEnd: true,
      withQueue: 34,
      withoutQueue: 82,
      fullWith: '2022-02-10T14:00:00+07:00',
      fullWithout: '2022-02-10T14:00:00+07:00',
    });
  });

  it('until further notice (or past the horizon): at the forecast’s last hour', () => {
    const [gate] = whatIfResponse().gates;
    if (!gate) throw new Error('fixture');
    expect(whatIfSummary(gate, undefined)).toMatchObject({ at: '2022-02-13T08:00:00+07:00', atEnd: false, withQueue: 30, withoutQueue: 86 });
    expect(whatIfSummary(gate, '2022-03-01T00:00:00+07:00')).toMatchObject({ atEnd: false, withQueue: 30 });
  });

  it('names a yard by its place', () => {
    expect(shortGateName('Cửa khẩu quốc tế Hữu Nghị')).toBe('Hữu Nghị');
    expect(shortGateName('Cửa khẩu Tân Thanh')).toBe('Tân Thanh');
    expect(shortGateName('Hữu Nghị International Border Gate')).toBe('Hữu Nghị');
    expect(shortGateName('Chi Ma Border Gate')).toBe('Chi Ma');
    expect(shortGateName('Bãi Pò Chài')).toBe('Bãi Pò Chài');
  });
});
