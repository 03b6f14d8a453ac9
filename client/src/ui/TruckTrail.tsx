import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeclarationView } from '../../../shared/index.ts';
import { getDeclaration } from '../api/endpoints.ts';
import { errorText } from '../i18n/errors.ts';
import { useFormat } from '../i18n/format.ts';
import { useSession } from '../stores/index.tsx';
import { Dialog } from './Dialog.tsx';
import { ErrorText } from './ErrorText.tsx';
import { trailRows, type TrailRow } from './trail.ts';

// A truck's trail: declared, corrected, arrived, each check and hand-over, cleared — with the time each
// step waited for the one before. Opened from every list that shows a truck.

function describe(t: (k: string, o?: Record<string, unknown>) => string, row: TrailRow, value: (v: unknown) => string): string {
  const s = row.step;
  switch (s.kind) {
    case 'declared':
    case 'arrived':
    case 'cleared':
      return t(`trail.${s.kind}`);
    case 'cancelled':
      return t('trail.cancelled', { reason: s.reason });
    case 'checked':
      return t('trail.checked', { force: t(`force.${s.force}`), result: t(`decl.${s.result}`) }) + (s.note ? ` — “${s.note}”` : '');
    case 'step':
      return t('trail.handover', { by: t(`actor.${s.by}`), result: t(`decl.${s.result}`) }) + (s.note ? ` — “${s.note}”` : '');
    case 'amended': {
      const changes = s.changes.map((c) => `${t(`amend.field.${c.field}`)}: ${value(c.from)} → ${value(c.to)}${c.counts ? '' : ` (${t('amend.noEffect')})`}`).join('; ');
      return `${t('trail.amended')}${changes ? `: ${changes}` : ''}${s.by ? ` · ${s.by}` : ''}`;
    }
  }
}

export function TruckTrail({ d }: { d: DeclarationView }) {
  const { t } = useTranslation();
  const f = useFormat();
  const value = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'boolean' ? t(v ? 'common.yes' : 'common.no') : typeof v === 'number' ? f.number(v) : String(v));
  const rows = trailRows(d);
  return (
    <ol className="trail" data-testid={`trail-${d.declarationId}`}>
      {rows.map((row) => (
        <li key={row.eventId} className={`trail__row trail__row--${row.step.kind}`}>
          <span className="trail__when num">{f.dateTimeShort(row.at)}</span>
          <span className="trail__what">{describe(t, row, value)}</span>
          {row.sinceMinutes !== undefined && <span className="trail__since num">+{f.duration(row.sinceMinutes)}</span>}
        </li>
      ))}
    </ol>
  );
}

/** "Hành trình": a button that opens the trail of one declaration (fetched when opened). */
export function TrailButton({ declarationId, plate }: { declarationId: string; plate: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn--link" onClick={() => setOpen(true)} data-testid={`trail-open-${declarationId}`}>
        {t('trail.open')}
      </button>
      {open && <TrailDialog declarationId={declarationId} plate={plate} onClose={() => setOpen(false)} />}
    </>
  );
}

function TrailDialog({ declarationId, plate, onClose }: { declarationId: string; plate: string; onClose: () => void }) {
  const { t } = useTranslation();
  const token = useSession((s) => s.token);
  const [d, setD] = useState<DeclarationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setError(null);
    getDeclaration(token, declarationId, abort.signal).then(setD, (e: unknown) => {
      if (!abort.signal.aborted) setError(errorText(t, e));
    });
    return () => abort.abort();
  }, [token, declarationId, t, attempt]);
  return (
    <Dialog title={t('trail.title', { plate })} closeLabel={t('common.close')} onClose={onClose} testId="trail-dialog">
      {!d && !error && <p className="pane__empty">{t('common.loading')}</p>}
      <ErrorText text={error} testId="trail-error" onRetry={() => setAttempt((n) => n + 1)} />
      {d && <TruckTrail d={d} />}
    </Dialog>
  );
}
