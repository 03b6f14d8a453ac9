import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getGatesAsOf } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { fromLocalInput, toLocalInput } from '../../i18n/datetime.ts';
import { useFormat } from '../../i18n/format.ts';
import { useConfig, useGates, useServerNow, useStores } from '../../stores/index.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { DateField } from '../../ui/DateField.tsx';

// Xem lại (any past moment): a date-time and a slider over the last 90 days; the map, the gate cards and
// the notices on them show the gates as they stood then (GET /gates?asOf=), clearly marked, until "back to
// live". Live figures keep arriving underneath.

const DAYS = 90;
const HOUR = 3_600_000;

export function PastMoment() {
  const { t } = useTranslation();
  const f = useFormat();
  const stores = useStores();
  const timeZone = useConfig((s) => s.config.timezone);
  const past = useGates((s) => s.past);
  const now = useServerNow(60_000);
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const show = (iso: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      pending.current?.abort();
      const abort = new AbortController();
      pending.current = abort;
      getGatesAsOf(iso, abort.signal).then(
        (r) => {
          setError(null);
          stores.gates.getState().showPast(r.asOf, r.gates);
        },
        (e: unknown) => {
          if (!abort.signal.aborted) setError(errorText(t, e));
        },
      );
    }, 150);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const setLocal = (local: string) => {
    setValue(local);
    const iso = fromLocalInput(local, timeZone);
    if (iso) show(iso);
  };
  const back = () => {
    pending.current?.abort();
    stores.gates.getState().showLive();
    setOpen(false);
  };
  const hoursBack = past ? Math.max(0, Math.round((now - Date.parse(past.at)) / HOUR)) : 0;

  if (!open && !past) {
    return (
      <button type="button" className="btn btn--small past__open" onClick={() => setOpen(true)} data-testid="past-open">
        {t('past.open')}
      </button>
    );
  }
  return (
    <div className={`past ${past ? 'past--on' : ''}`} role="region" aria-label={t('past.label')} data-testid="past-moment">
      {past && (
        <p className="past__banner" data-testid="past-banner">
          {t('past.showing', { at: f.dateTimeShort(past.at) })}
        </p>
      )}
      <div className="past__controls">
        <DateField
          withTime
          value={value}
          onChange={(v) => v && setLocal(v)}
          aria-label={t('past.at')}
          data-testid="past-at"
        />
        <input
          type="range"
          min={0}
          max={DAYS * 24}
          step={1}
          value={DAYS * 24 - hoursBack}
          onChange={(e) => setLocal(toLocalInput(new Date(now - (DAYS * 24 - Number(e.target.value)) * HOUR).toISOString(), timeZone))}
          aria-label={t('past.slider')}
          data-testid="past-slider"
        />
        <button type="button" className="btn btn--small btn--primary" onClick={back} data-testid="past-live">
          {t('past.live')}
        </button>
      </div>
      <ErrorText text={error} />
    </div>
  );
}
