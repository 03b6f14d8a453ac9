// Between ISO instants with offset (the wire) and <input type="datetime-local"> values in the
// deployment's timezone (what people type). Pure, so the notice form can be tested without a browser.

/** Offset of `timeZone` at `instant`, as `+07:00`. */
export function offsetOf(timeZone: string, instant: number): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(part ?? '');
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}

/** `2022-01-19T01:15:00Z` in Asia/Ho_Chi_Minh → `2022-01-19T08:15`. */
export function toLocalInput(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
}

/** `2022-01-19T08:15` (local in `timeZone`) → `2022-01-19T08:15:00+07:00`; null when not a valid value. */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!match) return null;
  const local = `${match[1]}T${match[2]}${match[3] ?? ':00'}`;
  const guess = Date.parse(`${local}Z`);
  if (Number.isNaN(guess)) return null;
  // The offset at the instant itself (two passes settle daylight-saving edges in zones that have them).
  let offset = offsetOf(timeZone, guess);
  offset = offsetOf(timeZone, Date.parse(`${local}${offset}`));
  return `${local}${offset}`;
}

/** A local calendar day `2022-01-19` → its first or last instant with offset, for range filters. */
export function dayBound(date: string, timeZone: string, end: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const value = fromLocalInput(`${date}T${end ? '23:59:59' : '00:00:00'}`, timeZone);
  return value;
}

// Calendar periods (YYYY-MM-DD, local to the deployment) counted from the server clock.

export interface DatePeriod {
  from: string;
  to: string;
}

/** The local calendar date of `instant` in `timeZone`: 2022-03-31T20:00:00Z in Asia/Ho_Chi_Minh → 2022-04-01. */
export function localDateOf(instant: string | number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']}`;
}

/** `2022-03-01` + `-1` days → `2022-02-28` (pure calendar arithmetic, no timezone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** From the 1st day of the clock's quarter to the clock's date (quý đến nay). */
export function quarterToDate(now: string | number, timeZone: string): DatePeriod {
  const to = localDateOf(now, timeZone);
  const month = Number(to.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return { from: `${to.slice(0, 4)}-${String(first).padStart(2, '0')}-01`, to };
}

/** From 1 January of the clock's year to the clock's date (năm đến nay). */
export function yearToDate(now: string | number, timeZone: string): DatePeriod {
  const to = localDateOf(now, timeZone);
  return { from: `${to.slice(0, 4)}-01-01`, to };
}

/** The last `days` calendar days up to and including the clock's date. */
export function lastDays(now: string | number, timeZone: string, days: number): DatePeriod {
  const to = localDateOf(now, timeZone);
  return { from: addDays(to, -(days - 1)), to };
}

/** A period people typed: both dates valid and in order. */
export const isValidPeriod = (p: DatePeriod): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(p.from) && /^\d{4}-\d{2}-\d{2}$/.test(p.to) && !Number.isNaN(Date.parse(p.from)) && !Number.isNaN(Date.parse(p.to)) && p.from <= p.to;

/** Whole days in a period, both ends included. */
export const daysIn = (p: DatePeriod): number => Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1;

/** "06/12" (day/month) in `timeZone`, whatever order or separator the locale's own short form uses (vi-VN: "06-12"). */
export function dayMonthFormatter(timeZone: string): (at: string | number | Date) => string {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit' });
  return (at) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
    return `${parts['day']}/${parts['month']}`;
  };
}
