import type { ForecastPoint, ForecastResponse, HistoryBucket, HistoryBucketSize, Notice } from '../../../../shared/index.ts';
import { dayBound, fromLocalInput, localDateOf, toLocalInput } from '../../i18n/datetime.ts';

// Buckets → chart rows; notices → shaded spans on the same category axis (bucket start keys); the forecast →
// rows continuing the queue past now. Pure.

export interface HistoryRow {
  /** The bucket's start (ISO with offset): the x-axis category. */
  key: string;
  queueExport: number;
  queueImport: number;
  clearedExport: number;
  clearedImport: number;
  /** Median wait in hours (null when nothing was cleared in the bucket). */
  medianWaitHours: number | null;
}

export const toRows = (buckets: readonly HistoryBucket[]): HistoryRow[] =>
  buckets.map((b) => ({
    key: b.start,
    queueExport: b.queue.export,
    queueImport: b.queue.import,
    clearedExport: b.cleared.export,
    clearedImport: b.cleared.import,
    medianWaitHours: b.medianWaitMinutes === null ? null : Math.round((b.medianWaitMinutes / 60) * 10) / 10,
  }));

export interface NoticeSpan {
  id: string;
  /** First and last bucket keys the notice was in force in. */
  x1: string;
  x2: string;
  notice: Notice;
}

/** When a notice stopped being in force: lifted, else its end, else never (Infinity). */
export const noticeEndMs = (n: Notice): number => {
  const ends = [n.liftedAt, n.effectiveUntil].filter((x): x is string => x !== undefined).map(Date.parse);
  return ends.length ? Math.min(...ends) : Infinity;
};

/**
 * The spans of the notices covering `gateId` that overlap the buckets (each bucket `bucketMs` long),
 * clipped to them. A bucket counts when the notice was in force at any moment of it.
 */
export function noticeSpans(notices: readonly Notice[], gateId: string, buckets: readonly { start: string }[], bucketMs: number): NoticeSpan[] {
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last) return [];
  const starts = buckets.map((b) => Date.parse(b.start));
  const periodEnd = Date.parse(last.start) + bucketMs;
  const keyAt = (ms: number): string => {
    let index = 0;
    for (let i = 0; i < starts.length; i++) if ((starts[i] ?? Infinity) <= ms) index = i;
    return buckets[index]?.start ?? first.start;
  };
  const spans: NoticeSpan[] = [];
  for (const notice of notices) {
    if (!notice.gateIds.includes(gateId)) continue;
    const from = Math.max(Date.parse(notice.effectiveFrom), Date.parse(first.start));
    const until = Math.min(noticeEndMs(notice), periodEnd);
    if (!(from < until)) continue;
    spans.push({ id: notice.id, x1: keyAt(from), x2: keyAt(until - 1), notice });
  }
  return spans.sort((a, b) => Date.parse(a.notice.effectiveFrom) - Date.parse(b.notice.effectiveFrom));
}

/** A row of the charts: a bucket of history, of the forecast, or (the bucket of now) both. */
export type ChartRow = Partial<Omit<HistoryRow, 'key'>> & {
  key: string;
  /** Trucks waiting at the bucket's end by the forecast (both directions), and its band. */
  forecast?: number;
  forecastBand?: [number, number];
};

/**
 * History stops at now: the server's buckets cover the whole period asked for, and those that start after now
 * carry the current queue forward. Their history fields are dropped (the key stays, so the axis keeps the
 * period and the forecast can fill them); the bucket of now keeps its figures so far.
 */
export const pastOnly = (rows: readonly HistoryRow[], nowMs: number): ChartRow[] => rows.map((r) => (Date.parse(r.key) > nowMs ? { key: r.key } : { ...r }));

/**
 * The forecast continuing the history: the bucket of now takes the forecast's "now" (so the dashed line starts
 * on the queue line), each later bucket the forecast at its end (for days, local midnight); buckets past the
 * history are appended. Returns the rows and the key of now's bucket (where the chart marks "now").
 */
export function withForecast(
  rows: readonly ChartRow[],
  forecast: Pick<ForecastResponse, 'total'>,
  bucket: HistoryBucketSize,
  timeZone: string,
): { rows: ChartRow[]; nowKey: string | null } {
  const startIso = (ms: number): string | null =>
    bucket === 'hour' ? fromLocalInput(`${toLocalInput(new Date(ms).toISOString(), timeZone).slice(0, 13)}:00`, timeZone) : dayBound(localDateOf(ms, timeZone), timeZone, false);
  const startOf = (ms: number): number => Date.parse(startIso(ms) ?? '');
  const [now, ...ahead] = forecast.total;
  if (!now) return { rows: [...rows], nowKey: null };
  const nowStart = startOf(Date.parse(now.at));
  const points = new Map<number, ForecastPoint>([[nowStart, now]]);
  for (const p of ahead) {
    const at = Date.parse(p.at);
    if (startOf(at) !== at) continue; // not a bucket's end (a day's hours before midnight)
    const start = startOf(at - 1);
    if (start !== nowStart) points.set(start, p);
  }
  const out: ChartRow[] = rows.map((r) => ({ ...r }));
  const byStart = new Map(out.map((r) => [Date.parse(r.key), r]));
  let nowKey: string | null = null;
  for (const [start, p] of [...points].sort((a, b) => a[0] - b[0])) {
    let row = byStart.get(start);
    if (!row) {
      const key = startIso(start);
      if (key === null || (out.length > 0 && start < Date.parse(out[out.length - 1]?.key ?? ''))) continue;
      row = { key };
      out.push(row);
      byStart.set(start, row);
    }
    row.forecast = p.queue;
    row.forecastBand = [p.low, p.high];
    if (start === nowStart) nowKey = row.key;
  }
  return { rows: out, nowKey };
}
