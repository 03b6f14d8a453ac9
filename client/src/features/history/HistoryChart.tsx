import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryBucketSize } from '../../../../shared/index.ts';
import { dayMonthFormatter } from '../../i18n/datetime.ts';
import type { ChartRow, NoticeSpan } from './chart-data.ts';

// Two charts on one time axis: the yard queue at each bucket's end (stacked export/import) and the
// trucks cleared per bucket (stacked bars) with the median wait; stop-receiving notices shaded on both. When
// the period reaches now, the queue goes on as the forecast (dashed, its band shaded) up to 72 h ahead, with
// the yard's capacity as a line to read it against.

const COLOURS = { export: '#1f5f9e', import: '#8fb8de', wait: '#4a3f35', notice: '#c53030', forecast: '#7b3fa0', capacity: '#b42b2b', now: '#1c2733' } as const;

export interface HistoryChartProps {
  gateId: string;
  rows: ChartRow[];
  spans: readonly NoticeSpan[];
  /** The bucket of now, when the rows carry the forecast; null = history only. */
  nowKey: string | null;
  yardCapacity: number | null;
  bucket: HistoryBucketSize;
  timeZone: string;
  locale: string;
  compact: boolean;
}

export function HistoryChart({ gateId, rows, spans, nowKey, yardCapacity, bucket, timeZone, locale, compact }: HistoryChartProps) {
  const { t } = useTranslation();
  const fmt = useMemo(() => {
    // dd/mm whatever the locale's short form (vi-VN alone writes "06-12").
    const day = dayMonthFormatter(timeZone);
    const hourOnly = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const full = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(bucket === 'hour' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return {
      tick: (key: string) => (bucket === 'day' ? day(key) : `${hourOnly.format(new Date(key))} ${day(key)}`),
      full: (key: string) => full.format(new Date(key)),
      number: (n: number) => number.format(n),
    };
  }, [locale, timeZone, bucket]);

  const height = compact ? 170 : 200;
  // Both charts share one time axis: the lower one has a second y-axis on the right (the wait), so the
  // upper one keeps the same room there and the two plot areas — and their x-axes — line up exactly.
  const WAIT_AXIS_WIDTH = 36;
  const margin = { top: 14, right: 8, bottom: 0, left: 0 };
  const upperMargin = { ...margin, right: margin.right + WAIT_AXIS_WIDTH };
  const shading = (labelled: boolean) =>
    spans.map((s, i) => (
      <ReferenceArea
        key={s.id}
        x1={s.x1}
        x2={s.x2}
        fill={COLOURS.notice}
        fillOpacity={0.1}
        stroke={COLOURS.notice}
        strokeOpacity={0.35}
        strokeDasharray="3 3"
        ifOverflow="hidden"
        // Neighbouring spans (a notice and its extension) get their labels on alternate lines.
        label={labelled ? { value: s.id, position: 'insideTopLeft', fontSize: 10, fill: '#8f2121', dy: (i % 2) * 12 } : undefined}
      />
    ));
  // A band scale in both, as the bars need it: a point scale in the upper one would spread its days a step wider.
  const xAxis = <XAxis dataKey="key" scale="band" tickFormatter={fmt.tick} minTickGap={compact ? 18 : 28} tick={{ fontSize: 11 }} tickMargin={4} />;
  const tooltip = (
    <Tooltip
      labelFormatter={(label) => (typeof label === 'string' ? fmt.full(label) : String(label))}
      formatter={(value) =>
        typeof value === 'number'
          ? fmt.number(value)
          : Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number'
            ? `${fmt.number(value[0])}–${fmt.number(value[1])}`
            : String(value ?? '—')
      }
      contentStyle={{ fontSize: 12, borderRadius: 4 }}
    />
  );
  // In the order drawn (export, import, wait), not alphabetically; recharts measures its height.
  const legend = <Legend verticalAlign="top" align="right" iconSize={10} itemSorter={null} wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />;
  const nowLine = (yAxisId?: string) =>
    nowKey !== null && (
      <ReferenceLine
        {...(yAxisId ? { yAxisId } : {})}
        x={nowKey}
        stroke={COLOURS.now}
        strokeDasharray="2 2"
        label={yAxisId ? undefined : { value: t('forecast.now'), position: 'insideTopRight', fontSize: 10, fill: COLOURS.now }}
      />
    );

  return (
    <div className="history-chart" data-testid={`history-chart-${gateId}`}>
      <h3 className="trade-section-title">{t('history.queue')}</h3>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={upperMargin} syncId={`history-${gateId}`}>
          <CartesianGrid stroke="#e6eaee" vertical={false} />
          {xAxis}
          <YAxis tick={{ fontSize: 11 }} width={44} tickFormatter={fmt.number} allowDecimals={false} />
          {tooltip}
          {legend}
          {shading(true)}
          <Area type="monotone" dataKey="queueExport" name={t('history.queueExport')} stackId="q" stroke={COLOURS.export} fill={COLOURS.export} fillOpacity={0.55} isAnimationActive={false} />
          <Area type="monotone" dataKey="queueImport" name={t('history.queueImport')} stackId="q" stroke={COLOURS.import} fill={COLOURS.import} fillOpacity={0.7} isAnimationActive={false} />
          {nowKey !== null && (
            <Area type="monotone" dataKey="forecastBand" name={t('forecast.band')} stroke="none" fill={COLOURS.forecast} fillOpacity={0.15} isAnimationActive={false} />
          )}
          {nowKey !== null && (
            <Line type="monotone" dataKey="forecast" name={t('forecast.line')} stroke={COLOURS.forecast} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          )}
          {yardCapacity !== null && (
            <ReferenceLine
              y={yardCapacity}
              stroke={COLOURS.capacity}
              strokeDasharray="3 3"
              ifOverflow="extendDomain"
              label={{ value: `${t('forecast.capacity')} ${fmt.number(yardCapacity)}`, position: 'insideBottomLeft', fontSize: 10, fill: '#8f2121' }}
            />
          )}
          {nowLine()}
        </ComposedChart>
      </ResponsiveContainer>
      {nowKey !== null && <p className="forecast-note">{t('forecast.note', { hours: 72 })}</p>}

      <h3 className="trade-section-title">{t('history.cleared', { unit: bucket === 'day' ? t('history.unitDay') : t('history.unitHour') })}</h3>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={rows} margin={margin} syncId={`history-${gateId}`}>
          <CartesianGrid stroke="#e6eaee" vertical={false} />
          {xAxis}
          <YAxis yAxisId="trucks" tick={{ fontSize: 11 }} width={44} tickFormatter={fmt.number} allowDecimals={false} />
          <YAxis yAxisId="wait" orientation="right" tick={{ fontSize: 11 }} width={WAIT_AXIS_WIDTH} tickFormatter={fmt.number} />
          {tooltip}
          {legend}
          {spans.map((s) => (
            <ReferenceArea key={s.id} yAxisId="trucks" x1={s.x1} x2={s.x2} fill={COLOURS.notice} fillOpacity={0.1} ifOverflow="hidden" />
          ))}
          {nowLine('trucks')}
          <Bar yAxisId="trucks" dataKey="clearedExport" name={t('history.clearedExport')} stackId="c" fill={COLOURS.export} isAnimationActive={false} />
          <Bar yAxisId="trucks" dataKey="clearedImport" name={t('history.clearedImport')} stackId="c" fill={COLOURS.import} isAnimationActive={false} />
          <Line
            yAxisId="wait"
            type="monotone"
            dataKey="medianWaitHours"
            name={t('history.medianWait')}
            stroke={COLOURS.wait}
            strokeWidth={1.5}
            strokeDasharray="4 2"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
