import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.ts';
import { useConnection } from '../../stores/index.tsx';

// The server clock of the data on screen (replayed time when the server simulates).

export function AsOf() {
  const { t } = useTranslation();
  const f = useFormat();
  const asOf = useConnection((s) => s.asOf);
  if (asOf === null) return null;
  return (
    <span className="as-of">
      <span className="as-of__label">{t('app.asOf')}</span>{' '}
      <time className="as-of__time num" dateTime={asOf} data-testid="as-of">
        {f.dateTime(asOf)}
      </time>
    </span>
  );
}
