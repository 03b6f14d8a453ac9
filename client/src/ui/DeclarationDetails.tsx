import { useTranslation } from 'react-i18next';
import type { DeclarationView, GateStatus } from '../../../shared/index.ts';
import { useFormat } from '../i18n/format.ts';
import { Badge, type Tone } from './Badge.tsx';
import { procedureSteps } from './procedure-steps.ts';
import { ProcedureSteps } from './ProcedureSteps.tsx';

// One declaration (tờ khai) and every standing check per force; shared by look-up, worklist and "my trucks".

export const STATE_TONE: Record<DeclarationView['state'], Tone> = { expected: 'neutral', queued: 'warn', cleared: 'ok', cancelled: 'danger' };

export function DeclarationDetails({ d, gate, compact = false }: { d: DeclarationView; gate?: GateStatus | undefined; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const steps = procedureSteps(d);
  const gateName = gate ? (i18n.language === 'en' ? gate.name.en : gate.name.vi) : d.gateId;
  const row = (label: string, value: string | undefined) =>
    value === undefined ? null : (
      <div className="facts__row">
        <dt>{label}</dt>
        <dd>{value}</dd>
      </div>
    );
  return (
    <div className="decl" data-testid={`declaration-${d.declarationId}`}>
      <dl className="facts">
        {row(t('decl.id'), d.declarationId)}
        {!compact && row(t('decl.gate'), `${gateName} · ${t(`direction.${d.direction}`)}`)}
        {!compact && row(t('decl.enterprise'), `${d.enterprise.name} · ${t('auth.taxCode', { code: d.enterprise.taxCode })}`)}
        {row(t('decl.goods'), `${d.cargo.description} (${t(`category.${d.cargo.category}`)})`)}
        {row(t('decl.value'), t('decl.usd', { n: f.usd(d.cargo.valueUsd) }))}
        {row(t('decl.weight'), t('decl.kg', { n: f.number(d.cargo.weightKg) }))}
        {d.vehicle.trailerPlate !== undefined && row(t('decl.trailer'), d.vehicle.trailerPlate)}
        {row(t('decl.declaredAt'), f.dateTimeShort(d.declaredAt))}
        {d.arrivedAt !== undefined && row(t('decl.arrivedAt'), f.dateTimeShort(d.arrivedAt))}
        {d.clearedAt !== undefined && row(t('decl.clearedAt'), f.dateTimeShort(d.clearedAt))}
        {d.cancelledAt !== undefined && row(t('decl.cancelledAt'), f.dateTimeShort(d.cancelledAt))}
        {d.queuePosition !== undefined && row(t('decl.queuePosition'), t('decl.queuePositionValue', { n: f.number(d.queuePosition) }))}
        {d.waitingMinutes !== undefined && row(t('decl.waiting'), f.duration(d.waitingMinutes) ?? undefined)}
      </dl>
      {d.amendments && d.amendments.length > 0 && (
        <ul className="amendments" data-testid={`amendments-${d.declarationId}`}>
          {d.amendments.map((a) => (
            <li key={`${a.eventId}-${a.field}`} className={a.counts ? undefined : 'amendments__void'}>
              {t('amend.changed', { field: t(`amend.field.${a.field}`), from: shown(a.from), to: shown(a.to), when: f.dateTimeShort(a.occurredAt) })}
              {a.by ? ` · ${a.by}` : ''}
              {!a.counts && ` (${t('amend.noEffect')})`}
            </li>
          ))}
        </ul>
      )}
      <h4 className="decl__checks-title">
        {t('decl.checks')}
        {d.perishable && (
          <>
            {' '}
            <Badge tone="warn">{t('work.priority')}</Badge>
          </>
        )}
        {steps.ordered && <span className="decl__ordered"> · {t('work.inOrder')}</span>}
      </h4>
      <ProcedureSteps view={steps} />
      {steps.ready && d.state === 'queued' && <Badge tone="ok">{t('work.ready')}</Badge>}
    </div>
  );
}

const shown = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));
