import { formatPercent, formatUsdCompact, type FigureLanguage } from '../../i18n/figures.ts';
import type { TradeTotals } from '../../../../shared/index.ts';

// A breakdown (by gate, by goods) as a table: export, import, total and its share, largest first.

export interface BreakdownRow {
  key: string;
  name: string;
  actual: TradeTotals;
}

export interface TradeBreakdownProps {
  title: string;
  rows: readonly BreakdownRow[];
  columns: { name: string; export: string; import: string; total: string; share: string };
  lang: FigureLanguage;
  testId: string;
}

export function TradeBreakdown({ title, rows, columns, lang, testId }: TradeBreakdownProps) {
  const sorted = [...rows].sort((a, b) => b.actual.totalUsd - a.actual.totalUsd);
  const sum = sorted.reduce((s, r) => s + r.actual.totalUsd, 0);
  return (
    <section className="breakdown" data-testid={testId}>
      <h3 className="trade-section-title">{title}</h3>
      <table className="breakdown__table">
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col" className="num-col breakdown__dir">{columns.export}</th>
            <th scope="col" className="num-col breakdown__dir">{columns.import}</th>
            <th scope="col" className="num-col">{columns.total}</th>
            <th scope="col" className="breakdown__share-col">{columns.share}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const share = sum > 0 ? (100 * r.actual.totalUsd) / sum : 0;
            return (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td className="num-col num breakdown__dir">{formatUsdCompact(r.actual.exportUsd, lang)}</td>
                <td className="num-col num breakdown__dir">{formatUsdCompact(r.actual.importUsd, lang)}</td>
                <td className="num-col num breakdown__total">{formatUsdCompact(r.actual.totalUsd, lang)}</td>
                <td className="breakdown__share-col">
                  <span className="share" title={`${columns.export} ${formatUsdCompact(r.actual.exportUsd, lang)} · ${columns.import} ${formatUsdCompact(r.actual.importUsd, lang)}`}>
                    <span className="share__bar" aria-hidden="true">
                      <span className="share__export" style={{ width: `${sum > 0 ? (100 * r.actual.exportUsd) / sum : 0}%` }} />
                      <span className="share__import" style={{ width: `${sum > 0 ? (100 * r.actual.importUsd) / sum : 0}%` }} />
                    </span>
                    <span className="share__text num">{formatPercent(share, lang)}</span>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
