import type { GateStatus } from '../../shared/gates.ts';
import { patternAt } from './procedures.ts';
import { DIRECTIONS, FORCES } from '../../shared/primitives.ts';
import { zeroAwaiting } from './declaration.ts';
import { clearedBetween } from './buckets.ts';
import { activeNoticesAt, gateStatusValue } from './notices.ts';
import { totalOf, type GateState, type LiveState } from './state.ts';
import { forecastGate } from './forecast.ts';
import { HOUR_MS } from './time.ts';
import { gateWaitMinutes, laneQueues, laneWaits } from './waits.ts';

// Gate status read by anyone (CONTRACT §2–3), at the injected clock's `now`.

/**
 * The estimator of the first releases, kept as the backtest's baseline (npm run backtest): total queue ÷
 * the trucks cleared in the 6 h before the clock ÷ 6 per hour; if none, the last 24 h ÷ 24. It swings
 * with the time of day (the 6 h window is empty every night); gateWaitMinutes replaced it.
 */
export function legacyEstimatedWaitMinutes(queueLength: number, clearedLast6h: number, clearedLast24h: number): number | null {
  const perHour = clearedLast6h > 0 ? clearedLast6h / 6 : clearedLast24h / 24;
  if (perHour === 0) return queueLength === 0 ? 0 : null;
  return Math.round((queueLength / perHour) * 60);
}

const clearedWithin = (state: LiveState, gate: GateState, nowMs: number, spanMs: number): number =>
  DIRECTIONS.reduce((sum, d) => sum + clearedBetween(gate.buckets, state.localTime, nowMs - spanMs, nowMs, d), 0);

export function gateStatus(state: LiveState, gateId: string, nowMs: number): GateStatus | undefined {
  const gate = state.gates.get(gateId);
  if (!gate) return undefined;
  const lt = state.localTime;
  const active = activeNoticesAt(state, gateId, nowMs);
  const midnight = lt.dayStart(lt.dayIndex(nowMs));
  const awaiting = zeroAwaiting();
  for (const force of FORCES) awaiting[force] = totalOf(gate, (c) => c.awaiting[force]);
  const queueLength = totalOf(gate, (c) => c.queued);
  const queues = laneQueues(state, gate);
  const yardFullAt = forecastGate(state, gateId, nowMs)?.yardFullAt;
  // Already full: the hour's start, so the figure does not change with every tick of the clock.
  return {
    ...gate.info,
    name: { ...gate.info.name },
    status: gateStatusValue(active),
    activeNotices: active.map((n) => n.notice.id),
    queue: { export: gate.counters.export.queued, import: gate.counters.import.queued },
    expected: { export: gate.counters.export.expected, import: gate.counters.import.expected },
    awaiting,
    awaitingHandover: totalOf(gate, (c) => c.handover),
    readyToClear: totalOf(gate, (c) => c.ready),
    servicePattern: patternAt(state.rules, gateId, nowMs),
    clearedLastHour: clearedWithin(state, gate, nowMs, HOUR_MS),
    clearedToday: {
      // midnight − 1 ms: the window is (from, to], and a truck cleared at 00:00:00 is today's
      export: clearedBetween(gate.buckets, lt, midnight - 1, nowMs, 'export'),
      import: clearedBetween(gate.buckets, lt, midnight - 1, nowMs, 'import'),
    },
    estimatedWaitMinutes: gateWaitMinutes(gate, lt, queueLength, nowMs),
    yardCapacity: gate.info.yardCapacity,
    waits: { export: laneWaits(state, gate, 'export', queues, nowMs), import: laneWaits(state, gate, 'import', queues, nowMs) },
    yardFullAt: yardFullAt === undefined ? null : lt.formatIso(yardFullAt === nowMs ? lt.hourStart(lt.hourIndex(nowMs)) : yardFullAt),
  };
}

export const allGateStatuses = (state: LiveState, nowMs: number): GateStatus[] =>
  [...state.gates.keys()].flatMap((id) => gateStatus(state, id, nowMs) ?? []);
