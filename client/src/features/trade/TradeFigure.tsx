import { useTranslation } from 'react-i18next';
import { changeDirection, formatChange, formatPercent, formatUsdCompact, type FigureLanguage } from '../../i18n/figures.ts';

// One trade figure against the year's plan: value, a bar of the plan reached, "đạt 14,5 % kế hoạch",
// and the change vs the same period last year with an arrow and colour.

export interface TradeFigureProps {
  name: string;
  testKey: string;
  actualUsd: number;
  planUsd: number | null;
  percentOfPlan: number | null;
  change: number | null;
  lang: FigureLanguage;
  year: string;
  emphasis?: boolean;
}

const ARROW = { up: '▲', down: '▼', flat: '■' } as const;

export function TradeFigure({ name, testKey, actualUsd, planUsd, percentOfPlan, change, lang, year, emphasis = false }: TradeFigureProps) {
  const { t } = useTranslation();
  const width = percentOfPlan === null ? 0 : Math.max(0, Math.min(100, percentOfPlan));
  const direction = change === null ? null : changeDirection(change);
  return (
    <section className={emphasis ? 'trade-figure trade-figure--total' : 'trade-figure'} data-testid={`trade-figure-${testKey}`} aria-label={name}>
      <div className="trade-figure__head">
        <h3 className="trade-figure__name">{name}</h3>
        <span className="trade-figure__value num" data-testid={`trade-value-${testKey}`}>
          {formatUsdCompact(actualUsd, lang)}
        </span>
      </div>
      <div
        className="plan-bar"
        role="meter"
        aria-label={t('trade.ofPlan', { percent: formatPercent(percentOfPlan, lang) })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(width)}
      >
        <div className="plan-bar__fill" style={{ width: `${width}%` }} />
      </div>
      <div className="trade-figure__foot">
        <span className="trade-figure__percent num" data-testid={`trade-percent-${testKey}`}>
          {percentOfPlan === null ? t('trade.noPlan') : t('trade.ofPlan', { percent: formatPercent(percentOfPlan, lang) })}
        </span>
        {direction !== null && (
          <span className={`trade-change trade-change--${direction} num`} data-testid={`trade-change-${testKey}`} title={t('trade.vsLastYear')}>
            <span aria-hidden="true">{ARROW[direction]} </span>
            {formatChange(change, lang)}
            <span className="trade-change__suffix"> {t('trade.vsLastYear')}</span>
          </span>
        )}
      </div>
      {planUsd !== null && <div className="trade-figure__plan">{t('trade.plan', { year, value: formatUsdCompact(planUsd, lang) })}</div>}
    </section>
  );
}
