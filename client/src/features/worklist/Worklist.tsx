import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CARGO_CATEGORIES, type CargoCategory, type WorklistItem } from '../../../../shared/index.ts';
import { useFormat } from '../../i18n/format.ts';
import { useGates, useServerNow, useSession, useWorklist } from '../../stores/index.tsx';
import { inServiceOrder } from './order.ts';
import { matchesPlate } from './plate.ts';
import { TruckDialog } from './TruckDialog.tsx';

// Danh sách kiểm tra: the trucks with something open for the force at its gate (its check, a hand-over it
// confirms), in the gate's service order. Virtualised, so 2,000 rows scroll as smoothly as 20; "waiting"
// ticks with the server clock.

const ROW_HEIGHT = 64;

export interface WorklistFilter {
  direction: 'all' | 'export' | 'import';
  category: 'all' | CargoCategory;
  /** Hide the trucks this force rejected (they stay on the list until fixed). */
  hideRejected: boolean;
  priorityOnly: boolean;
  /** The other forces' results: any; every other force that checked confirmed (none rejected); another force rejected. */
  others: 'all' | 'confirmed' | 'rejected';
}

const anotherRejected = (item: WorklistItem): boolean => (item.others ?? []).some((o) => o.result === 'rejected');

/** Whether a worklist item passes the filters (pure, tested). */
export const passes = (item: WorklistItem, f: WorklistFilter): boolean =>
  (f.direction === 'all' || item.direction === f.direction) &&
  (f.category === 'all' || item.category === f.category) &&
  (!f.hideRejected || item.lastResult !== 'rejected') &&
  (!f.priorityOnly || item.perishable) &&
  (f.others === 'all' || (f.others === 'rejected' ? anotherRejected(item) : (item.others ?? []).length > 0 && !anotherRejected(item)));

export function Worklist() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const user = useSession((s) => s.user);
  const gate = useGates((s) => (user?.gateId ? s.byId[user.gateId] : undefined));
  const byId = useWorklist((s) => s.byId);
  const now = useServerNow(15_000);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<WorklistFilter>({ direction: 'all', category: 'all', hideRejected: false, priorityOnly: false, others: 'all' });
  const [openId, setOpenId] = useState<string | null>(null);
  /** The row the keyboard is on (kept across a decision: the next truck takes its place). */
  const [focusIndex, setFocusIndex] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  // In the order the gate serves them: by arrival, or perishable first by the gate's service pattern.
  const pattern = gate?.servicePattern ?? null;
  const items = useMemo(() => inServiceOrder(Object.values(byId), pattern, (item) => matchesPlate(item, query) && passes(item, filter)), [byId, query, pattern, filter]);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const gateName = gate ? (i18n.language === 'en' ? gate.name.en : gate.name.vi) : (user?.gateId ?? '');
  const opened = openId ? byId[openId] : undefined;
  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(items.length - 1, index));
    setFocusIndex(i);
    virtualizer.scrollToIndex(i);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLButtonElement>(`[data-row-index="${i}"]`)?.focus());
  };
  const openedIndex = openId ? items.findIndex((i) => i.declarationId === openId) : -1;
  // After a decision the truck leaves the list: the one now at its place is next.
  const nextAfter = (id: string): WorklistItem | undefined => {
    const i = items.findIndex((x) => x.declarationId === id);
    return items.slice(i + 1).find((x) => x.declarationId !== id) ?? undefined;
  };
  const close = () => {
    setOpenId(null);
    focusRow(openedIndex >= 0 ? openedIndex : focusIndex);
  };

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
      <div className="worklist__filters">
        <label className="field field--inline">
          <span className="field__label">{t('worklist.filterDirection')}</span>
          <select value={filter.direction} onChange={(e) => setFilter((x) => ({ ...x, direction: e.target.value as WorklistFilter['direction'] }))} data-testid="worklist-direction">
            <option value="all">{t('worklist.all')}</option>
            <option value="export">{t('directionShort.export')}</option>
            <option value="import">{t('directionShort.import')}</option>
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t('worklist.filterGoods')}</span>
          <select value={filter.category} onChange={(e) => setFilter((x) => ({ ...x, category: e.target.value as WorklistFilter['category'] }))} data-testid="worklist-category">
            <option value="all">{t('worklist.all')}</option>
            {CARGO_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field--inline">
          <span className="field__label">{t('worklist.filterOthers')}</span>
          <select value={filter.others} onChange={(e) => setFilter((x) => ({ ...x, others: e.target.value as WorklistFilter['others'] }))} data-testid="worklist-others">
            <option value="all">{t('worklist.all')}</option>
            <option value="confirmed">{t('worklist.othersConfirmed')}</option>
            <option value="rejected">{t('worklist.othersRejected')}</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={filter.hideRejected} onChange={() => setFilter((x) => ({ ...x, hideRejected: !x.hideRejected }))} data-testid="worklist-hide-rejected" />
          {t('worklist.hideRejected')}
        </label>
        <label className="check">
          <input type="checkbox" checked={filter.priorityOnly} onChange={() => setFilter((x) => ({ ...x, priorityOnly: !x.priorityOnly }))} />
          {t('worklist.priorityOnly')}
        </label>
        <span className="worklist__order" data-testid="worklist-order">
          {t('work.servedBy', { order: pattern ? t('work.patternShort', { p: pattern.priority, r: pattern.regular }) : t('work.fifo') })}
        </span>
      </div>
      <p className="worklist__keys">{t('worklist.keys')}</p>
      <div className="worklist__columns" aria-hidden="true">
        <span>{t('worklist.columns.plate')}</span>
        <span>{t('worklist.columns.goods')}</span>
        <span className="worklist__right">{t('worklist.columns.value')}</span>
        <span className="worklist__right">{t('worklist.columns.waiting')}</span>
      </div>
      <div className="worklist__scroll" ref={scrollRef}>
        {items.length === 0 && <p className="pane__empty">{query.trim() ? t('worklist.noMatch', { q: query.trim() }) : t('worklist.empty')}</p>}
        <ul
          className="worklist__rows"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              focusRow(focusIndex + (e.key === 'ArrowDown' ? 1 : -1));
            }
          }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const waited = Math.max(0, (now - Date.parse(item.arrivedAt)) / 60_000);
            return (
              <li key={item.declarationId} className="worklist__row" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
                <button
                  type="button"
                  className="worklist__button"
                  data-row-index={row.index}
                  tabIndex={row.index === focusIndex ? 0 : -1}
                  onFocus={() => setFocusIndex(row.index)}
                  onClick={() => setOpenId(item.declarationId)}
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
                  <span className="worklist__goods" title={`${item.cargoDescription} — ${item.enterpriseName}`}>
                    <span className="worklist__wrap">
                      {item.cargoDescription} <span className="worklist__sub">· {t(`category.${item.category}`)}</span>
                    </span>
                    <span className="worklist__sub worklist__ellipsis">{item.enterpriseName}</span>
                  </span>
                  <span className="worklist__right num">{f.usd(item.valueUsd)}</span>
                  <span className="worklist__right num">
                    {f.duration(waited)}
                    {item.lastResult === 'rejected' && <span className="worklist__flag">{t('worklist.rejectedBefore')}</span>}
                    {item.lastResult !== 'rejected' && anotherRejected(item) && <span className="worklist__flag">{t('worklist.otherRejected')}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      {openId && user?.force && (
        <TruckDialog
          key={openId}
          declarationId={openId}
          plate={opened?.plate ?? openId}
          force={user.force}
          tasks={opened?.tasks ?? ['check']}
          onClose={close}
          onNext={() => {
            const next = nextAfter(openId);
            if (next) setOpenId(next.declarationId);
            else close();
          }}
        />
      )}
    </section>
  );
}
