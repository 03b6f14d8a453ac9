import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARGO_CATEGORIES, DIRECTIONS, type Bulletin, type BulletinGate } from '../../../../shared/index.ts';
import { getBulletin } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { addDays, localDateOf } from '../../i18n/datetime.ts';
import { useFormat } from '../../i18n/format.ts';
import { useConfig, useServerNow } from '../../stores/index.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { DateField } from '../../ui/DateField.tsx';

// Bản tin hằng ngày: the bulletin the Department publishes — per gate at 20:00 the trucks waiting by
// direction and goods, those newly arrived, cleared and turned around in the 24 hours before, and the
// notices in force — for any past day, printable and as an Excel file.

export function BulletinPanel() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const timeZone = useConfig((s) => s.config.timezone);
  const now = useServerNow(60_000);
  const [date, setDate] = useState(() => addDays(localDateOf(now, timeZone), -1));
  const [bulletin, setBulletin] = useState<Bulletin | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    getBulletin(date, abort.signal).then(setBulletin, (e: unknown) => {
      if (!abort.signal.aborted) {
        setBulletin(null);
        setError(errorText(t, e));
      }
    });
    return () => abort.abort();
  }, [date, t]);
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const row = (name: string, g: Omit<BulletinGate, 'gateId' | 'name' | 'notices'>, testId: string) =>
    DIRECTIONS.map((dir) => {
      const goods = CARGO_CATEGORIES.filter((c) => g.waitingByCategory[dir][c] > 0)
        .map((c) => `${t(`category.${c}`)} ${f.number(g.waitingByCategory[dir][c])}`)
        .join(', ');
      return (
        <tr key={`${name}-${dir}`} data-testid={`${testId}-${dir}`}>
          <td>{dir === 'export' ? <b>{name}</b> : ''}</td>
          <td>{t(`directionShort.${dir}`)}</td>
          <td className="num">{f.number(g.waiting[dir])}</td>
          <td className="bulletin__goods">{goods || '—'}</td>
          <td className="num">{f.number(g.arrived[dir])}</td>
          <td className="num">{f.number(g.cleared[dir])}</td>
          <td className="num">{f.number(g.turnedAround[dir])}</td>
        </tr>
      );
    });
  return (
    <section className="pane bulletin" data-testid="bulletin">
      <h2 className="pane__title">{t('bulletin.title')}</h2>
      <div className="bulletin__controls">
        <label className="field field--inline">
          <span className="field__label">{t('bulletin.date')}</span>
          <DateField value={date} max={localDateOf(now, timeZone)} onChange={(v) => v && setDate(v)} data-testid="bulletin-date" />
        </label>
        <button type="button" className="btn btn--small" onClick={() => window.print()}>
          {t('bulletin.print')}
        </button>
        <a className="btn btn--small" href={`/api/v1/bulletin.xlsx?date=${date}&lang=${lang}`} download data-testid="bulletin-xlsx">
          {t('bulletin.excel')}
        </a>
      </div>
      <ErrorText text={error} />
      {bulletin && (
        <>
          <p className="pane__meta">{t('bulletin.window', { from: f.dateTimeShort(bulletin.from), at: f.dateTimeShort(bulletin.at) })}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('bulletin.gate')}</th>
                  <th>{t('bulletin.direction')}</th>
                  <th>{t('bulletin.waiting')}</th>
                  <th>{t('bulletin.goods')}</th>
                  <th>{t('bulletin.arrived')}</th>
                  <th>{t('bulletin.cleared')}</th>
                  <th>{t('bulletin.turned')}</th>
                </tr>
              </thead>
              <tbody>
                {bulletin.gates.map((g) => row(lang === 'en' ? g.name.en : g.name.vi, g, `bulletin-${g.gateId}`))}
                {row(t('bulletin.total'), bulletin.total, 'bulletin-total')}
              </tbody>
            </table>
          </div>
          <h3 className="pane__subtitle">{t('bulletin.notices')}</h3>
          {bulletin.notices.length === 0 ? (
            <p className="pane__meta">{t('bulletin.noNotices')}</p>
          ) : (
            <ul>
              {bulletin.notices.map((n) => (
                <li key={n.id}>
                  <b>{n.id}</b> — {(lang === 'en' && n.reason.en) || n.reason.vi}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
