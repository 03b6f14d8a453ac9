import { describe, expect, it } from 'vitest';
import { HistoryResponse, Notice, TradeReport } from '../../shared/index.ts';
import { buildHistoryCsv, historyCsvFilename } from '../../client/src/features/history/csv.ts';
import { noticeSpans, toRows } from '../../client/src/features/history/chart-data.ts';
import { buildTradeCsv, tradeCsvFilename } from '../../client/src/features/trade/csv.ts';
import { addDays, lastDays, localDateOf, quarterToDate, yearToDate } from '../../client/src/i18n/datetime.ts';
import { formatChange, formatPercent, formatSignedChange, formatUsdCompact } from '../../client/src/i18n/figures.ts';
import { attachFeed, type LivePort } from '../../client/src/socket/feed.ts';
import { createStores, serverNowAt, clockRate } from '../../client/src/stores/index.tsx';
import { toCsv } from '../../client/src/ui/csv.ts';
import { gateStatus } from './fixtures.ts';

// The pure parts of the Q1 2022 story: periods from the server clock, bulletin-style figures, CSV files,
// notice spans on the chart axis, and the clock that runs at the replay's speed.

const TZ = 'Asia/Ho_Chi_Minh';

describe('periods from the server clock', () => {
  it('quarter to date runs from the 1st day of the clock’s quarter to its local date', () => {
    expect(quarterToDate('2022-03-31T10:00:00+07:00', TZ)).toEqual({ from: '2022-01-01', to: '2022-03-31' });
    expect(quarterToDate('2022-02-14T00:30:00+07:00', TZ)).toEqual({ from: '2022-01-01', to: '2022-02-14' });
    expect(quarterToDate('2022-05-02T08:00:00+07:00', TZ)).toEqual({ from: '2022-04-01', to: '2022-05-02' });
    expect(quarterToDate('2022-12-31T23:59:00+07:00', TZ)).toEqual({ from: '2022-10-01', to: '2022-12-31' });
  });
  it('uses the deployment’s calendar, not UTC: 31 Mar 20:00 UTC is already 1 Apr in Vietnam', () => {
    expect(localDateOf('2022-03-31T20:00:00Z', TZ)).toBe('2022-04-01');
    expect(quarterToDate('2022-03-31T20:00:00Z', TZ)).toEqual({ from: '2022-04-01', to: '2022-04-01' });
    expect(quarterToDate(Date.parse('2022-03-31T16:59:59Z'), TZ)).toEqual({ from: '2022-01-01', to: '2022-03-31' });
  });
  it('year to date and the last N days', () => {
    expect(yearToDate('2022-03-31T10:00:00+07:00', TZ)).toEqual({ from: '2022-01-01', to: '2022-03-31' });
    expect(lastDays('2022-03-01T10:00:00+07:00', TZ, 30)).toEqual({ from: '2022-01-31', to: '2022-03-01' });
    expect(lastDays('2022-01-03T10:00:00+07:00', TZ, 7)).toEqual({ from: '2021-12-28', to: '2022-01-03' });
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('trade figures as the bulletins write them', () => {
  it('percent of plan (already ×100) with one decimal', () => {
    expect(formatPercent(14.54, 'vi')).toBe('14,5 %');
    expect(formatPercent(14.54, 'en')).toBe('14.5%');
    expect(formatPercent(17, 'vi')).toBe('17,0 %');
    expect(formatPercent(null, 'vi')).toBe('—');
  });
  it('change vs the same period last year, in words', () => {
    expect(formatChange(-0.303, 'vi')).toBe('giảm 30,3 %');
    expect(formatChange(0.096, 'vi')).toBe('tăng 9,6 %');
    expect(formatChange(-0.059, 'en')).toBe('down 5.9%');
    expect(formatChange(0.077, 'en')).toBe('up 7.7%');
    expect(formatChange(0.0004, 'vi')).toBe('không đổi');
    expect(formatChange(null, 'en')).toBe('—');
    expect(formatSignedChange(-0.059, 'vi')).toBe('−5,9 %');
  });
  it('USD in words of scale', () => {
    expect(formatUsdCompact(800_000_000, 'vi')).toBe('800 triệu USD');
    expect(formatUsdCompact(800_000_000, 'en')).toBe('USD 800 million');
    expect(formatUsdCompact(5_517_000_000, 'vi')).toBe('5,52 tỷ USD');
    expect(formatUsdCompact(28_400_000, 'vi')).toBe('28,4 triệu USD');
    expect(formatUsdCompact(850_000, 'en')).toBe('USD 850 thousand');
    expect(formatUsdCompact(0, 'vi')).toBe('0 USD');
  });
});

const totals = (exportUsd: number, importUsd: number, localExportUsd: number) => ({ exportUsd, importUsd, totalUsd: exportUsd + importUsd, localExportUsd });
const report = TradeReport.parse({
  from: '2022-01-01',
  to: '2022-03-31',
  actual: totals(230e6, 570e6, 28e6),
  plan: totals(2150e6, 3353e6, 140e6),
  percentOfPlan: { exportUsd: 10.7, importUsd: 17, totalUsd: 14.54, localExportUsd: 20 },
  previousYear: totals(330e6, 520e6, 26e6),
  previousYearSource: 'baseline',
  changeVsPreviousYear: { exportUsd: -0.303, importUsd: 0.096, totalUsd: -0.059, localExportUsd: 0.077 },
  byGate: [{ gateId: 'huu-nghi', actual: totals(150e6, 400e6, 20e6) }],
  byCategory: [{ category: 'fresh_fruit', actual: totals(100e6, 0, 10e6) }],
});

describe('CSV files', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(toCsv([['a,b', 'say "hi"', 1.5, null]])).toBe('"a,b","say ""hi""",1.5,\r\n');
  });
  it('trade: headers in both languages, numbers unformatted', () => {
    const lines = buildTradeCsv(report).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Mục / Section,Chỉ tiêu / Item,Xuất khẩu / Export,Nhập khẩu / Import,Tổng kim ngạch / Total,Hàng địa phương xuất khẩu / Local export',
    );
    expect(lines[1]).toBe('Thực hiện (USD) / Actual (USD),2022-01-01..2022-03-31 all,230000000,570000000,800000000,28000000');
    expect(lines[3]).toBe('Đạt % kế hoạch / Percent of plan,2022-01-01..2022-03-31,10.7,17,14.54,20');
    expect(lines[4]).toContain(',baseline,330000000,');
    expect(lines[5]).toBe('So với cùng kỳ (tỷ lệ) / Change vs last year (fraction),2022-01-01..2022-03-31,-0.303,0.096,-0.059,0.077');
    expect(lines[6]).toBe('Theo cửa khẩu (USD) / By gate (USD),huu-nghi,150000000,400000000,550000000,20000000');
    expect(lines[7]).toBe('Theo mặt hàng (USD) / By goods (USD),fresh_fruit,100000000,0,100000000,10000000');
    expect(lines).toHaveLength(8);
    expect(tradeCsvFilename(report)).toBe('kim-ngach_2022-01-01_2022-03-31.csv');
    expect(tradeCsvFilename({ ...report, gateId: 'tan-thanh' })).toBe('kim-ngach_2022-01-01_2022-03-31_tan-thanh.csv');
  });
  it('trade without a plan or a previous year leaves the cells empty', () => {
    const none = { ...report, plan: null, previousYear: null, previousYearSource: null };
    const lines = buildTradeCsv(none).split('\r\n');
    expect(lines[2]).toBe('Kế hoạch năm (USD) / Year plan (USD),2022,,,,');
    expect(lines[4]).toBe('Cùng kỳ năm trước (USD) / Same period last year (USD),,,,,');
  });
  it('history: one row per bucket, empty cells for no wait', () => {
    const history = HistoryResponse.parse({
      gateId: 'tan-thanh',
      bucket: 'day',
      buckets: [
        { start: '2022-02-16T00:00:00+07:00', arrived: { export: 120, import: 40 }, cleared: { export: 80, import: 41 }, queue: { export: 1900, import: 12 }, medianWaitMinutes: 4320, p90WaitMinutes: 9000.5 },
        { start: '2022-02-17T00:00:00+07:00', arrived: { export: 0, import: 0 }, cleared: { export: 0, import: 0 }, queue: { export: 1900, import: 12 }, medianWaitMinutes: null, p90WaitMinutes: null },
      ],
    });
    const lines = buildHistoryCsv(history).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Bắt đầu \/ Start,Vào bãi xuất \/ Arrived export,.*Thời gian chờ P90 \(phút\) \/ P90 wait \(min\)$/);
    expect(lines[1]).toBe('2022-02-16T00:00:00+07:00,120,40,80,41,1900,12,4320,9000.5');
    expect(lines[2]).toBe('2022-02-17T00:00:00+07:00,0,0,0,0,1900,12,,');
    expect(historyCsvFilename('tan-thanh', '2022-01-01', '2022-03-31', 'day')).toBe('lich-su_tan-thanh_2022-01-01_2022-03-31_ngay.csv');
    expect(toRows(history.buckets)[0]).toMatchObject({ queueExport: 1900, clearedImport: 41, medianWaitHours: 72 });
  });
});

describe('notice spans on the history axis', () => {
  const day = (d: number) => ({ start: `2022-02-${String(d).padStart(2, '0')}T00:00:00+07:00` });
  const buckets = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(day);
  const notice = (id: string, from: string, until?: string, gateIds = ['tan-thanh'], liftedAt?: string) =>
    Notice.parse({
      id,
      gateIds,
      direction: 'export',
      categories: ['fresh_fruit'],
      effectiveFrom: from,
      ...(until ? { effectiveUntil: until } : {}),
      reason: { vi: 'Ùn ứ' },
      issuedAt: '2022-02-01T00:00:00+07:00',
      issuedBy: 'operator',
      ...(liftedAt ? { liftedAt, liftedBy: 'operator' } : {}),
      active: false,
    });
  it('clips to the period, ends exclusive, skips other gates and notices outside', () => {
    const spans = noticeSpans(
      [
        notice('N-2', '2022-02-16T00:00:00+07:00', '2022-02-26T00:00:00+07:00'),
        notice('N-1', '2022-01-17T00:00:00+07:00', '2022-02-12T00:00:00+07:00'),
        notice('N-other', '2022-02-12T00:00:00+07:00', undefined, ['chi-ma']),
        notice('N-old', '2022-01-01T00:00:00+07:00', '2022-01-05T00:00:00+07:00'),
        notice('N-lifted', '2022-02-13T06:00:00+07:00', undefined, ['tan-thanh'], '2022-02-14T12:00:00+07:00'),
      ],
      'tan-thanh',
      buckets,
      86_400_000,
    );
    expect(spans.map((s) => [s.id, s.x1.slice(0, 10), s.x2.slice(0, 10)])).toEqual([
      ['N-1', '2022-02-10', '2022-02-11'],
      ['N-lifted', '2022-02-13', '2022-02-14'],
      ['N-2', '2022-02-16', '2022-02-20'],
    ]);
  });
});

describe('the server clock on the client', () => {
  it('runs at the replay’s speed and stands still while paused', () => {
    const at = '2022-01-19T08:00:00+07:00';
    expect(serverNowAt(at, 1_000, 1440, 2_000) - Date.parse(at)).toBe(1_440_000);
    expect(clockRate({ now: at, simulated: true, speed: 1440, paused: true })).toBe(0);
    expect(clockRate(null)).toBe(1);
  });
  it('takes the clock from the snapshot and from deltas that carry it', () => {
    const stores = createStores();
    const handlers: Record<string, (p: unknown) => void> = {};
    const port: LivePort = {
      onSnapshot: (fn) => void (handlers['snapshot'] = fn),
      onDelta: (fn) => void (handlers['delta'] = fn),
      onConnect: () => undefined,
      onDisconnect: () => undefined,
      onHeartbeat: () => undefined,
      requestResync: () => undefined,
    };
    attachFeed(port, stores, { log: () => undefined });
    const clock = { now: '2022-01-19T08:00:00+07:00', simulated: true, speed: 1440, paused: false };
    handlers['snapshot']?.({ seq: 1, asOf: clock.now, gates: [gateStatus('tan-thanh', 5)], notices: [], clock });
    expect(stores.clock.getState().status).toEqual(clock);
    handlers['delta']?.({ seq: 2, baseSeq: 1, asOf: '2022-01-19T09:00:00+07:00', clock: { ...clock, now: '2022-01-19T09:00:00+07:00', speed: 0, paused: true } });
    expect(stores.clock.getState().status).toMatchObject({ paused: true });
  });
});
