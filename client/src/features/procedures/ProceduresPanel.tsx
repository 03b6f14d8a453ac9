import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARGO_CATEGORIES, FORCES, STEP_ACTORS, type Procedure, type ProcedurePreview, type ProceduresResponse } from '../../../../shared/index.ts';
import { changeProcedure, getProcedures, previewProcedure, setServicePattern } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useConfig, useGates, useServerNow, useSession } from '../../stores/index.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { buildProcedureRequest, initialProcedureForm, type ProcedureForm } from './editor.ts';

// Quy trình giao nhận: the rules in force and scheduled, an editor with a preview of what changes for the
// trucks in the yards (they keep theirs) and on the way, and each gate's service pattern (ưu tiên).

export function ProceduresPanel() {
  const { t } = useTranslation();
  const [data, setData] = useState<ProceduresResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    getProcedures(abort.signal).then(setData, (e: unknown) => {
      if (!abort.signal.aborted) setError(errorText(t, e));
    });
    return () => abort.abort();
  }, [t, version]);
  const reload = () => setVersion((v) => v + 1);
  return (
    <section className="pane" data-testid="procedures">
      <h2 className="pane__title">{t('work.procedures')}</h2>
      <ErrorText text={error} />
      <ProcedureEditor onApplied={reload} />
      {data && <Patterns data={data} onApplied={reload} />}
      {data && <RuleList data={data} />}
    </section>
  );
}

/** A gate's name in the console's language (its id while gates are loading). */
function useGateName(): (id: string) => string {
  const { i18n } = useTranslation();
  const gates = useGates((s) => s.byId);
  return (id) => {
    const g = gates[id];
    return g ? (i18n.language === 'en' ? g.name.en : g.name.vi) : id;
  };
}

function stepsText(t: (k: string, o?: Record<string, unknown>) => string, p: Procedure): string {
  const names = p.steps.map((s) => (s.kind === 'check' ? t(`force.${s.force}`) : t('work.handoverBy', { by: t(`actor.${s.by}`) })));
  return names.length === 0 ? t('work.noSteps') : names.join(p.ordered ? ' → ' : ' + ');
}

function RuleList({ data }: { data: ProceduresResponse }) {
  const { t } = useTranslation();
  const f = useFormat();
  const gateName = useGateName();
  return (
    <div className="procedures__rules">
      <h3 className="pane__subtitle">{t('work.rules')}</h3>
      <p className="card__line" data-testid="procedure-default">
        {t('work.default')}: {stepsText(t, data.defaultProcedure)}
      </p>
      <ul className="procedures__list">
        {data.rules.map((r) => (
          <li key={r.id} className="card" data-testid={`procedure-rule-${r.id}`}>
            <b>{r.id}</b> · {r.gateIds.map(gateName).join(', ')} · {t(`direction.${r.direction}`)} · {r.categories ? r.categories.map((c) => t(`category.${c}`)).join(', ') : t('work.allGoods')}
            <br />
            {t('work.from')} {r.effectiveFrom ? f.dateTimeShort(r.effectiveFrom) : t('work.always')}: {stepsText(t, r.procedure)}
            {r.issuedBy && <span className="pane__meta"> · {r.issuedBy}</span>}
            {r.note && <span className="pane__meta"> · “{r.note}”</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Patterns({ data, onApplied }: { data: ProceduresResponse; onApplied: () => void }) {
  const { t, i18n } = useTranslation();
  const token = useSession((s) => s.token);
  const gates = useGates((s) => s.byId);
  const [error, setError] = useState<string | null>(null);
  const apply = async (gateId: string, value: string) => {
    setError(null);
    const [p, r] = value.split(':').map(Number);
    try {
      await setServicePattern(token, { gateIds: [gateId], pattern: value === 'fifo' || p === undefined || r === undefined ? null : { priority: p, regular: r } });
      onApplied();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <div className="procedures__patterns">
      <h3 className="pane__subtitle">{t('work.patterns')}</h3>
      <p className="pane__meta">{t('work.patternsHint', { perishable: data.perishable.map((c) => t(`category.${c}`)).join(', ') })}</p>
      {data.patterns.map((p) => {
        const gate = gates[p.gateId];
        const value = p.pattern ? `${p.pattern.priority}:${p.pattern.regular}` : 'fifo';
        return (
          <label key={p.gateId} className="field field--inline">
            <span className="field__label">{gate ? (i18n.language === 'en' ? gate.name.en : gate.name.vi) : p.gateId}</span>
            <select value={value} onChange={(e) => void apply(p.gateId, e.target.value)} data-testid={`pattern-${p.gateId}`}>
              <option value="fifo">{t('work.fifo')}</option>
              {['1:3', '1:2', '1:1', '2:1'].map((v) => (
                <option key={v} value={v}>
                  {t('work.pattern', { p: v.split(':')[0], r: v.split(':')[1] })}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <ErrorText text={error} />
    </div>
  );
}

function ProcedureEditor({ onApplied }: { onApplied: () => void }) {
  const { t, i18n } = useTranslation();
  const token = useSession((s) => s.token);
  const timeZone = useConfig((s) => s.config.timezone);
  const gates = useGates((s) => s.byId);
  const now = useServerNow(60_000);
  const firstGate = Object.keys(gates)[0] ?? 'huu-nghi';
  const [form, setForm] = useState<ProcedureForm>(() => initialProcedureForm(firstGate, now, timeZone));
  const [preview, setPreview] = useState<ProcedurePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const gateName = useGateName();
  const update = (patch: Partial<ProcedureForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPreview(null);
    setDone(null);
  };
  const toggle = <T,>(list: readonly T[], x: T): T[] => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const move = (i: number, by: -1 | 1) => {
    const checks = [...form.checks];
    const j = i + by;
    if (j < 0 || j >= checks.length) return;
    [checks[i], checks[j]] = [checks[j] as (typeof checks)[number], checks[i] as (typeof checks)[number]];
    update({ checks });
  };

  const run = async (e: FormEvent | null, apply: boolean) => {
    e?.preventDefault();
    const built = buildProcedureRequest(form, timeZone);
    if ('problem' in built) return setError(t(`work.problem.${built.problem}`));
    setBusy(true);
    setError(null);
    try {
      if (apply) {
        const r = await changeProcedure(token, built.request);
        setDone(t('work.applied', { id: r.change.id }));
        setPreview(null);
        onApplied();
      } else setPreview((await previewProcedure(token, built.request)).preview);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="procedures__editor card" onSubmit={(e) => void run(e, false)} data-testid="procedure-editor">
      <h3 className="pane__subtitle">{t('work.newProcedure')}</h3>
      <fieldset className="field">
        <legend className="field__label">{t('work.gates')}</legend>
        {Object.values(gates).map((g) => (
          <label key={g.id} className="check">
            <input type="checkbox" checked={form.gateIds.includes(g.id)} onChange={() => update({ gateIds: toggle(form.gateIds, g.id) })} data-testid={`proc-gate-${g.id}`} />
            {i18n.language === 'en' ? g.name.en : g.name.vi}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('work.direction')}</span>
        <select value={form.direction} onChange={(e) => update({ direction: e.target.value as ProcedureForm['direction'] })} data-testid="proc-direction">
          {(['export', 'import', 'both'] as const).map((d) => (
            <option key={d} value={d}>
              {t(`direction.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field">
        <legend className="field__label">{t('work.goods')}</legend>
        {CARGO_CATEGORIES.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={form.categories.includes(c)} onChange={() => update({ categories: toggle(form.categories, c) })} data-testid={`proc-cat-${c}`} />
            {t(`category.${c}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">{t('work.from')}</span>
        <input type="datetime-local" value={form.from} onChange={(e) => update({ from: e.target.value })} data-testid="proc-from" />
      </label>
      <fieldset className="field">
        <legend className="field__label">{t('work.steps')}</legend>
        {FORCES.map((force) => (
          <label key={force} className="check">
            <input type="checkbox" checked={form.checks.includes(force)} onChange={() => update({ checks: toggle(form.checks, force) })} data-testid={`proc-check-${force}`} />
            {t(`force.${force}`)}
          </label>
        ))}
        {form.checks.length > 1 && (
          <ol className="procedures__order">
            {form.checks.map((force, i) => (
              <li key={force}>
                {t(`force.${force}`)}{' '}
                <button type="button" className="btn btn--link" onClick={() => move(i, -1)} aria-label={t('work.up', { step: t(`force.${force}`) })}>
                  ↑
                </button>
                <button type="button" className="btn btn--link" onClick={() => move(i, 1)} aria-label={t('work.down', { step: t(`force.${force}`) })}>
                  ↓
                </button>
              </li>
            ))}
          </ol>
        )}
        <label className="check">
          <input
            type="checkbox"
            checked={form.handover !== null}
            onChange={() => update({ handover: form.handover ? null : { by: 'border_guard', method: 'transshipment', position: 'last' } })}
            data-testid="proc-handover"
          />
          {t('work.handover')}
        </label>
        {form.handover && (
          <div className="field-row">
            <select value={form.handover.by} onChange={(e) => form.handover && update({ handover: { ...form.handover, by: e.target.value as (typeof STEP_ACTORS)[number] } })} data-testid="proc-handover-by" aria-label={t('work.handoverWho')}>
              {STEP_ACTORS.map((a) => (
                <option key={a} value={a}>
                  {t(`actor.${a}`)}
                </option>
              ))}
            </select>
            <select value={form.handover.method} onChange={(e) => form.handover && update({ handover: { ...form.handover, method: e.target.value as 'transshipment' | 'driver_swap' | 'other' } })} aria-label={t('work.handoverMethod')}>
              {(['transshipment', 'driver_swap', 'other'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`work.method.${m}`)}
                </option>
              ))}
            </select>
            <select value={form.handover.position} onChange={(e) => form.handover && update({ handover: { ...form.handover, position: e.target.value as 'first' | 'last' } })} aria-label={t('work.handoverWhen')}>
              <option value="last">{t('work.handoverLast')}</option>
              <option value="first">{t('work.handoverFirst')}</option>
            </select>
          </div>
        )}
        <label className="check">
          <input type="checkbox" checked={form.ordered} onChange={() => update({ ordered: !form.ordered })} data-testid="proc-ordered" />
          {t('work.inOrder')}
        </label>
      </fieldset>
      <label className="field">
        <span className="field__label">{t('work.note')}</span>
        <input value={form.note} onChange={(e) => update({ note: e.target.value })} />
      </label>
      <ErrorText text={error} testId="procedure-error" />
      {preview && (
        <div className="procedures__preview" data-testid="procedure-preview">
          <p>{t('work.previewTrucks', { queued: preview.queuedInScope, expected: preview.expectedInScope })}</p>
          <ul>
            {preview.changes.map((c) => (
              <li key={`${c.gateId}-${c.direction}-${c.category}`}>
                {gateName(c.gateId)} · {t(`direction.${c.direction}`)} · {t(`category.${c.category}`)}: {stepsText(t, c.before)} ⇒ {stepsText(t, c.after)}
              </li>
            ))}
          </ul>
          {preview.changes.length === 0 && <p className="pane__meta">{t('work.noChange')}</p>}
        </div>
      )}
      {done && (
        <p className="report__ok" data-testid="procedure-done">
          {done}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="btn" disabled={busy} data-testid="procedure-preview-button">
          {t('work.preview')}
        </button>
        <button type="button" className="btn btn--primary" disabled={busy || !preview} onClick={() => void run(null, true)} data-testid="procedure-apply">
          {t('work.apply')}
        </button>
      </div>
    </form>
  );
}
