import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../../shared/index.ts';
import { liftNotice } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useNotices, useServerNow, useSession, useStores } from '../../stores/index.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { NoticeText } from './NoticeText.tsx';

// Thông báo: those in force first, then recent ones; operators can lift one in force (after confirming).

export function NoticeList() {
  const { t } = useTranslation();
  const byId = useNotices((s) => s.byId);
  const { active, recent } = useMemo(() => {
    const all = Object.values(byId).sort((a, b) => Date.parse(b.issuedAt) - Date.parse(a.issuedAt));
    return { active: all.filter((n) => n.active), recent: all.filter((n) => !n.active).slice(0, 30) };
  }, [byId]);

  return (
    <section className="pane" data-testid="notice-list">
      <h2 className="pane__title">{t('notice.activeTitle')}</h2>
      {active.length === 0 && <p className="pane__empty">{t('notice.empty')}</p>}
      {active.map((n) => (
        <NoticeCard key={n.id} notice={n} />
      ))}
      {recent.length > 0 && <h2 className="pane__title">{t('notice.recentTitle')}</h2>}
      {recent.map((n) => (
        <NoticeCard key={n.id} notice={n} />
      ))}
    </section>
  );
}

function NoticeCard({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const f = useFormat();
  const stores = useStores();
  const token = useSession((s) => s.token);
  const operator = useSession((s) => s.user?.role === 'operator');
  const now = useServerNow(30_000);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const state = notice.active
    ? { tone: 'danger' as const, text: t('notice.active') }
    : notice.liftedAt
      ? { tone: 'neutral' as const, text: t('notice.lifted', { time: f.dateTimeShort(notice.liftedAt) }) }
      : Date.parse(notice.effectiveFrom) > now
        ? { tone: 'warn' as const, text: t('notice.upcoming') }
        : { tone: 'neutral' as const, text: t('notice.ended') };

  const lift = async () => {
    setError(null);
    try {
      stores.notices.getState().merge([await liftNotice(token, notice.id)]);
      setConfirming(false);
    } catch (e) {
      setError(t('notice.liftFailed', { message: errorText(t, e) }));
    }
  };

  return (
    <article className={notice.active ? 'notice-card notice-card--active' : 'notice-card'} data-testid={`notice-${notice.id}`}>
      <div className="notice-card__meta">
        <Badge tone={state.tone}>{state.text}</Badge>
        <span className="notice-card__issued num">{t('notice.issued', { time: f.dateTimeShort(notice.issuedAt) })}</span>
      </div>
      <NoticeText notice={notice} />
      {operator && notice.active && (
        <div className="notice-card__actions">
          {confirming ? (
            <div className="confirm" role="alertdialog" aria-label={t('notice.lift')}>
              <p>{t('notice.liftConfirm')}</p>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn--danger" onClick={() => void lift()} data-testid="lift-confirm">
                {t('notice.liftYes')}
              </button>
            </div>
          ) : (
            <button type="button" className="btn" onClick={() => setConfirming(true)} data-testid="lift">
              {t('notice.lift')}
            </button>
          )}
          <ErrorText text={error} />
        </div>
      )}
    </article>
  );
}
