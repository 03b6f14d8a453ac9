// Local calendar arithmetic for the scenario. Lạng Sơn keeps UTC+07:00 all year (no DST), so a
// local date and hour map to an instant by a fixed offset.

export const OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Local midnight of a `YYYY-MM-DD` date, as epoch ms. */
export const localMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`) - OFFSET_MS;

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** ISO-8601 with the local offset, to the second: `2022-01-19T08:15:00+07:00`. */
export function localIso(ms: number): string {
  const t = new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MS).toISOString();
  return `${t.slice(0, 19)}+07:00`;
}

export const localDateOf = (ms: number): string => new Date(ms + OFFSET_MS).toISOString().slice(0, 10);

/** Linear interpolation between [date, value] keypoints; flat outside them. */
export function interpolate(points: readonly (readonly [string, number])[], date: string): number {
  const t = localMidnight(date);
  const first = points[0];
  if (!first) return 0;
  if (t <= localMidnight(first[0])) return first[1];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (!a || !b) continue;
    const ta = localMidnight(a[0]);
    const tb = localMidnight(b[0]);
    if (t <= tb) return a[1] + ((b[1] - a[1]) * (t - ta)) / (tb - ta);
  }
  return points[points.length - 1]?.[1] ?? 0;
}

/** The value of the last step on or before `date` (the first step's before it). */
export function stepAt(steps: readonly (readonly [string, number])[], date: string): number {
  let value = steps[0]?.[1] ?? 0;
  for (const [d, v] of steps) if (d <= date) value = v;
  return value;
}
