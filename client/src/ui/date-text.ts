// Dates as people in Vietnam write them — day first: 12/01/2022, 12/01/2022 20:00 — both ways between that
// text and the ISO-like values the forms keep ('2022-01-12', '2022-01-12T20:00'). Pure.
// Typing is forgiving: 1- or 2-digit day and month, '/', '.' or '-' between them, and the ISO forms too
// (pasted, or typed by someone used to them). A day that does not exist (31/02) is never turned into another.

export type Parsed = { ok: true; value: string } | { ok: false; reason: 'empty' | 'invalid' };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Whether year-month-day is a day of the Gregorian calendar (years 1900–2999). */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const DAY_FIRST = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME = /^(\d{1,2})[:hg.](\d{2})$/i;

function dayOf(text: string): string | null {
  const dm = DAY_FIRST.exec(text);
  const iso = dm ? null : ISO_DAY.exec(text);
  const [year, month, day] = dm ? [Number(dm[3]), Number(dm[2]), Number(dm[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [NaN, NaN, NaN];
  return isRealDay(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : null;
}

/** '12/1/2022' or '2022-01-12' → '2022-01-12'. */
export function parseDay(text: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'empty' };
  const day = dayOf(t);
  return day ? { ok: true, value: day } : { ok: false, reason: 'invalid' };
}

/** '12/1/2022 20:00' or '2022-01-12T20:00' → '2022-01-12T20:00' (24-hour; the time is required). */
export function parseDayTime(text: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: false, reason: 'empty' };
  const m = /^(\S+?)(?:[T\s,]+)(\S+)$/.exec(t);
  const day = m?.[1] === undefined ? null : dayOf(m[1]);
  const time = m?.[2] === undefined ? null : TIME.exec(m[2]);
  if (!day || !time) return { ok: false, reason: 'invalid' };
  const [h, min] = [Number(time[1]), Number(time[2])];
  if (h > 23 || min > 59) return { ok: false, reason: 'invalid' };
  return { ok: true, value: `${day}T${pad(h)}:${pad(min)}` };
}

/** '2022-01-12' → '12/01/2022'; anything else → ''. */
export function formatDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** '2022-01-12T20:00' → '12/01/2022 20:00'; anything else → ''. */
export function formatDayTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return m?.[1] && m[2] ? `${formatDay(m[1])} ${m[2]}` : '';
}
