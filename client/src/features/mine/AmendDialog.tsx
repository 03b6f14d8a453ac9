import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CARGO_CATEGORIES, type AmendmentChanges, type CargoCategory, type DeclarationView } from '../../../../shared/index.ts';
import { amendDeclaration } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useSession, useStores } from '../../stores/index.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';

// Sửa tờ khai: a trader corrects a plate, trailer, goods, category, HS code, weight or value instead of
// declaring again. Only what changed is sent; nothing changes when the server refuses (after clearing, or
// a category a notice stops for a truck not yet at the gate).

export interface AmendDraft {
  plate: string;
  trailerPlate: string;
  description: string;
  category: CargoCategory;
  hsCode: string;
  weightKg: string;
  valueUsd: string;
}

export const draftOf = (d: DeclarationView): AmendDraft => ({
  plate: d.vehicle.plate,
  trailerPlate: d.vehicle.trailerPlate ?? '',
  description: d.cargo.description,
  category: d.cargo.category,
  hsCode: d.cargo.hsCode ?? '',
  weightKg: String(d.cargo.weightKg),
  valueUsd: String(d.cargo.valueUsd),
});

/** The changes a form asks for: only fields that differ from the declaration; undefined when none. */
export function changesOf(d: DeclarationView, draft: AmendDraft): AmendmentChanges | { error: 'number' } | undefined {
  const was = draftOf(d);
  const vehicle: NonNullable<AmendmentChanges['vehicle']> = {};
  const cargo: NonNullable<AmendmentChanges['cargo']> = {};
  if (draft.plate.trim() !== was.plate) vehicle.plate = draft.plate.trim();
  if (draft.trailerPlate.trim() !== was.trailerPlate && draft.trailerPlate.trim() !== '') vehicle.trailerPlate = draft.trailerPlate.trim();
  if (draft.description.trim() !== was.description) cargo.description = draft.description.trim();
  if (draft.category !== was.category) cargo.category = draft.category;
  if (draft.hsCode.trim() !== was.hsCode && draft.hsCode.trim() !== '') cargo.hsCode = draft.hsCode.trim();
  for (const key of ['weightKg', 'valueUsd'] as const) {
    if (draft[key].trim() === was[key]) continue;
    const n = Number(draft[key].replace(/[\s,]/g, ''));
    if (!Number.isFinite(n)) return { error: 'number' };
    cargo[key] = n;
  }
  const out: AmendmentChanges = {};
  if (Object.keys(vehicle).length > 0) out.vehicle = vehicle;
  if (Object.keys(cargo).length > 0) out.cargo = cargo;
  return out.vehicle || out.cargo ? out : undefined;
}

export function AmendDialog({ d, onClose }: { d: DeclarationView; onClose: () => void }) {
  const { t } = useTranslation();
  const token = useSession((s) => s.token);
  const stores = useStores();
  const [draft, setDraft] = useState<AmendDraft>(() => draftOf(d));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof AmendDraft) => (e: { target: { value: string } }) => setDraft((x) => ({ ...x, [key]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes = changesOf(d, draft);
    if (changes === undefined) return setError(t('amend.nothing'));
    if ('error' in changes) return setError(t('amend.badNumber'));
    setBusy(true);
    setError(null);
    try {
      const view = await amendDeclaration(token, d.declarationId, changes);
      stores.myDeclarations.getState().merge([view]);
      onClose();
    } catch (err) {
      setBusy(false);
      setError(t('amend.failed', { message: errorText(t, err) }));
    }
  };

  const field = (key: keyof AmendDraft, label: string, extra: Record<string, string> = {}) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input value={draft[key]} onChange={set(key)} data-testid={`amend-${key}`} {...extra} />
    </label>
  );
  return (
    <Dialog title={t('amend.title', { plate: d.vehicle.plate })} closeLabel={t('common.close')} onClose={onClose} testId="amend-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <p className="pane__meta">{t('amend.hint')}</p>
        {field('plate', t('amend.field.vehicle.plate'))}
        {field('trailerPlate', t('amend.field.vehicle.trailerPlate'))}
        {field('description', t('amend.field.cargo.description'))}
        <label className="field">
          <span className="field__label">{t('amend.field.cargo.category')}</span>
          <select value={draft.category} onChange={set('category')} data-testid="amend-category">
            {CARGO_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {field('hsCode', t('amend.field.cargo.hsCode'), { inputMode: 'numeric' })}
        {field('weightKg', t('amend.field.cargo.weightKg'), { inputMode: 'decimal' })}
        {field('valueUsd', t('amend.field.cargo.valueUsd'), { inputMode: 'decimal' })}
        <ErrorText text={error} testId="amend-error" />
        <div className="form__actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy} data-testid="amend-submit">
            {busy ? t('worklist.saving') : t('amend.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
