import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfig } from '../stores/index.tsx';

// Numbers and times through Intl (vi-VN: 1.234 and 08:15; en-GB: 1,234), always in the deployment's timezone.

const LOCALES = { vi: 'vi-VN', en: 'en-GB' } as const;

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
}

export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  const timeZone = useConfig((s) => s.config.timezone);
  const locale = i18n.language === 'en' ? LOCALES.en : LOCALES.vi;
  return useMemo(() => {
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
    const toDate = (at: string | number) => new Date(at);
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
    };
  }, [locale, timeZone, t]);
}
