import { describe, expect, it } from 'vitest';
import type { TruckEvent } from '../../shared/events.ts';
import { forecastGate } from '../../server/domain/forecast.ts';
import { noticeRecord } from '../../server/domain/notices.ts';
import { etaOf, laneQueues, laneWaits } from '../../server/domain/waits.ts';
import { DEFAULT_RECOMMEND_POLICY, recommendNotices } from '../../server/domain/recommend.ts';
import { putNotice } from '../../server/domain/notices.ts';
import type { LiveState } from '../../server/domain/index.ts';
import { replay } from '../helpers/domain-run.ts';
import { at, declared, lifecycle } from '../helpers/truck-events.ts';

// Waits and the queue forecast on hand-made yards whose answers can be worked out by hand.

const H = 3_600_000;
const NOW = at('2022-02-10 08:00');
const goods = { category: 'consumer_goods' as const };

/** A truck that declared at `declaredAt`, arrived at `arrivedAt` and (optionally) cleared at `clearedAt`. */
function truck(id: string, declaredAt: number, arrivedAt?: number, clearedAt?: number): TruckEvent[] {
  return [
    declared(id, declaredAt, goods),
    ...(arrivedAt === undefined ? [] : [lifecycle('arrived', id, arrivedAt)]),
    ...(clearedAt === undefined ? [] : [lifecycle('cleared', id, clearedAt)]),
  ];
}

/** A week of one truck an hour: cleared at hh:45, and `queued` trucks that have waited for 8½ days. */
function drainingYard(queued: number): LiveState {
  const events: TruckEvent[] = [];
  for (let j = 1; j <= 192; j++) events.push(...truck(`past-${j}`, NOW - 35 * 24 * H, NOW - j * H + H / 4, NOW - j * H + (3 * H) / 4));
  for (let i = 0; i < queued; i++) events.push(...truck(`q-${i}`, NOW - 9 * 24 * H, NOW - 8.5 * 24 * H + i * 1000));
  return replay(events);
}

/** Steady flow: one truck declared an hour, each arriving 10 h later and cleared 30 min after; `queued` old trucks wait. */
function steadyYard(queued: number, surge = 0): LiveState {
  const events: TruckEvent[] = [];
  for (let j = 1; j <= 192; j++) {
    const d = NOW - j * H + H / 4;
    const a = d + 10 * H;
    events.push(...truck(`s-${j}`, d, a <= NOW ? a : undefined, a + H / 2 <= NOW ? a + H / 2 : undefined));
  }
  for (let i = 0; i < queued; i++) events.push(...truck(`q-${i}`, NOW - 9 * 24 * H, NOW - 8.5 * 24 * H + i * 1000));
  for (let i = 0; i < surge; i++) events.push(...truck(`surge-${i}`, NOW - 4.5 * H));
  return replay(events);
}

describe('lane waits', () => {
  it('a queue cleared at a constant rate: a new truck waits queue + 1 trucks at that rate, and the ETA of the n-th is n hours', () => {
    const state = drainingYard(100);
    const gate = state.gates.get('huu-nghi');
    if (!gate) throw new Error('no gate');
    const queues = laneQueues(state, gate);
    const [fresh, other] = laneWaits(state, gate, 'export', queues, NOW);
    expect(other).toMatchObject({ lane: 'other', queue: 100, clearedPerDay: 24, estimatedWaitMinutes: 101 * 60, estimatedWaitRange: { low: 101 * 60, high: 101 * 60 } });
    expect(other?.measured).toEqual({ count: 24, medianMinutes: 30, p90Minutes: 30 });
    expect(fresh).toMatchObject({ lane: 'fresh', queue: 0, clearedPerDay: null, estimatedWaitMinutes: 0 });
    const tenth = queues.export.other[9] ?? '';
    const eta = etaOf(state, tenth, state.declarations.get(tenth)!, queues, NOW);
    expect(eta).toEqual({ at: NOW + 10 * H, earliest: NOW + 10 * H, latest: NOW + 10 * H, ahead: 9 });
  });

  it('does not swing with the time of day: at 21:30 and at 06:30 the next morning (nothing cleared between) it names the same clearance time', () => {
    const events: TruckEvent[] = [];
    // Cleared only 07:00–21:00, one an hour at hh:30, 14 a day, for two weeks before 10 Feb; 140 trucks waiting.
    const midnight = at('2022-02-10 00:00');
    for (let d = 1; d <= 14; d++) for (let h = 7; h < 21; h++) events.push(...truck(`c-${d}-${h}`, NOW - 40 * 24 * H, NOW - 30 * 24 * H, midnight - d * 24 * H + h * H + H / 2));
    for (let i = 0; i < 140; i++) events.push(...truck(`q-${i}`, NOW - 40 * 24 * H, NOW - 30 * 24 * H + i * 1000));
    const state = replay(events);
    const gate = state.gates.get('huu-nghi')!;
    const evening = at('2022-02-09 21:30');
    const morning = at('2022-02-10 06:30');
    const atEvening = laneWaits(state, gate, 'export', laneQueues(state, gate), evening)[1];
    const atMorning = laneWaits(state, gate, 'export', laneQueues(state, gate), morning)[1];
    expect(atEvening?.clearedPerDay).toBe(14);
    expect(atMorning?.clearedPerDay).toBe(14);
    // 141 trucks at 14 a day on 07–21 hours: 10 whole days, then the 07:00–08:00 hour of 20 Feb.
    const clears = at('2022-02-20 08:00');
    expect(evening + (atEvening?.estimatedWaitMinutes ?? 0) * 60_000).toBe(clears);
    expect(morning + (atMorning?.estimatedWaitMinutes ?? 0) * 60_000).toBe(clears);
  });
});

describe('queue forecast', () => {
  it('a constant-rate queue with nothing coming drains linearly to empty', () => {
    const f = forecastGate(drainingYard(30), 'huu-nghi', NOW, { horizonHours: 72 });
    expect(f?.directions.export.queue.slice(0, 40)).toEqual(Array.from({ length: 40 }, (_, k) => Math.max(0, 30 - k)));
    expect(f?.times[1]).toBe(NOW + H);
    expect(f?.yardFullAt).toBeUndefined();
  });

  it('a known inflow fills the yard at the hour it arrives: 900 waiting + 150 declared 4½ h ago, arriving 10 h after declaring', () => {
    const f = forecastGate(steadyYard(900, 150), 'huu-nghi', NOW, { horizonHours: 72 });
    const q = f?.directions.export.queue ?? [];
    for (let k = 0; k <= 5; k++) expect(q[k], `hour ${k}`).toBeCloseTo(900, 6);
    expect(q[6]).toBeCloseTo(1050, 6);
    expect(f?.yardFullAt).toBe(NOW + 6 * H);
    expect(f?.low[6]).toBeLessThanOrEqual(q[6] ?? 0);
    expect(f?.high[6]).toBeGreaterThanOrEqual(q[6] ?? 0);
  });

  it('a notice from 2 h ahead stops the trucks not yet declared: 10 h later the queue falls by the clearance rate', () => {
    const state = steadyYard(500);
    const open = forecastGate(state, 'huu-nghi', NOW, { horizonHours: 30 })?.directions.export.queue ?? [];
    const notice = noticeRecord({
      id: 'TB-1', gateIds: ['huu-nghi'], direction: 'export', categories: ['consumer_goods'], effectiveFrom: new Date(NOW + 2 * H).toISOString(),
      reason: { vi: 'thử' }, issuedAt: new Date(NOW).toISOString(), issuedBy: 'op',
    });
    const stopped = forecastGate(state, 'huu-nghi', NOW, { horizonHours: 30, notices: [notice] })?.directions.export.queue ?? [];
    for (let k = 1; k <= 30; k++) expect(open[k], `open ${k}`).toBeCloseTo(500, 6);
    for (let k = 1; k <= 12; k++) expect(stopped[k], `stopped ${k}`).toBeCloseTo(500, 6);
    for (let k = 13; k <= 30; k++) expect(stopped[k], `stopped ${k}`).toBeCloseTo(500 - (k - 12), 6);
  });
});

describe('recommended notices', () => {
  const policy = { ...DEFAULT_RECOMMEND_POLICY, fillShare: 0.95 };

  it('fires when the forecast passes the line within the horizon: the gate, direction and category that fill it, from the next midnight after the lead', () => {
    const [rec, ...rest] = recommendNotices(steadyYard(900, 150), NOW, policy);
    expect(rest).toEqual([]);
    expect(rec).toMatchObject({ gateIds: ['huu-nghi'], direction: 'export', categories: ['consumer_goods'], fullAt: NOW + 6 * H, effectiveFrom: at('2022-02-11 00:00') });
    // Until the first local midnight after the queue, with the notice, is back under 950: 1,050 at 14:00, +0.89/h
    // from hour 11 while trucks declared before the notice (from hour 16) arrive 10 h later (to hour 26): 1,064.3;
    // then −1 an hour: under 950 at hour 141 = 16 Feb 05:00 → 17 Feb 00:00.
    expect(rec?.effectiveUntil).toBe(at('2022-02-17 00:00'));
    expect(rec?.peakShare).toBeGreaterThan(1.05);
  });

  it('does not fire for a yard that stays under the line, nor when a notice already stops what fills it', () => {
    expect(recommendNotices(steadyYard(500), NOW, policy)).toEqual([]);
    const covered = steadyYard(900, 150);
    putNotice(covered, {
      id: 'TB-2022-0001', gateIds: ['huu-nghi'], direction: 'export', categories: ['consumer_goods'], effectiveFrom: '2022-02-10T10:00:00+07:00',
      reason: { vi: 'đã có' }, issuedAt: '2022-02-10T07:00:00+07:00', issuedBy: 'op',
    });
    expect(recommendNotices(covered, NOW, policy)).toEqual([]);
  });

  it('does not fire beyond its horizon: the same surge 6 h ahead is missed with a 4 h horizon', () => {
    expect(recommendNotices(steadyYard(900, 150), NOW, { ...policy, horizonHours: 4 })).toEqual([]);
  });
});
