import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { Badge } from './Badge.tsx';
import type { StepLine, StepsView } from './procedure-steps.ts';
import './procedure-steps.css';

// A truck's procedure: its steps in order (numbered when they must go in that order), each done or still to do.

export function ProcedureSteps({ view }: { view: StepsView }) {
  const List = view.ordered ? 'ol' : 'ul';
  return (
    <List className="checks-list" data-testid="procedure-steps">
      {view.lines.map((line, i) => (
        <Step key={line.key} line={line} n={view.ordered && line.inProcedure ? i + 1 : undefined} />
      ))}
    </List>
  );
}

function Step({ line, n }: { line: StepLine; n: number | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { step } = line;
  const name = step.kind === 'check' ? t(`force.${step.force}`) : t('work.handoverBy', { by: t(`actor.${step.by}`) });
  const todo = step.kind === 'handover' ? t('work.handoverPending') : t('decl.pending');
  return (
    <li className={line.inProcedure ? 'checks-list__item' : 'checks-list__item checks-list__item--outside'} data-testid={`check-${line.key}`}>
      <span className="checks-list__force checks-list__force--step">
        {n !== undefined && <span className="checks-list__n">{n}.</span>}
        {name}
      </span>
      {line.result ? (
        <Badge tone={line.result === 'confirmed' ? 'ok' : 'danger'}>{t(`decl.${line.result}`)}</Badge>
      ) : (
        <Badge tone={line.open ? 'warn' : 'neutral'}>{line.waiting ? t('work.notYourTurn') : todo}</Badge>
      )}
      {line.at !== undefined && <span className="checks-list__when num">{f.dateTimeShort(line.at)}</span>}
      {step.kind === 'handover' && <span className="checks-list__when">{t(`work.method.${step.method}`)}</span>}
      {!line.inProcedure && <span className="checks-list__when">{t('work.outsideProcedure')}</span>}
      {line.note && <span className="checks-list__note">“{line.note}”</span>}
    </li>
  );
}
