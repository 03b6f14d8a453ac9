import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProceduresResponse, ServicePattern } from '../../../../shared/index.ts';
import { setServicePattern } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useGates, useSession } from '../../stores/index.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { buildPatternRequest, patternFormOf, type PatternForm } from './editor.ts';
import { useGateName } from './useGateName.ts';

// Ưu tiên hàng tươi sống: per gate, first come first served or N perishable trucks for every M others
// (1 : 3 suggested), applied from now; the gate cards and the forces' worklists follow at once.

export function PatternEditor({ data, onApplied }: { data: ProceduresResponse; onApplied: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="procedures__patterns" data-testid="procedure-patterns">
      <h3 className="pane__subtitle">{t('work.patterns')}</h3>
      <p className="pane__meta">
        {t('work.patternsHint', { perishable: data.perishable.map((c) => t(`category.${c}`)).join(', ') })} {t('work.patternSuggested')}
      </p>
      {data.patterns.map((p) => (
        <PatternRow key={`${p.gateId}-${p.since ?? ''}`} gateId={p.gateId} since={p.since} by={p.issuedBy} onApplied={onApplied} />
      ))}
    </div>
  );
}

function PatternRow({ gateId, since, by, onApplied }: { gateId: string; since: string | null; by: string | undefined; onApplied: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const token = useSession((s) => s.token);
  const gateName = useGateName();
  // The gate's pattern now, live (a delta when another operator changes it).
  const current = useGates((s) => s.byId[gateId]?.servicePattern ?? null);
  const [form, setForm] = useState<PatternForm>(() => patternFormOf(current));
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const edit = (patch: Partial<PatternForm>) => {
    setForm((x) => ({ ...x, ...patch }));
    setError(null);
    setDone(false);
  };
  const text = (p: ServicePattern | null): string => (p ? t('work.pattern', { p: p.priority, r: p.regular }) : t('work.fifo'));
  const apply = async () => {
    const built = buildPatternRequest(gateId, form);
    if ('problem' in built) return setError(t(`work.problem.${built.problem}`));
    setBusy(true);
    setError(null);
    try {
      await setServicePattern(token, built.request);
      setDone(true);
      onApplied();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const id = `pattern-${gateId}`;
  return (
    <fieldset className="card procedures__pattern" data-testid={id}>
      <legend className="procedures__gate-name">{gateName(gateId)}</legend>
      <p className="pane__meta" data-testid={`${id}-now`}>
        {t('work.patternNow', { pattern: text(current) })}
        {since && ` · ${t('work.patternSince', { at: f.dateTimeShort(since) })}`}
        {by && ` · ${by}`}
      </p>
      <div className="procedures__pattern-form">
        <label className="check">
          <input type="radio" name={`${id}-mode`} checked={form.mode === 'fifo'} onChange={() => edit({ mode: 'fifo' })} data-testid={`${id}-fifo`} />
          {t('work.fifo')}
        </label>
        <label className="check">
          <input type="radio" name={`${id}-mode`} checked={form.mode === 'ratio'} onChange={() => edit({ mode: 'ratio' })} data-testid={`${id}-ratio`} />
          {t('work.patternRatio')}
        </label>
        <span className="procedures__ratio" aria-disabled={form.mode !== 'ratio'}>
          <input
            type="number"
            min={1}
            max={20}
            inputMode="numeric"
            value={form.priority}
            disabled={form.mode !== 'ratio'}
            onChange={(e) => edit({ priority: e.target.value })}
            aria-label={t('work.patternPriority')}
            data-testid={`${id}-priority`}
          />
          <span>{t('work.patternPriority')} :</span>
          <input
            type="number"
            min={0}
            max={20}
            inputMode="numeric"
            value={form.regular}
            disabled={form.mode !== 'ratio'}
            onChange={(e) => edit({ regular: e.target.value })}
            aria-label={t('work.patternRegular')}
            data-testid={`${id}-regular`}
          />
          <span>{t('work.patternRegular')}</span>
        </span>
        <button type="button" className="btn btn--small btn--primary" disabled={busy} onClick={() => void apply()} data-testid={`${id}-apply`}>
          {t('work.apply')}
        </button>
        {done && (
          <span className="report__ok" role="status">
            {t('work.patternApplied')}
          </span>
        )}
      </div>
      <ErrorText text={error} testId={`${id}-error`} />
    </fieldset>
  );
}
