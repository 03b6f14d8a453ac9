import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FORCES } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { useAlerts, useGates, useStores } from '../../stores/index.tsx';
import { RecommendationCard } from './RecommendationCard.tsx';

// Cảnh báo ùn ứ for operators: a banner above the tabs while any is in force, and the list itself, with the
// recommended notices (đề xuất) first.

export function AlertBanner() {
  const { t } = useTranslation();
  const stores = useStores();
  const count = useAlerts((s) => s.list.length);
  if (count === 0) return null;
  return (
    <div className="alert-banner" role="alert" data-testid="alert-banner">
      <span className="alert-banner__icon" aria-hidden="true">
        !
      </span>
      <span>{t('alerts.banner', { count })}</span>
      <button type="button" className="btn btn--small" onClick={() => stores.view.getState().setTab('alerts')}>
        {t('alerts.view')}
      </button>
    </div>
  );
}

export function AlertList() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const alerts = useAlerts((s) => s.list);
  // What asks for a decision first: the recommended notices, then the rest in the server's order.
  const list = useMemo(() => [...alerts].sort((a, b) => Number(b.kind === 'recommended_notice') - Number(a.kind === 'recommended_notice')), [alerts]);
  const gates = useGates((s) => s.byId);
  return (
    <section className="pane" data-testid="alert-list">
      <h2 className="pane__title">{t('tabs.alerts')}</h2>
      {list.length === 0 && <p className="pane__empty">{t('alerts.empty')}</p>}
      {list.map((a) => {
        if (a.kind === 'log_undecodable') {
          return (
            <article key={a.id} className="alert-card alert-card--service">
              <h3 className="alert-card__gate">{t('alerts.logUndecodableTitle')}</h3>
              <p className="num">{t('alerts.logUndecodable', { count: a.count, seqs: a.seqs.join(', ') })}</p>
              <p className="alert-card__since num">{t('alerts.raisedAt', { time: f.dateTimeShort(a.raisedAt) })}</p>
            </article>
          );
        }
        if (a.kind === 'recommended_notice') return <RecommendationCard key={a.id} alert={a} />;
        const gate = gates[a.gateId];
        return (
          <article key={a.id} className="alert-card">
            <h3 className="alert-card__gate">{gate ? (i18n.language === 'en' ? gate.name.en : gate.name.vi) : a.gateId}</h3>
            <p className="num">
              {t('alerts.queueOverCapacity', { queue: f.number(a.queue), share: f.percent(a.share), threshold: f.percent(a.threshold) })}
            </p>
            {gate && (
              <p className="num" data-testid={`alert-backlog-${a.gateId}`}>
                {t('work.backlog')} {FORCES.map((force) => `${t(`force.${force}`)} ${f.number(gate.awaiting[force] ?? 0)}`).join(' · ')}
              </p>
            )}
            <p className="alert-card__since num">{t('alerts.raisedAt', { time: f.dateTimeShort(a.raisedAt) })}</p>
          </article>
        );
      })}
    </section>
  );
}
