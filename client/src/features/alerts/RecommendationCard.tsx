import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecommendedNoticeAlert } from '../../../../shared/index.ts';
import { dismissRecommendation } from '../../api/endpoints.ts';
import { isApiError } from '../../api/http.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useConfig, useGates, useSession, useStores } from '../../stores/index.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { recommendationDraft } from './recommendation.ts';

// Đề xuất tạm dừng tiếp nhận: the forecast has a yard past its line. One click opens the composer filled in
// (through the view store: the alerts feature never imports the notices feature); "Bỏ qua" dismisses it.

export function RecommendationCard({ alert }: { alert: RecommendedNoticeAlert }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const stores = useStores();
  const token = useSession((s) => s.token);
  const gates = useGates((s) => s.byId);
  const timeZone = useConfig((s) => s.config.timezone);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const en = i18n.language === 'en';
  const names = alert.gateIds.map((id) => {
    const gate = gates[id];
    return gate ? (en ? gate.name.en : gate.name.vi) : id;
  });
  const headingId = `recommendation-title-${alert.id}`;

  const open = () => {
    const draft = recommendationDraft(alert, gates, i18n, timeZone);
    stores.view.getState().openComposer(alert.gateIds[0] ?? '', { recommendationId: alert.id, draft, fullAt: alert.fullAt });
  };
  const dismiss = async () => {
    setBusy(true);
    setError(null);
    try {
      await dismissRecommendation(token, alert.id);
      stores.alerts.getState().remove(alert.id);
    } catch (e) {
      // Gone already (issued, or dismissed by another operator): nothing left to dismiss.
      if (isApiError(e) && e.code === 'not_found') return stores.alerts.getState().remove(alert.id);
      setBusy(false);
      setError(t('recommend.dismissFailed', { message: errorText(t, e) }));
    }
  };

  return (
    <article className="alert-card alert-card--recommend" aria-labelledby={headingId} data-testid={`recommendation-${alert.id}`}>
      <div className="recommend__head">
        <span className="recommend__kicker">{t('recommend.title')}</span>
        <span className="alert-card__since num">{t('alerts.raisedAt', { time: f.dateTimeShort(alert.raisedAt) })}</span>
      </div>
      <h3 className="alert-card__gate recommend__title" id={headingId}>
        {names.join(', ')}
      </h3>
      <p className="recommend__full num">
        {t('recommend.fullAt', { time: f.dateTimeShort(alert.fullAt) })}{' '}
        <span className="recommend__full-detail">({t('recommend.fullDetail', { threshold: f.percent(alert.threshold), peak: f.percent(alert.peakShare) })})</span>
      </p>
      <dl className="recommend__facts">
        <dt>{t('recommend.scope')}</dt>
        <dd>
          {t(`direction.${alert.direction}`)} · {alert.categories.map((c) => t(`category.${c}`)).join(', ')}
        </dd>
        <dt>{t('recommend.window')}</dt>
        <dd className="num">{t('recommend.windowValue', { from: f.dateTimeShort(alert.effectiveFrom), until: f.dateTimeShort(alert.effectiveUntil) })}</dd>
      </dl>
      <ErrorText text={error} />
      <div className="recommend__actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void dismiss()} title={t('recommend.dismissTitle')} data-testid={`recommendation-dismiss-${alert.id}`}>
          {t('recommend.dismiss')}
        </button>
        <button type="button" className="btn btn--primary" onClick={open} title={t('recommend.openTitle')} data-testid={`recommendation-open-${alert.id}`}>
          {t('recommend.open')}
        </button>
      </div>
    </article>
  );
}
