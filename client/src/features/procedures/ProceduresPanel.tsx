import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProceduresResponse } from '../../../../shared/index.ts';
import { getProcedures } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useGates, useServerNow } from '../../stores/index.tsx';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { PatternEditor } from './PatternEditor.tsx';
import { ProcedureEditor } from './ProcedureEditor.tsx';
import { rulesByGate, type RuleStatus } from './rules.ts';
import { stepsText } from './text.ts';
import { useGateName } from './useGateName.ts';
import './procedures.css';

// Quy trình giao nhận (operators): the editor with its preview, each gate's service pattern (ưu tiên hàng
// tươi sống), and per gate the rules in force, scheduled and replaced, with who set them and when.

export function ProceduresPanel() {
  const { t } = useTranslation();
  const [data, setData] = useState<ProceduresResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    getProcedures(abort.signal).then(setData, (e: unknown) => {
      if (!abort.signal.aborted) setError(errorText(t, e));
    });
    return () => abort.abort();
  }, [t, version]);
  const reload = () => setVersion((v) => v + 1);
  return (
    <section className="pane procedures" data-testid="procedures">
      <h2 className="pane__title">{t('work.procedures')}</h2>
      <ErrorText text={error} testId="procedures-error" onRetry={reload} />
      <ProcedureEditor onApplied={reload} />
      {data && <PatternEditor data={data} onApplied={reload} />}
      {data && <RuleList data={data} />}
    </section>
  );
}

const STATUS_TONE: Record<RuleStatus, Tone> = { scheduled: 'warn', in_force: 'ok', replaced: 'neutral' };

function RuleList({ data }: { data: ProceduresResponse }) {
  const { t } = useTranslation();
  const f = useFormat();
  const gateName = useGateName();
  const order = useGates((s) => s.order);
  const now = useServerNow(15_000);
  const gateIds = order.length > 0 ? order : data.patterns.map((p) => p.gateId);
  const byGate = useMemo(() => rulesByGate(data, gateIds, now), [data, gateIds, now]);
  return (
    <div className="procedures__rules">
      <h3 className="pane__subtitle">{t('work.rules')}</h3>
      {byGate.map(({ gateId, rules, defaultInForce }) => (
        <div key={gateId} className="card procedures__gate" data-testid={`procedure-gate-${gateId}`}>
          <h4 className="procedures__gate-name">{gateName(gateId)}</h4>
          <ul className="procedures__list">
            {rules.map(({ rule: r, status }) => (
              <li key={r.id} className={`procedures__rule procedures__rule--${status}`} data-testid={`procedure-rule-${gateId}-${r.id}`}>
                <Badge tone={STATUS_TONE[status]}>{t(`work.status.${status}`)}</Badge> <b>{r.id}</b> · {t(`direction.${r.direction}`)} ·{' '}
                {r.categories ? r.categories.map((c) => t(`category.${c}`)).join(', ') : t('work.allGoods')}
                <div className="procedures__steps">
                  {t('work.from')} {r.effectiveFrom ? f.dateTimeShort(r.effectiveFrom) : t('work.always')}: <b>{stepsText(t, r.procedure)}</b>
                </div>
                <div className="pane__meta">
                  {r.source === 'config' ? t('work.configured') : t('work.issued', { by: r.issuedBy ?? '', at: r.issuedAt ? f.dateTimeShort(r.issuedAt) : '' })}
                  {r.note && ` · “${r.note}”`}
                </div>
              </li>
            ))}
            <li className={`procedures__rule procedures__rule--${defaultInForce ? 'in_force' : 'replaced'}`} data-testid={`procedure-default-${gateId}`}>
              <Badge tone={defaultInForce ? 'ok' : 'neutral'}>{t(defaultInForce ? 'work.status.in_force' : 'work.status.replaced')}</Badge> {t('work.defaultFallback')}
              <div className="procedures__steps">
                <b>{stepsText(t, data.defaultProcedure)}</b>
              </div>
            </li>
          </ul>
        </div>
      ))}
    </div>
  );
}
