import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryBucketSize } from '../../../../shared/index.ts';
import { getForecast, getHistory, listNoticesInPeriod } from '../../api/endpoints.ts';
import { useRequest } from '../../api/useRequest.ts';
import { dayBound, daysIn, isValidPeriod, lastDays, localDateOf, quarterToDate, type DatePeriod } from '../../i18n/datetime.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useConfig, useGates, useServerNow, useStores, useView } from '../../stores/index.tsx';
import { downloadCsv, downloadFrom } from '../../ui/csv.ts';
import { PeriodPicker } from '../../ui/PeriodPicker.tsx';
import { ReportHead } from '../../ui/ReportHead.tsx';
import { noticeEndMs, noticeSpans, pastOnly, toRows, withForecast } from './chart-data.ts';
import { buildHistoryCsv, historyCsvFilename } from './csv.ts';
import { HistoryChart } from './HistoryChart.tsx';

// Lịch sử: a gate's queue and clearances over a period, with the stop-receiving notices in force
// shaded, and — when the period reaches today — the queue forecast for the next 72 h. Anyone may read it
// (GET /api/v1/gates/:id/history, /gates/:id/forecast, GET /api/v1/notices?from&to).

type Preset = 'last30' | 'last7' | 'quarter';
const BUCKET_MS: Record<HistoryBucketSize, number> = { day: 86_400_000, hour: 3_600_000 };
const FORECAST_HOURS = 72;

function useNarrow(maxWidth = 600): boolean {
  const query = `(max-width: ${maxWidth}px)`;
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const list = matchMedia(query);
    const update = () => setNarrow(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return narrow;
}

const displayDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export function HistoryPanel() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const stores = useStores();
  const timeZone = useConfig((s) => s.config.timezone);
  const order = useGates((s) => s.order);
  const gatesById = useGates((s) => s.byId);
  const chosen = useView((s) => s.historyGate);
  const gateId = chosen ?? order[0] ?? null;
  const now = useServerNow(60_000);
  const narrow = useNarrow();
  const [preset, setPreset] = useState<Preset | 'custom'>('last30');
  const [custom, setCustom] = useState<{ period: DatePeriod; bucket: HistoryBucketSize } | null>(null);
  const [invalid, setInvalid] = useState<string | null>(null);

  const { period, bucket } =
    preset === 'custom' && custom
      ? custom
      : preset === 'last7'
        ? { period: lastDays(now, timeZone, 7), bucket: 'hour' as const }
        : preset === 'quarter'
          ? { period: quarterToDate(now, timeZone), bucket: 'day' as const }
          : { period: lastDays(now, timeZone, 30), bucket: 'day' as const };

  const key = gateId ? `${gateId}|${period.from}|${period.to}|${bucket}` : null;
  const history = useRequest(key, (signal) => getHistory(gateId ?? '', { ...period, bucket }, signal));
  const noticesKey = `${period.from}|${period.to}|${timeZone}`;
  const notices = useRequest(noticesKey, (signal) =>
    listNoticesInPeriod({ from: dayBound(period.from, timeZone, false) ?? period.from, to: dayBound(period.to, timeZone, true) ?? period.to }, signal),
  );

  // The forecast, when the period reaches today; asked again each hour of the server clock.
  const reachesNow = period.from <= localDateOf(now, timeZone) && localDateOf(now, timeZone) <= period.to;
  const forecastKey = gateId && reachesNow ? `${gateId}|${Math.floor(now / BUCKET_MS.hour)}` : null;
  const forecast = useRequest(forecastKey, (signal) => getForecast(gateId ?? '', FORECAST_HOURS, signal));

  const gateName = (id: string) => {
    const g = gatesById[id];
    return g ? (i18n.language === 'en' ? g.name.en : g.name.vi) : id;
  };
  const buckets = history.data?.gateId === gateId ? history.data.buckets : [];
  const rows = toRows(buckets);
  const spans = gateId ? noticeSpans(notices.data?.notices ?? [], gateId, buckets, BUCKET_MS[bucket]) : [];
  const projection = forecastKey !== null && forecast.data?.gateId === gateId ? forecast.data : null;
  const past = pastOnly(rows, now);
  const chart = projection && rows.length > 0 ? withForecast(past, projection, bucket, timeZone) : { rows: past, nowKey: null };
  const yardCapacity = projection?.yardCapacity ?? (gateId ? gatesById[gateId]?.yardCapacity : undefined) ?? null;
  const cleared = rows.reduce((s, r) => s + r.clearedExport + r.clearedImport, 0);
  const peak = rows.reduce((m, r) => Math.max(m, r.queueExport + r.queueImport), 0);

  const data = history.data;
  if (!gateId) return <p className="report__muted">{t('app.noData')}</p>;
  return (
    <section className="report history" aria-labelledby="history-title" data-testid="history-panel">
      <ReportHead
        id="history-title"
        title={`${t('history.title')} — ${gateName(gateId)}`}
        downloadText={t('history.download')}
        onDownload={data ? () => downloadCsv(historyCsvFilename(gateId, period.from, period.to, bucket), buildHistoryCsv(data)) : undefined}
        excelText={t('history.downloadXlsx')}
        onExcel={
          data
            ? () =>
                void downloadFrom(
                  `/api/v1/gates/${gateId}/history.xlsx?from=${period.from}&to=${period.to}&bucket=${bucket}`,
                  null,
                  historyCsvFilename(gateId, period.from, period.to, bucket).replace(/\.csv$/, '.xlsx'),
                )
            : undefined
        }
        testId="history-download"
      />
      <div className="report__controls">
        <PeriodPicker<Preset>
          label={t('period.label')}
          presets={[
            { value: 'last30', text: t('period.last30') },
            { value: 'last7', text: t('period.last7') },
            { value: 'quarter', text: t('period.quarter') },
          ]}
          preset={preset}
          onPreset={(p) => {
            setInvalid(null);
            setPreset(p);
          }}
          from={period.from}
          to={period.to}
          onCustom={(from, to) => {
            const next = { from, to };
            if (!isValidPeriod(next)) return setInvalid(t('period.invalid'));
            setInvalid(null);
            // Hourly buckets when the period is short enough to read them (the server allows 2,400).
            setCustom({ period: next, bucket: daysIn(next) <= 7 ? 'hour' : 'day' });
            setPreset('custom');
          }}
          text={{ custom: t('period.custom'), from: t('period.from'), to: t('period.to'), apply: t('period.apply') }}
          error={invalid}
        />
        <label className="report__select">
          <span>{t('history.gate')}</span>
          <select value={gateId} onChange={(e) => stores.view.getState().openHistory(e.target.value)} data-testid="history-gate">
            {order.map((id) => (
              <option key={id} value={id}>
                {gateName(id)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="report__period num">
        {t('period.range', { from: displayDate(period.from), to: displayDate(period.to) })} · {bucket === 'day' ? t('period.byDay') : t('period.byHour')}
        {rows.length > 0 && <> · {t('history.summary', { cleared: f.number(cleared), peak: f.number(peak) })}</>}
      </p>

      {history.error !== null && <p className="error-text" role="alert">{t('history.failed', { message: errorText(t, history.error) })}</p>}
      {forecastKey !== null && forecast.error !== null && <p className="error-text" role="alert">{t('forecast.failed', { message: errorText(t, forecast.error) })}</p>}
      {rows.length === 0 && history.loading && <p className="report__muted">{t('common.loading')}</p>}
      {rows.length === 0 && !history.loading && history.error === null && <p className="report__muted">{t('history.empty')}</p>}
      {rows.length > 0 && (
        <div className={history.loading ? 'report__body report__body--loading' : 'report__body'} aria-busy={history.loading}>
          <HistoryChart gateId={gateId} rows={chart.rows} spans={spans} nowKey={chart.nowKey} yardCapacity={yardCapacity} bucket={bucket} timeZone={timeZone} locale={i18n.language === 'en' ? 'en-GB' : 'vi-VN'} compact={narrow} />
          <section className="notice-spans" aria-label={t('history.notices')}>
            <h3 className="trade-section-title">{t('history.notices')}</h3>
            {spans.length === 0 ? (
              <p className="report__muted">{t('history.noNotices')}</p>
            ) : (
              <ul className="notice-spans__list">
                {spans.map((s) => {
                  const end = noticeEndMs(s.notice);
                  return (
                    <li key={s.id} className="notice-spans__item" data-testid={`notice-span-${s.id}`}>
                      <span className="notice-spans__swatch" aria-hidden="true" />
                      <span className="notice-spans__id mono">{s.id}</span>
                      <span className="notice-spans__when num">
                        {t('history.noticeSpan', {
                          from: f.dateTimeShort(s.notice.effectiveFrom),
                          to: Number.isFinite(end) ? f.dateTimeShort(end) : t('history.noticeOpen'),
                        })}
                      </span>
                      <span className="notice-spans__what">
                        {s.notice.categories ? s.notice.categories.map((c) => t(`category.${c}`)).join(', ') : t('category.all')} · {t(`direction.${s.notice.direction}`)}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        </div>
      )}
    </section>
  );
}

