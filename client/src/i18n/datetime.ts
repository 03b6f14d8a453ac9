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
