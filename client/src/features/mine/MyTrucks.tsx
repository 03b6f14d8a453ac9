import { useMemo, useState } from 'react';
import { TrailButton } from '../../ui/TruckTrail.tsx';
import { AmendDialog } from './AmendDialog.tsx';
import { useTranslation } from 'react-i18next';
import { noticeCovers, type DeclarationView } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { sortMine, useGates, useMyDeclarations, useNotices, useServerNow } from '../../stores/index.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { DeclarationDetails, STATE_TONE } from '../../ui/DeclarationDetails.tsx';
import { TruckEta } from './TruckEta.tsx';

// Xe của tôi: only this enterprise's declarations, as the server sends them on the socket (never fetched
// for anyone else): state, checks per force, place in the gate's queue, time waiting.

export function MyTrucks() {
  const { t } = useTranslation();
  const byId = useMyDeclarations((s) => s.byId);
  const list = useMemo(() => sortMine(Object.values(byId)), [byId]);
  return (
    <section className="pane" data-testid="my-trucks">
      <h2 className="pane__title">{t('mine.title')}</h2>
      {list.length === 0 && <p className="pane__empty">{t('mine.empty')}</p>}
      {list.map((d) => (
        <MyTruck key={d.declarationId} d={d} />
      ))}
    </section>
  );
}

function MyTruck({ d }: { d: DeclarationView }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [amending, setAmending] = useState(false);
  const gate = useGates((s) => s.byId[d.gateId]);
  const now = useServerNow(30_000);
  // While queued, the wait keeps growing between deltas; otherwise show what the server computed.
  const waiting = d.state === 'queued' && d.arrivedAt ? (now - Date.parse(d.arrivedAt)) / 60_000 : d.waitingMinutes;
  const gateName = gate ? (i18n.language === 'en' ? gate.name.en : gate.name.vi) : d.gateId;
  // The notices in force that cover it, from the live notices (flagged the moment one is issued).
  const notices = useNotices((s) => s.byId);
  const covering = useMemo(() => {
    if (d.state !== 'queued' && d.state !== 'expected') return [];
    const truck = { gateId: d.gateId, direction: d.direction, category: d.cargo.category };
    return Object.values(notices).filter((n) => n.active && noticeCovers(n, truck)).map((n) => n.id).sort();
  }, [notices, d]);
  return (
    <article className="card" data-testid={`my-truck-${d.vehicle.plate}`}>
      <header className="card__head">
        <span className="plate">{d.vehicle.plate}</span>
        <Badge tone={STATE_TONE[d.state]} testId={`my-state-${d.declarationId}`}>
          {t(`decl.state.${d.state}`)}
        </Badge>
      </header>
      <p className="card__line">
        {gateName} · {t(`direction.${d.direction}`)}
      </p>
      {covering.length > 0 && (
        <p className="card__line">
          <Badge tone="danger" testId={`my-covered-${d.declarationId}`}>
            {t('mine.covered', { ids: covering.join(', ') })}
          </Badge>
        </p>
      )}
      {d.state === 'queued' && (
        <div className="card__figures">
          {d.queuePosition !== undefined && (
            <span>
              <span className="card__figure-label">{t('decl.queuePosition')}</span>
              <b className="num">{t('decl.queuePositionValue', { n: f.number(d.queuePosition) })}</b>
            </span>
          )}
          {waiting !== undefined && (
            <span>
              <span className="card__figure-label">{t('decl.waiting')}</span>
              <b className="num">{f.duration(Math.max(0, waiting))}</b>
            </span>
          )}
        </div>
      )}
      <TruckEta d={d} />
      <div className="card__actions">
        {(d.state === 'queued' || d.state === 'expected') && (
          <button type="button" className="btn btn--link" onClick={() => setAmending(true)} data-testid={`amend-open-${d.declarationId}`}>
            {t('amend.open')}
          </button>
        )}
        <TrailButton declarationId={d.declarationId} plate={d.vehicle.plate} />
      </div>
      {amending && <AmendDialog d={d} onClose={() => setAmending(false)} />}
      <DeclarationDetails d={{ ...d, queuePosition: undefined, waitingMinutes: d.state === 'queued' ? undefined : d.waitingMinutes }} compact />
    </article>
  );
}
