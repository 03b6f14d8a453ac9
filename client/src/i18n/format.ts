import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from './index.ts';
import { useConfig } from '../stores/index.tsx';
import { dayMonthFormatter } from './datetime.ts';

// Numbers and times through Intl (vi-VN: 1.234 and 08:15; en-GB: 1,234), always in the deployment's timezone.

export const LOCALES: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

export interface Formatters {
  number: (n: number) => string;
  percent: (share: number) => string;
  time: (at: string | number) => string;
  timeSeconds: (at: string | number) => string;
  /** "19/01/2022". */
  date: (at: string | number) => string;
  dateTime: (at: string | number) => string;
  /** Minutes precision: "08:15 19/01/2022". */
  dateTimeShort: (at: string | number) => string;
  usd: (n: number) => string;
  duration: (minutes: number | null) => string | null;
  /** "14:00 12/02": time, then day/month (the year is the current one in every place this is read). */
  timeDayMonth: (at: string | number) => string;
  /** An estimate, rounded as people say it: "~3 ngày (2–4)", "~25 giờ (20–32)", "~40 phút"; the range in the headline's unit; under a minute "không phải chờ". */
  approxWait: (minutes: number | null, range?: { low: number; high: number } | null) => string | null;
  /** Two figures in the first one's unit: "22 / 30 giờ" (median / p90). */
  waitPair: (a: number | null, b: number | null) => string | null;
}

type WaitUnit = 'minute' | 'hour' | 'day';
const unitOf = (minutes: number): WaitUnit => (minutes < 60 ? 'minute' : minutes < 48 * 60 ? 'hour' : 'day');
/** Minutes → the unit, rounded: whole minutes; hours and days to a half below 10, whole above. */
const inUnit = (minutes: number, unit: WaitUnit): number => {
  const v = unit === 'minute' ? minutes : unit === 'hour' ? minutes / 60 : minutes / 1440;
  if (unit === 'minute') return Math.round(v);
  return v < 10 ? Math.round(v * 2) / 2 : Math.round(v);
};

/** The formatters of one language, whatever the console shows now (a notice's reason is written in both). */
export function formattersFor(language: Language, timeZone: string, t: TFunction): Formatters {
  const locale = LOCALES[language];
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const dateTimeShort = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const timeSeconds = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const date = new Intl.DateTimeFormat(locale, { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' });
  const dayMonth = dayMonthFormatter(timeZone);
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const toDate = (at: string | number) => new Date(at);
  const unitText = (unit: WaitUnit, value: number) => t(`wait.unit.${unit}`, { count: value });
  return {
    number: (n) => integer.format(n),
    percent: (share) => percent.format(share),
    time: (at) => time.format(toDate(at)),
    timeSeconds: (at) => timeSeconds.format(toDate(at)),
    date: (at) => date.format(toDate(at)),
    dateTime: (at) => dateTime.format(toDate(at)),
    dateTimeShort: (at) => dateTimeShort.format(toDate(at)),
    usd: (n) => integer.format(n),
    duration: (minutes) => {
      if (minutes === null) return null;
      const total = Math.round(minutes);
      const h = Math.floor(total / 60);
      const m = total % 60;
      // Past two days, minutes are noise: say days and hours (a fruit backlog waits weeks).
      if (h >= 48) return t('duration.dh', { d: integer.format(Math.floor(h / 24)), h: h % 24 });
      return h > 0 ? t('duration.hm', { h: integer.format(h), m }) : t('duration.m', { m });
    },
    timeDayMonth: (at) => `${time.format(toDate(at))} ${dayMonth(at)}`,
    approxWait: (minutes, range) => {
      if (minutes === null) return null;
      // Nothing ahead in the lane: "~0 phút" would read as a figure, not as the good news it is.
      if (minutes < 1) return t('wait.none');
      const unit = unitOf(minutes);
      const value = inUnit(minutes, unit);
      const base = { value: decimal.format(value), unit: unitText(unit, value) };
      if (!range) return t('wait.approx', base);
      const low = inUnit(range.low, unit);
      const high = inUnit(range.high, unit);
      if (low === high) return t('wait.approx', base);
      return t('wait.approxRange', { ...base, low: decimal.format(low), high: decimal.format(high) });
    },
    waitPair: (a, b) => {
      if (a === null) return null;
      const unit = unitOf(a);
      const first = inUnit(a, unit);
      const second = b === null ? null : inUnit(b, unit);
      return t('wait.pair', { a: decimal.format(first), b: second === null ? '—' : decimal.format(second), unit: unitText(unit, second ?? first) });
    },
  };
}

export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  const timeZone = useConfig((s) => s.config.timezone);
  const language: Language = i18n.language === 'en' ? 'en' : 'vi';
  return useMemo(() => formattersFor(language, timeZone, t), [language, timeZone, t]);
}
