import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARGO_CATEGORIES, FORCES, STEP_ACTORS, type HandoverMethod, type ProcedurePreview, type StepActor } from '../../../../shared/index.ts';
import { changeProcedure, previewProcedure } from '../../api/endpoints.ts';
import { fromLocalInput } from '../../i18n/datetime.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useConfig, useGates, useServerNow, useSession } from '../../stores/index.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { buildProcedureRequest, initialProcedureForm, moveStep, setHandover, toggleCheck, toggleHandover, type ProcedureForm } from './editor.ts';
import { previewRows } from './rules.ts';
import { stepText, stepsText } from './text.ts';
import { useGateName } from './useGateName.ts';
import { DateField } from '../../ui/DateField.tsx';

// Thay đổi quy trình: scope (gates, direction, goods), from when, the steps in order, then "Xem trước" (a dry
// run: what changes, how many trucks in the yards keep theirs, how many on the way follow the new one) and
// only then "Áp dụng".

const METHODS: readonly HandoverMethod[] = ['transshipment', 'driver_swap', 'other'];

export function ProcedureEditor({ onApplied }: { onApplied: () => void }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const token = useSession((s) => s.token);
  const timeZone = useConfig((s) => s.config.timezone);
  const gates = useGates((s) => s.byId);
  const order = useGates((s) => s.order);
  const now = useServerNow(15_000);
  const gateName = useGateName();
  const [form, setForm] = useState<ProcedureForm>(() => initialProcedureForm([], now, timeZone));
  const [preview, setPreview] = useState<ProcedurePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Any edit makes the preview stale: "Áp dụng" needs a fresh one. */
  const update = (next: ProcedureForm) => {
    setForm(next);
    setPreview(null);
    setDone(null);
    setError(null);
  };
  const toggle = <T,>(list: readonly T[], x: T): T[] => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const from = fromLocalInput(form.from, timeZone);
  const handover = form.steps.find((s) => s.kind === 'handover');

  const run = async (e: FormEvent | null, apply: boolean) => {
    e?.preventDefault();
    const built = buildProcedureRequest(form, timeZone, now);
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
        {order.map((id) => (
          <label key={id} className="check">
            <input type="checkbox" checked={form.gateIds.includes(id)} onChange={() => update({ ...form, gateIds: toggle(form.gateIds, id) })} data-testid={`proc-gate-${id}`} />
            {gates[id] ? (i18n.language === 'en' ? gates[id].name.en : gates[id].name.vi) : id}
          </label>
        ))}
      </fieldset>
      <div className="procedures__row">
        <label className="field">
          <span className="field__label">{t('work.direction')}</span>
          <select value={form.direction} onChange={(e) => update({ ...form, direction: e.target.value as ProcedureForm['direction'] })} data-testid="proc-direction">
            {(['export', 'import', 'both'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`direction.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('work.from')}</span>
          <DateField withTime value={form.from} onChange={(from) => update({ ...form, from })} data-testid="proc-from" />
          {from && <span className="field__hint">{f.dateTimeShort(from)}</span>}
        </label>
      </div>
      <fieldset className="field">
        <legend className="field__label">{t('work.goods')}</legend>
        {CARGO_CATEGORIES.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={form.categories.includes(c)} onChange={() => update({ ...form, categories: toggle(form.categories, c) })} data-testid={`proc-cat-${c}`} />
            {t(`category.${c}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend className="field__label">{t('work.steps')}</legend>
        {FORCES.map((force) => (
          <label key={force} className="check">
            <input type="checkbox" checked={form.steps.some((s) => s.kind === 'check' && s.force === force)} onChange={() => update(toggleCheck(form, force))} data-testid={`proc-check-${force}`} />
            {t(`force.${force}`)}
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={handover !== undefined} onChange={() => update(toggleHandover(form))} data-testid="proc-handover" />
          {t('work.handover')}
        </label>
        {form.steps.length > 0 && (
          <ol className="procedures__order" data-testid="proc-steps">
            {form.steps.map((step, i) => {
              const key = step.kind === 'check' ? step.force : 'handover';
              const name = stepText(t, step);
              return (
                <li key={key} className="procedures__step">
                  <span className="procedures__step-n" aria-hidden="true">
                    {form.ordered ? `${i + 1}.` : '•'}
                  </span>
                  <span className="procedures__step-name">{step.kind === 'check' ? name : t('work.handover')}</span>
                  {step.kind === 'handover' && (
                    <span className="procedures__step-options">
                      <select value={step.by} onChange={(e) => update(setHandover(form, { by: e.target.value as StepActor }))} data-testid="proc-handover-by" aria-label={t('work.handoverWho')}>
                        {STEP_ACTORS.map((a) => (
                          <option key={a} value={a}>
                            {t(`actor.${a}`)}
                          </option>
                        ))}
                      </select>
                      <select value={step.method} onChange={(e) => update(setHandover(form, { method: e.target.value as HandoverMethod }))} data-testid="proc-handover-method" aria-label={t('work.handoverMethod')}>
                        {METHODS.map((m) => (
                          <option key={m} value={m}>
                            {t(`work.method.${m}`)}
                          </option>
                        ))}
                      </select>
                    </span>
                  )}
                  <span className="procedures__step-moves">
                    <button type="button" className="btn btn--small" disabled={i === 0} onClick={() => update(moveStep(form, i, -1))} aria-label={t('work.up', { step: name })} data-testid={`proc-up-${key}`}>
                      ↑
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={i === form.steps.length - 1}
                      onClick={() => update(moveStep(form, i, 1))}
                      aria-label={t('work.down', { step: name })}
                      data-testid={`proc-down-${key}`}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
        <label className="check check--wrap">
          <input type="checkbox" checked={form.ordered} onChange={() => update({ ...form, ordered: !form.ordered })} data-testid="proc-ordered" />
          {t('work.inOrderToggle')}
        </label>
      </fieldset>
      <label className="field">
        <span className="field__label">{t('work.note')}</span>
        <input value={form.note} maxLength={500} onChange={(e) => update({ ...form, note: e.target.value })} data-testid="proc-note" />
      </label>
      <ErrorText text={error} testId="procedure-error" />
      {preview && (
        <div className="procedures__preview" data-testid="procedure-preview">
          <p className="procedures__preview-total">{t('work.previewTrucks', { queued: f.number(preview.queuedInScope), expected: f.number(preview.expectedInScope) })}</p>
          {preview.changes.length === 0 ? (
            <p className="pane__meta">{t('work.noChange')}</p>
          ) : (
            <ul className="procedures__changes">
              {previewRows(preview).map((row) => (
                <li key={`${row.gateId}-${row.direction}-${row.categories.join()}`}>
                  <div>
                    <b>
                      {gateName(row.gateId)} · {t(`direction.${row.direction}`)}
                    </b>{' '}
                    · {row.categories.map((c) => t(`category.${c}`)).join(', ')}
                  </div>
                  <div>
                    <span className="procedures__before">{stepsText(t, row.before)}</span> ⇒ <b>{stepsText(t, row.after)}</b>
                  </div>
                  <div className="pane__meta">{t('work.previewCounts', { queued: f.number(row.queued), expected: f.number(row.expected) })}</div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {done && (
        <p className="report__ok" role="status" data-testid="procedure-done">
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
