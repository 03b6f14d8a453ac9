import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TradeReport } from '../../../../shared/index.ts';
import { getTrade } from '../../api/endpoints.ts';
import { useRequest } from '../../api/useRequest.ts';
import { quarterToDate, yearToDate, isValidPeriod, type DatePeriod } from '../../i18n/datetime.ts';
import { errorText } from '../../i18n/errors.ts';
import { formatUsdCompact, type FigureLanguage } from '../../i18n/figures.ts';
import { useConfig, useGates, useServerNow, useSession } from '../../stores/index.tsx';
import { downloadCsv, downloadFrom } from '../../ui/csv.ts';
import { PeriodPicker } from '../../ui/PeriodPicker.tsx';
import { ReportHead } from '../../ui/ReportHead.tsx';
import { buildTradeCsv, tradeCsvFilename } from './csv.ts';
import { TradeBreakdown } from './TradeBreakdown.tsx';
import { TradeFigure } from './TradeFigure.tsx';

// Kim ngạch: trade through the province's gates for a period, against the year's plan and the same
// period last year; by gate and by goods; downloadable as CSV. Operators only (GET /api/v1/trade).

type Preset = 'quarter' | 'year';
const FIGURES = [
  { key: 'total', field: 'totalUsd', label: 'trade.total' },
  { key: 'export', field: 'exportUsd', label: 'trade.export' },
  { key: 'import', field: 'importUsd', label: 'trade.import' },
  { key: 'local', field: 'localExportUsd', label: 'trade.localExport' },
] as const;

export const displayDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export function TradePanel() {
  const { t, i18n } = useTranslation();
  const lang: FigureLanguage = i18n.language === 'en' ? 'en' : 'vi';
  const token = useSession((s) => s.token);
  const timeZone = useConfig((s) => s.config.timezone);
  const gateOrder = useGates((s) => s.order);
  const gatesById = useGates((s) => s.byId);
  const now = useServerNow(60_000);
  const [preset, setPreset] = useState<Preset | 'custom'>('quarter');
  const [custom, setCustom] = useState<DatePeriod | null>(null);
  const [gateId, setGateId] = useState('');
  const [invalid, setInvalid] = useState(false);

  const period: DatePeriod = preset === 'custom' && custom ? custom : preset === 'year' ? yearToDate(now, timeZone) : quarterToDate(now, timeZone);
  const key = `${period.from}|${period.to}|${gateId}|${token ?? ''}`;
  const request = useRequest<TradeReport>(key, (signal) => getTrade(token, { ...period, gateId: gateId || undefined }, signal));
  const report = request.data;
  const gateName = (id: string) => {
    const g = gatesById[id];
    return g ? (lang === 'en' ? g.name.en : g.name.vi) : id;
  };
  const byGate = report?.byGate.map((g) => ({ key: g.gateId, name: gateName(g.gateId), actual: g.actual })) ?? [];
  const byCategory = report?.byCategory.map((c) => ({ key: c.category, name: t(`category.${c.category}`), actual: c.actual })) ?? [];

  return (
    <section className="report trade" aria-labelledby="trade-title" data-testid="trade-panel">
      <ReportHead
        id="trade-title"
        title={t('trade.title')}
        downloadText={t('trade.download')}
        onDownload={report ? () => downloadCsv(tradeCsvFilename(report), buildTradeCsv(report)) : undefined}
        excelText={t('trade.downloadXlsx')}
        onExcel={
          report
            ? () =>
                void downloadFrom(
                  `/api/v1/trade.xlsx?from=${report.from}&to=${report.to}${report.gateId ? `&gateId=${report.gateId}` : ''}`,
                  token,
                  tradeCsvFilename(report).replace(/\.csv$/, '.xlsx'),
                )
            : undefined
        }
        testId="trade-download"
      />
      <div className="report__controls">
        <PeriodPicker<Preset>
          label={t('period.label')}
          presets={[
            { value: 'quarter', text: t('period.quarter') },
            { value: 'year', text: t('period.year') },
          ]}
          preset={preset}
          onPreset={(p) => {
            setInvalid(false);
            setPreset(p);
          }}
          from={period.from}
          to={period.to}
          onCustom={(from, to) => {
            const next = { from, to };
            setInvalid(!isValidPeriod(next));
            if (isValidPeriod(next)) {
              setCustom(next);
              setPreset('custom');
            }
          }}
          text={{ custom: t('period.custom'), from: t('period.from'), to: t('period.to'), apply: t('period.apply') }}
          error={invalid ? t('period.invalid') : null}
        />
        <label className="report__select">
          <span>{t('trade.gate')}</span>
          <select value={gateId} onChange={(e) => setGateId(e.target.value)} data-testid="trade-gate">
            <option value="">{t('trade.allGates')}</option>
            {gateOrder.map((id) => (
              <option key={id} value={id}>
                {gateName(id)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="report__period num" data-testid="trade-period">
        {t('period.range', { from: displayDate(period.from), to: displayDate(period.to) })}
        {gateId && ` · ${gateName(gateId)}`}
      </p>

      {request.error !== null && <p className="error-text" role="alert">{t('trade.failed', { message: errorText(t, request.error) })}</p>}
      {!report && request.loading && <p className="report__muted">{t('common.loading')}</p>}
      {report && (
        <div className={request.loading ? 'report__body report__body--loading' : 'report__body'} aria-busy={request.loading}>
          <div className="trade__figures">
            {FIGURES.map((fig) => (
              <TradeFigure
                key={fig.key}
                name={t(fig.label)}
                testKey={fig.key}
                actualUsd={report.actual[fig.field]}
                planUsd={report.plan ? report.plan[fig.field] : null}
                percentOfPlan={report.percentOfPlan[fig.field]}
                change={report.changeVsPreviousYear[fig.field]}
                lang={lang}
                year={report.from.slice(0, 4)}
                emphasis={fig.key === 'total'}
              />
            ))}
          </div>
          <p className="report__note" data-testid="trade-previous">
            {report.previousYear && report.previousYearSource
              ? `${t('trade.previous', { value: formatUsdCompact(report.previousYear.totalUsd, lang) })} — ${t(`trade.source.${report.previousYearSource}`)}`
              : t('trade.noPrevious')}
            {report.gateId && <><br />{t('trade.planWholeProvince')}</>}
          </p>
          {report.actual.totalUsd === 0 ? (
            <p className="report__muted">{t('trade.empty')}</p>
          ) : (
            <div className="trade__breakdowns">
              {!report.gateId && <TradeBreakdown title={t('trade.byGate')} rows={byGate} columns={columnsOf(t)} lang={lang} testId="trade-by-gate" />}
              <TradeBreakdown title={t('trade.byCategory')} rows={byCategory} columns={columnsOf(t)} lang={lang} testId="trade-by-category" />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

const columnsOf = (t: (key: string) => string) => ({
  name: t('trade.columns.name'),
  export: t('trade.columns.export'),
  import: t('trade.columns.import'),
  total: t('trade.columns.total'),
  share: t('trade.columns.share'),
});
