import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult, DeclarationView, Force } from '../../../../shared/index.ts';
import { getDeclaration, recordCheck } from '../../api/endpoints.ts';
import { errorText } from '../../i18n/errors.ts';
import { useGates, useSession, useStores } from '../../stores/index.tsx';
import { DeclarationDetails } from '../../ui/DeclarationDetails.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';

// One truck: its declaration and every check so far, then Xác nhận / Từ chối (a note is required to reject).

export function TruckDialog({ declarationId, plate, force, onClose }: { declarationId: string; plate: string; force: Force; onClose: () => void }) {
  const { t } = useTranslation();
  const stores = useStores();
  const token = useSession((s) => s.token);
  const [declaration, setDeclaration] = useState<DeclarationView | null>(null);
  const gate = useGates((s) => (declaration ? s.byId[declaration.gateId] : undefined));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    getDeclaration(token, declarationId, abort.signal).then(setDeclaration, (e: unknown) => {
      if (!abort.signal.aborted) setLoadError(errorText(t, e));
    });
    return () => abort.abort();
  }, [token, declarationId, t]);

  const decide = async (result: CheckResult) => {
    const trimmed = note.trim();
    if (result === 'rejected' && !trimmed) return setError(t('worklist.noteRequired'));
    setBusy(true);
    setError(null);
    try {
      await recordCheck(token, declarationId, trimmed ? { force, result, note: trimmed } : { force, result });
      // The delta will say the same; dropping it now makes the list answer the click at once.
      if (result === 'confirmed') stores.worklist.getState().merge({ upsert: [], remove: [declarationId] });
      onClose();
    } catch (e) {
      setBusy(false);
      setError(t('worklist.failed', { message: errorText(t, e) }));
    }
  };

  return (
    <Dialog title={t('worklist.detailTitle', { plate })} closeLabel={t('common.close')} onClose={onClose} testId="truck-dialog">
      {!declaration && !loadError && <p className="pane__empty">{t('common.loading')}</p>}
      <ErrorText text={loadError} />
      {declaration && <DeclarationDetails d={declaration} gate={gate} />}
      <label className="field">
        <span className="field__label">
          {t('worklist.note')} <span className="field__hint">({t('worklist.noteRequired')})</span>
        </span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="check-note" />
      </label>
      <ErrorText text={error} testId="check-error" />
      <div className="form__actions">
        <button type="button" className="btn btn--danger-outline" disabled={busy} onClick={() => void decide('rejected')} data-testid="check-reject">
          {t('worklist.reject')}
        </button>
        <button type="button" className="btn btn--ok" disabled={busy || !declaration} onClick={() => void decide('confirmed')} data-testid="check-confirm">
          {busy ? t('worklist.saving') : t('worklist.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
