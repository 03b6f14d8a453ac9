import { useTranslation } from 'react-i18next';
import type { DeclarationView } from '../../../../shared/index.ts';
import { useConfig } from '../../stores/index.tsx';
import { useFormat } from '../../i18n/format.ts';
import { localDateOf } from '../../i18n/datetime.ts';

// Dự kiến thông quan: when a truck still to clear should pass, with the range of recent fast and slow days,
// and how many trucks of its lane are ahead of it. Moves live (the enterprise's room gets `myEtas`).

export function TruckEta({ d }: { d: DeclarationView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const timeZone = useConfig((s) => s.config.timezone);
  if (!d.eta || (d.state !== 'queued' && d.state !== 'expected')) return null;
  const { at, earliest, latest, ahead } = d.eta;
  // The range's ends say their date only when it is not the estimate's own day.
  const day = localDateOf(at, timeZone);
  const end = (x: string) => (localDateOf(x, timeZone) === day ? f.time(x) : f.timeDayMonth(x));
  const value = earliest === latest && earliest === at ? f.timeDayMonth(at) : t('eta.range', { at: f.timeDayMonth(at), earliest: end(earliest), latest: end(latest) });
  return (
    <p className="eta" title={t('eta.title')} data-testid={`my-eta-${d.declarationId}`}>
      <span className="eta__label">{t('eta.label')}:</span>
      <b className="eta__value num">{value}</b>
      {ahead !== undefined && <span className="eta__ahead num">{ahead === 0 ? t('eta.aheadNone') : t('eta.ahead', { count: ahead })}</span>}
    </p>
  );
}
