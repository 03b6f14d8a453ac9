import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARGO_CATEGORIES, type CargoCategory, type NoticeDirection } from '../../../../shared/index.ts';
import { issueNotice } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useFormat } from '../../i18n/format.ts';
import { useConfig, useConnection, useGates, useSession, useStores, useView, type ComposePrefill } from '../../stores/index.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';
import { buildDraft, formFromDraft, initialForm, previewOf, scopeDraft, type FormErrorKey, type NoticeForm } from './draft.ts';
import { NoticeText } from './NoticeText.tsx';
import { WhatIf } from './WhatIf.tsx';
import { DateField } from '../../ui/DateField.tsx';

// Soạn thông báo tạm dừng tiếp nhận: opened from a gate panel with the scope pre-filled, or from a recommended
// notice with all of it filled in (sent back with its recommendationId); a live preview shows it as enterprises
// will read it, the what-if what it would do to the yards; POST /notices; the server's refusal beside the form.

const DIRECTIONS: readonly NoticeDirection[] = ['export', 'import', 'both'];

export function NoticeComposerHost() {
  const gateId = useView((s) => s.composeFor);
  const prefill = useView((s) => s.composePrefill);
  const role = useSession((s) => s.user?.role);
  if (!gateId || role !== 'operator') return null;
  return <NoticeComposer key={prefill?.recommendationId ?? gateId} gateId={gateId} prefill={prefill} />;
}

export function NoticeComposer({ gateId, prefill = null }: { gateId: string; prefill?: ComposePrefill | null }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const stores = useStores();
  const token = useSession((s) => s.token);
  const timeZone = useConfig((s) => s.config.timezone);
  const gates = useGates((s) => s.byId);
  const order = useGates((s) => s.order);
  const asOf = useConnection((s) => s.asOf);
  const [form, setForm] = useState<NoticeForm>(() =>
    prefill ? formFromDraft(prefill.draft, timeZone) : initialForm(gateId, asOf ?? new Date().toISOString(), timeZone),
  );
  const [errors, setErrors] = useState<FormErrorKey[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => stores.view.getState().closeComposer();
  const whatIfDraft = useMemo(() => scopeDraft(form, timeZone), [form, timeZone]);
  const nameOf = (id: string) => {
    const gate = gates[id];
    return gate ? (i18n.language === 'en' ? gate.name.en : gate.name.vi) : id;
  };
  const update = (patch: Partial<NoticeForm>) => setForm((f) => ({ ...f, ...patch }));
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));
  const errorOf = (key: FormErrorKey) => (errors.includes(key) ? t(`notice.errors.${key}`) : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildDraft(form, timeZone);
    setErrors(built.errors);
    setServerError(null);
    if (!built.draft) return;
    setBusy(true);
    try {
      const notice = await issueNotice(token, prefill ? { ...built.draft, recommendationId: prefill.recommendationId } : built.draft);
      stores.notices.getState().merge([notice]);
      close();
    } catch (e) {
      setBusy(false);
      setServerError(t('notice.errors.server', { message: errorText(t, e) }));
    }
  };

  return (
    <Dialog title={t('notice.composeTitle', { gate: nameOf(gateId) })} closeLabel={t('common.close')} onClose={close} wide testId="notice-composer">
      {prefill && (
        <p className="composer__from-rec num" data-testid="composer-from-recommendation">
          {t('recommend.fromRecommendation', { time: fmt.dateTimeShort(prefill.fullAt) })}
        </p>
      )}
      <div className="composer">
        <form className="form composer__form" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="field">
            <legend className="field__label">{t('notice.gates')}</legend>
            <div className="checks">
              {order.map((id) => (
                <label key={id} className="check">
                  <input type="checkbox" checked={form.gateIds.includes(id)} onChange={(e) => update({ gateIds: toggle(form.gateIds, id, e.target.checked) })} />
                  {nameOf(id)}
                </label>
              ))}
            </div>
            <ErrorText text={errorOf('gates')} />
          </fieldset>
          <fieldset className="field">
            <legend className="field__label">{t('notice.direction')}</legend>
            <div className="checks">
              {DIRECTIONS.map((d) => (
                <label key={d} className="check">
                  <input type="radio" name="direction" value={d} checked={form.direction === d} onChange={() => update({ direction: d })} />
                  {t(`direction.${d}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="field">
            <legend className="field__label">{t('notice.goods')}</legend>
            <div className="checks">
              <label className="check check--strong">
                <input type="checkbox" data-testid="all-goods" checked={form.allGoods} onChange={(e) => update({ allGoods: e.target.checked })} />
                {t('category.all')}
              </label>
              {CARGO_CATEGORIES.map((c: CargoCategory) => (
                <label key={c} className="check">
                  <input
                    type="checkbox"
                    data-testid={`category-${c}`}
                    disabled={form.allGoods}
                    checked={form.allGoods || form.categories.includes(c)}
                    onChange={(e) => update({ categories: toggle(form.categories, c, e.target.checked) })}
                  />
                  {t(`category.${c}`)}
                </label>
              ))}
            </div>
            <ErrorText text={errorOf('categories')} />
          </fieldset>
          <div className="field-row">
            <label className="field">
              <span className="field__label">{t('notice.effectiveFrom')}</span>
              <DateField withTime name="from" value={form.from} onChange={(from) => update({ from })} />
              <ErrorText text={errorOf('from')} />
            </label>
            <label className="field">
              <span className="field__label">{t('notice.effectiveUntil')}</span>
              <DateField withTime name="until" value={form.until} onChange={(until) => update({ until })} />
              <span className="field__hint">{t('notice.untilHint')}</span>
              <ErrorText text={errorOf('until')} />
            </label>
          </div>
          <label className="field">
            <span className="field__label">{t('notice.reasonVi')} *</span>
            <textarea name="reasonVi" rows={3} value={form.reasonVi} onChange={(e) => update({ reasonVi: e.target.value })} />
            <ErrorText text={errorOf('reason')} />
          </label>
          <label className="field">
            <span className="field__label">
              {t('notice.reasonEn')} <span className="field__hint">({t('common.optional')})</span>
            </span>
            <textarea name="reasonEn" rows={3} value={form.reasonEn} onChange={(e) => update({ reasonEn: e.target.value })} />
          </label>
          <ErrorText text={serverError} testId="notice-server-error" />
          <div className="form__actions">
            <button type="button" className="btn" onClick={close}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn--danger" disabled={busy} data-testid="notice-submit">
              {busy ? t('notice.submitting') : t('notice.submit')}
            </button>
          </div>
        </form>
        <aside className="composer__preview" aria-live="polite">
          <h3 className="composer__preview-title">{t('notice.preview')}</h3>
          <NoticeText notice={previewOf(form, timeZone)} testId="notice-preview" />
          <WhatIf draft={whatIfDraft} />
        </aside>
      </div>
    </Dialog>
  );
}
