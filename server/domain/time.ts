// Local time of the deployment (giờ địa phương): buckets, calendar dates and ISO strings with offset.
// Ingest buckets every event by local hour and day, so the zone offset is looked up through Intl only
// once per UTC hour and cached: offsets change at most on the hour in every real zone we care about.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface LocalTime {
  readonly timeZone: string;
  /** Zone offset (ms, local − UTC) at an instant. */
  offsetMs(utcMs: number): number;
  /** Index of the local hour holding an instant (local wall time ÷ 1 h). */
  hourIndex(utcMs: number): number;
  /** Index of the local day holding an instant (local wall time ÷ 24 h). */
  dayIndex(utcMs: number): number;
  /** The instant a local hour/day starts. */
  hourStart(hourIndex: number): number;
  dayStart(dayIndex: number): number;
  /** `YYYY-MM-DD` of a local day index, and back. */
  dateOf(dayIndex: number): string;
  dayIndexOfDate(date: string): number;
  /** `2022-01-19T08:15:00+07:00` */
  formatIso(utcMs: number): string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function parseOffset(name: string): number {
  // "GMT+07:00", "GMT-03:30" or plain "GMT" for UTC.
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * HOUR_MS + Number(m[3] ?? 0) * MINUTE_MS);
}

/** Throws RangeError for an unknown zone name — callers validate config with it. */
export function createLocalTime(timeZone = 'Asia/Ho_Chi_Minh'): LocalTime {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  const offsetByUtcHour = new Map<number, number>();

  const offsetMs = (utcMs: number): number => {
    const key = Math.floor(utcMs / HOUR_MS);
    let offset = offsetByUtcHour.get(key);
    if (offset === undefined) {
      const part = format.formatToParts(new Date(key * HOUR_MS)).find((p) => p.type === 'timeZoneName');
      offset = parseOffset(part?.value ?? 'GMT');
      offsetByUtcHour.set(key, offset);
    }
    return offset;
  };
  // Local wall time → instant; a second lookup settles the offset near a transition.
  const wallToUtc = (wallMs: number): number => wallMs - offsetMs(wallMs - offsetMs(wallMs));

  return {
    timeZone,
    offsetMs,
    hourIndex: (utcMs) => Math.floor((utcMs + offsetMs(utcMs)) / HOUR_MS),
    dayIndex: (utcMs) => Math.floor((utcMs + offsetMs(utcMs)) / DAY_MS),
    hourStart: (hourIndex) => wallToUtc(hourIndex * HOUR_MS),
    dayStart: (dayIndex) => wallToUtc(dayIndex * DAY_MS),
    dateOf: (dayIndex) => new Date(dayIndex * DAY_MS).toISOString().slice(0, 10),
    dayIndexOfDate: (date) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS),
    formatIso(utcMs) {
      const offset = offsetMs(utcMs);
      const wall = new Date(utcMs + offset);
      const abs = Math.abs(offset) / MINUTE_MS;
      const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
      return `${wall.toISOString().slice(0, 19)}${zone}`;
    },
  };
}
