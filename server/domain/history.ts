import type { HistoryBucket, HistoryQuery, HistoryResponse } from '../../shared/gates.ts';
import { DIRECTIONS, type PerDirection } from '../../shared/primitives.ts';
import { percentile, type Bucket } from './buckets.ts';
import type { LiveState } from './state.ts';
import type { LocalTime } from './time.ts';

// Dense history of one gate: every bucket in the range, zeros included, so charts need no gap logic.

/** Longest range one request may ask for: 100 days of hours, 10 years of days. */
export const MAX_BUCKETS = { hour: 2_400, day: 3_660 } as const;

export type HistoryResult =
  | { ok: true; history: HistoryResponse }
  | { ok: false; reason: 'unknown_gate' | 'bad_range'; message: string };

const isLocalDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** Bucket index range, inclusive. Local dates include the whole day; datetimes read as [from, to). */
function indexRange(lt: LocalTime, q: HistoryQuery): [number, number] {
  if (q.bucket === 'day') {
    const from = isLocalDate(q.from) ? lt.dayIndexOfDate(q.from) : lt.dayIndex(Date.parse(q.from));
    const to = isLocalDate(q.to) ? lt.dayIndexOfDate(q.to) : lt.dayIndex(Date.parse(q.to) - 1);
    return [from, to];
  }
  const from = isLocalDate(q.from) ? lt.hourIndex(lt.dayStart(lt.dayIndexOfDate(q.from))) : lt.hourIndex(Date.parse(q.from));
  const to = isLocalDate(q.to) ? lt.hourIndex(lt.dayStart(lt.dayIndexOfDate(q.to) + 1)) - 1 : lt.hourIndex(Date.parse(q.to) - 1);
  return [from, to];
}

const toHistoryBucket = (start: string, b: Bucket | undefined, queue: PerDirection): HistoryBucket => ({
  start,
  queue: { export: Math.max(0, queue.export), import: Math.max(0, queue.import) },
  arrived: { export: b?.arrived.export ?? 0, import: b?.arrived.import ?? 0 },
  cleared: { export: b?.cleared.export ?? 0, import: b?.cleared.import ?? 0 },
  medianWaitMinutes: b ? percentile(b.waits, 0.5) : null,
  p90WaitMinutes: b ? percentile(b.waits, 0.9) : null,
});

function addNet(queue: PerDirection, b: Bucket): void {
  for (const d of DIRECTIONS) queue[d] += b.queueIn[d] - b.queueOut[d];
}

export function history(state: LiveState, gateId: string, q: HistoryQuery): HistoryResult {
  const gate = state.gates.get(gateId);
  if (!gate) return { ok: false, reason: 'unknown_gate', message: `no gate ${gateId}` };
  const lt = state.localTime;
  const [first, last] = indexRange(lt, q);
  if (last < first) return { ok: false, reason: 'bad_range', message: '`to` must not be before `from`' };
  if (last - first + 1 > MAX_BUCKETS[q.bucket]) {
    return { ok: false, reason: 'bad_range', message: `at most ${MAX_BUCKETS[q.bucket]} ${q.bucket} buckets per request` };
  }
  const byIndex: Map<number, Bucket> = q.bucket === 'day' ? gate.buckets.days : gate.buckets.hours;
  // The queue at the start of the range: everything that joined minus everything that left before it.
  const queue: PerDirection = { export: 0, import: 0 };
  for (const [i, b] of byIndex) if (i < first) addNet(queue, b);
  const buckets: HistoryBucket[] = [];
  for (let i = first; i <= last; i++) {
    const b = byIndex.get(i);
    if (b) addNet(queue, b);
    buckets.push(toHistoryBucket(lt.formatIso(q.bucket === 'day' ? lt.dayStart(i) : lt.hourStart(i)), b, queue));
  }
  return { ok: true, history: { gateId, bucket: q.bucket, buckets } };
}
