import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { serviceSorted, type WorklistItem } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { useGates, useServerNow, useSession, useWorklist } from '../../stores/index.tsx';
import { matchesPlate } from './plate.ts';
import { TruckDialog } from './TruckDialog.tsx';

// Danh sách kiểm tra: the force's queued, unconfirmed trucks at its gate, oldest first. Virtualised,
// so 2,000 rows scroll as smoothly as 20; "waiting" ticks with the server clock.

const ROW_HEIGHT = 64;

export function Worklist() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const user = useSession((s) => s.user);
  const gate = useGates((s) => (user?.gateId ? s.byId[user.gateId] : undefined));
  const byId = useWorklist((s) => s.byId);
  const order = useWorklist((s) => s.order);
  const now = useServerNow(15_000);
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  // In the order the gate serves them: by arrival, or perishable first by the gate's service pattern.
  const pattern = gate?.servicePattern ?? null;
  const items = useMemo(
    () => serviceSorted(pattern, order.map((id) => byId[id]).filter((item): item is WorklistItem => item !== undefined && matchesPlate(item, query))),
    [order, byId, query, pattern],
  );
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const gateName = gate ? (i18n.language === 'en' ? gate.name.en : gate.name.vi) : (user?.gateId ?? '');
  const opened = openId ? byId[openId] : undefined;

  return (
    <section className="pane pane--fill" data-testid="worklist">
      <div className="worklist__head">
        <h2 className="pane__title">{t('worklist.title', { force: user?.force ? t(`force.${user.force}`) : '', gate: gateName })}</h2>
        <span className="worklist__count num" data-testid="worklist-count">
          {t('worklist.count', { count: items.length })}
        </span>
      </div>
      <label className="field">
        <span className="sr-only">{t('worklist.search')}</span>
        <input
          type="search"
          value={query}
          placeholder={t('worklist.searchPlaceholder')}
          aria-label={t('worklist.search')}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="worklist-search"
        />
      </label>
      <div className="worklist__columns" aria-hidden="true">
        <span>{t('worklist.columns.plate')}</span>
        <span>{t('worklist.columns.goods')}</span>
        <span className="worklist__right">{t('worklist.columns.value')}</span>
        <span className="worklist__right">{t('worklist.columns.waiting')}</span>
      </div>
      <div className="worklist__scroll" ref={scrollRef}>
        {items.length === 0 && <p className="pane__empty">{query.trim() ? t('worklist.noMatch', { q: query.trim() }) : t('worklist.empty')}</p>}
        <ul className="worklist__rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const waited = Math.max(0, (now - Date.parse(item.arrivedAt)) / 60_000);
            return (
              <li key={item.declarationId} className="worklist__row" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
                <button
                  type="button"
                  className="worklist__button"
                  onClick={() => setOpenId(item.declarationId)}
                  aria-label={t('worklist.open', { plate: item.plate })}
                  data-testid={`worklist-row-${item.declarationId}`}
                >
                  <span className="worklist__plate">
                    <span className="plate">{item.plate}</span>
                    <span className="worklist__sub">
                      {t(`directionShort.${item.direction}`)}
                      {item.perishable && <span className="worklist__tag worklist__tag--priority">{t('work.priority')}</span>}
                      {item.tasks.includes('handover') && <span className="worklist__tag">{t('work.handoverShort')}</span>}
                    </span>
                  </span>
                  <span className="worklist__goods">
                    <span className="worklist__ellipsis">{item.cargoDescription}</span>
                    <span className="worklist__sub worklist__ellipsis">{item.enterpriseName}</span>
                  </span>
                  <span className="worklist__right num">{f.usd(item.valueUsd)}</span>
                  <span className="worklist__right num">
                    {f.duration(waited)}
                    {item.lastResult === 'rejected' && <span className="worklist__flag">{t('worklist.rejectedBefore')}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      {openId && user?.force && (
        <TruckDialog declarationId={openId} plate={opened?.plate ?? openId} force={user.force} tasks={opened?.tasks ?? ['check']} onClose={() => setOpenId(null)} />
      )}
    </section>
  );
}
