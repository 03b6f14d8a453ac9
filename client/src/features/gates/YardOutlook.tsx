import { useTranslation } from 'react-i18next';
import type { GateStatus } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { useServerNow } from '../../stores/index.tsx';

// "Bãi đầy sau ~N giờ": when the queue forecast has the yard full within its horizon; "Bãi đã đầy" once
// that time has come (the server sends the current hour's start when the yard is full already).

const HOUR_MS = 3_600_000;

export function YardOutlook({ gate }: { gate: GateStatus }) {
  const { t } = useTranslation();
  const f = useFormat();
  const now = useServerNow(30_000);
  if (gate.yardFullAt === null) return null;
  const fullAt = Date.parse(gate.yardFullAt);
  const already = fullAt <= now;
  return (
    <p className={already ? 'yard-outlook yard-outlook--full' : 'yard-outlook'} data-testid={`yard-full-${gate.id}`}>
      <span className="yard-outlook__icon" aria-hidden="true">
        !
      </span>
      <b>{already ? t('yardOutlook.full') : t('yardOutlook.fullIn', { hours: f.number(Math.max(1, Math.round((fullAt - now) / HOUR_MS))) })}</b>
      {!already && <span className="yard-outlook__when num">{t('yardOutlook.fullAt', { time: f.timeDayMonth(fullAt) })}</span>}
    </p>
  );
}
