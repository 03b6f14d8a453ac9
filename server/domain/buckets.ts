import type { Direction, PerDirection } from '../../shared/primitives.ts';
import type { GateFlows } from './flows.ts';
import type { LocalTime } from './time.ts';

// Hourly and daily figures of one gate (thống kê theo giờ / ngày). Each event touches one hour
// and one day bucket (O(1)); percentiles are computed only when someone reads them.

export interface Bucket {
  arrived: PerDirection;
  cleared: PerDirection;
  /** Wait (cleared − arrived, minutes) of each truck cleared in this bucket. */
  waits: number[];
  /** Trucks that joined / left the yard queue in this bucket: the queue at a bucket's end is the running sum. */
  queueIn: PerDirection;
  queueOut: PerDirection;
}

export interface HourBucket extends Bucket {
  /** Clearance instants, so rolling windows ("the hour before the clock") are exact at their edges. */
  clearedTimes: Record<Direction, number[]>;
}

export interface GateBuckets {
  hours: Map<number, HourBucket>;
  days: Map<number, Bucket>;
  /** By direction × cargo category, per hour: what waits, ETAs and the forecast read. */
  flows: GateFlows;
}

/**
 * `samples` with `value` appended, as a new array of exactly that length. A pushed-to array keeps room
 * for 16 more (≈ 130 bytes each), and the state holds ≈ 400,000 small sample lists at a million events:
 * copying a short list is cheaper than that room (measured: a 3-sample list 192 → 80 bytes).
 */
export const appended = (samples: readonly number[], value: number): number[] => samples.concat(value);

const zero = (): PerDirection => ({ export: 0, import: 0 });
const emptyBucket = (): Bucket => ({ arrived: zero(), cleared: zero(), waits: [], queueIn: zero(), queueOut: zero() });

export const createGateBuckets = (): GateBuckets => ({ hours: new Map(), days: new Map(), flows: new Map() });

function hourAt(b: GateBuckets, lt: LocalTime, at: number): HourBucket {
  const key = lt.hourIndex(at);
  let bucket = b.hours.get(key);
  if (!bucket) {
    bucket = { ...emptyBucket(), clearedTimes: { export: [], import: [] } };
    b.hours.set(key, bucket);
  }
  return bucket;
}

function dayAt(b: GateBuckets, lt: LocalTime, at: number): Bucket {
  const key = lt.dayIndex(at);
  let bucket = b.days.get(key);
  if (!bucket) {
    bucket = emptyBucket();
    b.days.set(key, bucket);
  }
  return bucket;
}

export function recordArrived(b: GateBuckets, lt: LocalTime, direction: Direction, at: number): void {
  hourAt(b, lt, at).arrived[direction] += 1;
  dayAt(b, lt, at).arrived[direction] += 1;
}

export function recordCleared(b: GateBuckets, lt: LocalTime, direction: Direction, at: number): void {
  const hour = hourAt(b, lt, at);
  hour.cleared[direction] += 1;
  hour.clearedTimes[direction] = appended(hour.clearedTimes[direction], at);
  dayAt(b, lt, at).cleared[direction] += 1;
}

/** The wait belongs to the bucket of the clearance, whichever of arrived/cleared came in last. */
export function recordWait(b: GateBuckets, lt: LocalTime, arrivedAt: number, clearedAt: number): void {
  const minutes = (clearedAt - arrivedAt) / 60_000;
  if (minutes < 0) return; // cleared before it arrived: bad gate clock, not a wait
  const hour = hourAt(b, lt, clearedAt);
  hour.waits = appended(hour.waits, minutes);
  const day = dayAt(b, lt, clearedAt);
  day.waits = appended(day.waits, minutes);
}

/** The time a truck spent queued: [arrived, cleared or cancelled); none if it left before it arrived. */
export type QueueSpan = readonly [number, number | undefined] | undefined;

/** Add (sign 1) or remove (sign −1) a truck's queue span from the in/out counts of its buckets. */
export function recordQueueSpan(b: GateBuckets, lt: LocalTime, direction: Direction, span: QueueSpan, sign: 1 | -1): void {
  if (!span) return;
  const [inAt, outAt] = span;
  hourAt(b, lt, inAt).queueIn[direction] += sign;
  dayAt(b, lt, inAt).queueIn[direction] += sign;
  if (outAt === undefined) return;
  hourAt(b, lt, outAt).queueOut[direction] += sign;
  dayAt(b, lt, outAt).queueOut[direction] += sign;
}

/** Trucks cleared in (fromMs, toMs]: whole hours by their count, the two edge hours by their instants. */
export function clearedBetween(b: GateBuckets, lt: LocalTime, fromMs: number, toMs: number, direction: Direction): number {
  if (toMs <= fromMs) return 0;
  const first = lt.hourIndex(fromMs);
  const last = lt.hourIndex(toMs);
  let total = 0;
  for (let h = first; h <= last; h++) {
    const bucket = b.hours.get(h);
    if (!bucket) continue;
    if (h === first || h === last) {
      for (const t of bucket.clearedTimes[direction]) if (t > fromMs && t <= toMs) total += 1;
    } else total += bucket.cleared[direction];
  }
  return total;
}

/** Nearest-rank percentile (q in 0..1); null for no samples. Median of an even count averages the middle two. */
export function percentile(samples: readonly number[], q: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  if (q === 0.5 && sorted.length % 2 === 0) {
    const mid = sorted.length / 2;
    return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  }
  const rank = Math.max(0, Math.ceil(q * sorted.length) - 1);
  return sorted[rank] ?? null;
}
