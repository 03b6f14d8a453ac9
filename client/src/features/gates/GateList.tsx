import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useConnection, useGates, useSelection } from '../../stores/index.tsx';
import { GatePanel } from './GatePanel.tsx';

// The side panel: one GatePanel per gate, in the server's order; the selected one scrolls into view.

export function GateList() {
  const { t } = useTranslation();
  const order = useGates((s) => s.order);
  const selected = useSelection((s) => s.gateId);
  // Figures that are no longer live are dimmed, so nobody acts on them as if they were.
  const stale = useConnection((s) => s.status === 'stale');
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!selected) return;
    const panel = listRef.current?.querySelector(`[data-testid="gate-panel-${CSS.escape(selected)}"]`);
    panel?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [selected]);

  return (
    <section className={stale ? 'gate-list gate-list--stale' : 'gate-list'} aria-label={t('app.gates')} ref={listRef}>
      <h2 className="gate-list__title">{t('app.gates')}</h2>
      {order.length === 0 ? (
        <p className="gate-list__empty">{t('app.noData')}</p>
      ) : (
        order.map((id) => <GatePanel key={id} gateId={id} />)
      )}
    </section>
  );
}
