import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult, DeclarationView, Force } from '../../../../shared/index.ts';
import { getDeclaration, recordCheck, recordStep } from '../../api/endpoints.ts';
import { TruckTrail } from '../../ui/TruckTrail.tsx';
import { errorText } from '../../i18n/errors.ts';
import { useGates, useSession, useStores } from '../../stores/index.tsx';
import { DeclarationDetails } from '../../ui/DeclarationDetails.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorText } from '../../ui/ErrorText.tsx';

// One truck: its declaration and every check so far, then Xác nhận / Từ chối (a note is required to reject).

export function TruckDialog({
  declarationId,
  plate,
  force,
  tasks = ['check'],
  onClose,
  onNext,
}: {
  declarationId: string;
  plate: string;
  force: Force;
  /** What is open for this force: its check, the hand-over its procedure names it for, or both. */
  tasks?: readonly ('check' | 'handover')[];
  onClose: () => void;
  /** "Confirm and next": after a decision, the next truck of the list (none: closes). */
  onNext?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const token = useSession((s) => s.token);
  const [declaration, setDeclaration] = useState<DeclarationView | null>(null);
  const gate = useGates((s) => (declaration ? s.byId[declaration.gateId] : undefined));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setLoadError(null);
    getDeclaration(token, declarationId, abort.signal).then(setDeclaration, (e: unknown) => {
      if (!abort.signal.aborted) setLoadError(errorText(t, e));
    });
    return () => abort.abort();
  }, [token, declarationId, t, attempt]);

  // Keyboard flow: once the truck is shown, focus is on "confirm and next" — Enter decides and opens the next.
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (declaration) primary.current?.focus();
  }, [declaration]);

  const decide = async (result: CheckResult, what: 'check' | 'handover' = 'check', then: 'close' | 'next' = 'close') => {
    const trimmed = note.trim();
    if (result === 'rejected' && !trimmed) return setError(t('worklist.noteRequired'));
    setBusy(true);
    setError(null);
    try {
      const withNote = trimmed ? { note: trimmed } : {};
      if (what === 'handover') await recordStep(token, declarationId, { step: 'handover', result, ...withNote });
      else await recordCheck(token, declarationId, { force, result, ...withNote });
      // The delta will say the same; answering now makes the list follow the click at once (a truck that
      // still has the other task open for this force stays, with that task only).
      if (result === 'confirmed') {
        const list = stores.worklist.getState();
        const item = list.byId[declarationId];
        const left = item?.tasks.filter((task) => task !== what) ?? [];
        list.merge(item && left.length > 0 ? { upsert: [{ ...item, tasks: left }], remove: [] } : { upsert: [], remove: [declarationId] });
      }
      if (then === 'next' && onNext) onNext();
      else onClose();
    } catch (e) {
      setBusy(false);
      setError(t('worklist.failed', { message: errorText(t, e) }));
    }
  };

  return (
    <Dialog title={t('worklist.detailTitle', { plate })} closeLabel={t('common.close')} onClose={onClose} testId="truck-dialog">
      {!declaration && !loadError && <p className="pane__empty">{t('common.loading')}</p>}
      <ErrorText text={loadError} testId="truck-load-error" onRetry={() => setAttempt((n) => n + 1)} />
      {declaration && <DeclarationDetails d={declaration} gate={gate} />}
      {declaration && (
        <details className="trail-box">
          <summary>{t('trail.open')}</summary>
          <TruckTrail d={declaration} />
        </details>
      )}
      <label className="field">
        <span className="field__label">
          {t('worklist.note')} <span className="field__hint">({t('worklist.noteRequired')})</span>
        </span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="check-note" />
      </label>
      <ErrorText text={error} testId="check-error" />
      {tasks.includes('handover') && (
        <div className="form__actions" aria-label={t('work.handover')}>
          <span className="form__label">{t('work.handover')}</span>
          <button type="button" className="btn btn--danger-outline" disabled={busy} onClick={() => void decide('rejected', 'handover')} data-testid="handover-reject">
            {t('worklist.reject')}
          </button>
          <button
            type="button"
            ref={tasks.includes('check') ? undefined : primary}
            className="btn btn--ok"
            disabled={busy || !declaration}
            onClick={() => void decide('confirmed', 'handover')}
            data-testid="handover-confirm"
          >
            {t('work.handoverDone')}
          </button>
        </div>
      )}
      {tasks.includes('check') && (
        <div className="form__actions">
          <button type="button" className="btn btn--danger-outline" disabled={busy} onClick={() => void decide('rejected')} data-testid="check-reject">
            {t('worklist.reject')}
          </button>
          <button type="button" className="btn btn--ok" disabled={busy || !declaration} onClick={() => void decide('confirmed')} data-testid="check-confirm">
            {busy ? t('worklist.saving') : t('worklist.confirm')}
          </button>
          {onNext && (
            <button
              type="button"
              ref={primary}
              className="btn btn--ok"
              disabled={busy || !declaration}
              onClick={() => void decide('confirmed', 'check', 'next')}
              data-testid="check-confirm-next"
            >
              {t('worklist.confirmNext')}
            </button>
          )}
        </div>
      )}
    </Dialog>
  );
}
