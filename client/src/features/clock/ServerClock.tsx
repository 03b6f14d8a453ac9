import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOCK_SPEEDS } from '../../../../shared/index.ts';
import { setClock } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useClock, useConnection, useServerNow, useSession, useStores } from '../../stores/index.tsx';

// The server clock in the header (giờ máy chủ): the date and time the figures are at. During a replay it
// is marked "Mô phỏng" with its speed, and operators can pause it or change the speed.

export function ServerClock() {
  const { t } = useTranslation();
  const f = useFormat();
  const clock = useClock((s) => s.status);
  const asOf = useConnection((s) => s.asOf);
  const simulated = clock?.simulated ?? false;
  const now = useServerNow(simulated ? 250 : 1_000);
  const operator = useSession((s) => s.user?.role === 'operator');
  if (asOf === null && clock === null) return null;

  const at = new Date(now).toISOString();
  return (
    <div className={simulated ? 'server-clock server-clock--simulated' : 'server-clock'}>
      <span className="server-clock__label">{simulated ? t('clock.simulated') : t('app.asOf')}</span>
      <time className="server-clock__time num" dateTime={at} data-testid="as-of">
        <span className="server-clock__date">{f.date(now)}</span> <span className="server-clock__hm">{simulated ? f.time(now) : f.timeSeconds(now)}</span>
      </time>
      {simulated && clock && (
        <span className="server-clock__speed" data-testid="clock-speed">
          {clock.paused ? t('clock.paused') : speedText(t, clock.speed)}
        </span>
      )}
      {simulated && operator && <SpeedControl />}
    </div>
  );
}

const speedText = (t: (key: string, o?: Record<string, unknown>) => string, speed: number) =>
  speed === 1440 ? t('clock.speedDay') : t('clock.speed', { speed: new Intl.NumberFormat('en-US').format(speed).replace(/,/g, '.') });

function SpeedControl() {
  const { t } = useTranslation();
  const stores = useStores();
  const token = useSession((s) => s.token);
  const clock = useClock((s) => s.status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!clock) return null;

  const send = (control: { speed?: number; paused?: boolean }) => {
    setBusy(true);
    setError(null);
    setClock(token, control)
      .then((status) => stores.clock.getState().set(status))
      .catch((e: unknown) => setError(t('clock.failed', { message: errorText(t, e) })))
      .finally(() => setBusy(false));
  };

  return (
    <div className="speed-control" role="group" aria-label={t('clock.speedLabel')} data-testid="clock-control">
      <button
        type="button"
        className="speed-control__option"
        aria-pressed={clock.paused}
        title={clock.paused ? t('clock.resume') : t('clock.pause')}
        aria-label={clock.paused ? t('clock.resume') : t('clock.pause')}
        disabled={busy}
        onClick={() => send({ paused: !clock.paused })}
        data-testid="clock-pause"
      >
        {clock.paused ? '▶' : '❚❚'}
      </button>
      {CLOCK_SPEEDS.map((speed) => (
        <button
          key={speed}
          type="button"
          className="speed-control__option"
          aria-pressed={!clock.paused && clock.speed === speed}
          title={t('clock.speedTitle', { speed })}
          disabled={busy}
          onClick={() => send({ speed, paused: false })}
          data-testid={`clock-speed-${speed}`}
        >
          {speedText(t, speed)}
        </button>
      ))}
      {error && (
        <span className="speed-control__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
