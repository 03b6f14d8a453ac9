import { useMemo, useState } from 'react';
import { TrailButton } from '../../ui/TruckTrail.tsx';
import { AmendDialog } from './AmendDialog.tsx';
import { useTranslation } from 'react-i18next';
import { noticeCovers, type DeclarationView, type Notice } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { sortMine, useGates, useMyDeclarations, useNotices, useServerNow } from '../../stores/index.tsx';
import { Badge } from '../../ui/Badge.tsx';
import { DeclarationDetails, STATE_TONE } from '../../ui/DeclarationDetails.tsx';
import { TruckEta } from './TruckEta.tsx';

// Xe của tôi: only this enterprise's declarations, as the server sends them on the socket (never fetched
// for anyone else): state, checks per force, place in the gate's queue, time waiting.

export interface MineFilter {
  q: string;
  state: 'all' | DeclarationView['state'];
  gateId: 'all' | string;
  underNotice: boolean;
}

/** The notices in force that cover a truck still to clear (flagged the moment one is issued). */
export function coveringOf(d: DeclarationView, notices: readonly Notice[]): string[] {
  if (d.state !== 'queued' && d.state !== 'expected') return [];
  const truck = { gateId: d.gateId, direction: d.direction, category: d.cargo.category };
  return notices.filter((n) => n.active && noticeCovers(n, truck)).map((n) => n.id).sort();
}

/** Whether a truck passes the search and filters (pure, tested). */
export function passesMine(d: DeclarationView, f: MineFilter, covering: readonly string[]): boolean {
  const q = f.q.trim().toLowerCase().replace(/[\s.\-]/g, '');
  const hay = `${d.vehicle.plate} ${d.vehicle.trailerPlate ?? ''} ${d.declarationId} ${d.cargo.description}`.toLowerCase().replace(/[\s.\-]/g, '');
  return (q === '' || hay.includes(q)) && (f.state === 'all' || d.state === f.state) && (f.gateId === 'all' || d.gateId === f.gateId) && (!f.underNotice || covering.length > 0);
}

export function MyTrucks() {
  const { t, i18n } = useTranslation();
  const byId = useMyDeclarations((s) => s.byId);
  const notices = useNotices((s) => s.byId);
  const gates = useGates((s) => s.byId);
  const [filter, setFilter] = useState<MineFilter>({ q: '', state: 'all', gateId: 'all', underNotice: false });
  const all = useMemo(() => sortMine(Object.values(byId)), [byId]);
  const covering = useMemo(() => new Map(all.map((d) => [d.declarationId, coveringOf(d, Object.values(notices))])), [all, notices]);
  const list = useMemo(() => all.filter((d) => passesMine(d, filter, covering.get(d.declarationId) ?? [])), [all, filter, covering]);
  const count = (pick: (d: DeclarationView) => boolean): number => all.filter(pick).length;
  const set = (patch: Partial<MineFilter>) => setFilter((x) => ({ ...x, ...patch }));
  const STATES = ['queued', 'expected', 'cleared', 'cancelled'] as const;
  return (
    <section className="pane" data-testid="my-trucks">
      <h2 className="pane__title">{t('mine.title')}</h2>
      {all.length > 0 && (
        <div className="mine__summary" data-testid="mine-summary">
          {STATES.map((s) => (
            <button key={s} type="button" className={filter.state === s ? 'chip chip--on' : 'chip'} onClick={() => set({ state: filter.state === s ? 'all' : s })} data-testid={`mine-state-${s}`}>
              {t(`decl.state.${s}`)} <b className="num">{count((d) => d.state === s)}</b>
            </button>
          ))}
          <button
            type="button"
            className={filter.underNotice ? 'chip chip--on chip--danger' : 'chip chip--danger'}
            onClick={() => set({ underNotice: !filter.underNotice })}
            data-testid="mine-under-notice"
          >
            {t('mine.underNotice')} <b className="num">{count((d) => (covering.get(d.declarationId) ?? []).length > 0)}</b>
          </button>
        </div>
      )}
      {all.length > 0 && (
        <div className="mine__filters">
          <input type="search" value={filter.q} placeholder={t('mine.search')} aria-label={t('mine.search')} onChange={(e) => set({ q: e.target.value })} data-testid="mine-search" />
          <select value={filter.gateId} onChange={(e) => set({ gateId: e.target.value })} aria-label={t('mine.gate')} data-testid="mine-gate">
            <option value="all">{t('mine.allGates')}</option>
            {Object.values(gates).map((g) => (
              <option key={g.id} value={g.id}>
                {i18n.language === 'en' ? g.name.en : g.name.vi} ({count((d) => d.gateId === g.id)})
              </option>
            ))}
          </select>
        </div>
      )}
      {all.length === 0 && <p className="pane__empty">{t('mine.empty')}</p>}
      {all.length > 0 && list.length === 0 && <p className="pane__empty">{t('mine.noMatch')}</p>}
      {list.map((d) => (
        <MyTruck key={d.declarationId} d={d} covering={covering.get(d.declarationId) ?? []} />
      ))}
    </section>
  );
}

function MyTruck({ d, covering }: { d: DeclarationView; covering: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [amending, setAmending] = useState(false);
  const gate = useGates((s) => s.byId[d.gateId]);
  const now = useServerNow(30_000);
  // While queued, the wait keeps growing between deltas; otherwise show what the server computed.
  const waiting = d.state === 'queued' && d.arrivedAt ? (now - Date.parse(d.arrivedAt)) / 60_000 : d.waitingMinutes;
  const gateName = gate ? (i18n.language === 'en' ? gate.name.en : gate.name.vi) : d.gateId;
  return (
    <article className="card" data-testid={`my-truck-${d.vehicle.plate}`}>
      <header className="card__head">
        <span>
          <span className="plate">{d.vehicle.plate}</span>
          {d.perishable && <span className="worklist__tag worklist__tag--priority">{t('work.priority')}</span>}
        </span>
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
      <details className="mine__details">
        <summary>{t('mine.details')}</summary>
        <DeclarationDetails d={{ ...d, queuePosition: undefined, waitingMinutes: d.state === 'queued' ? undefined : d.waitingMinutes }} compact />
      </details>
    </article>
  );
}
