import type { HistoryBucket, Notice } from '../../../../shared/index.ts';

// Buckets → chart rows; notices → shaded spans on the same category axis (bucket start keys). Pure.

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
