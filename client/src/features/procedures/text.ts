import type { TFunction } from 'i18next';
import type { Procedure, ProcedureStep } from '../../../../shared/index.ts';

// How a procedure reads on the procedure screen: "Kiểm dịch → Giao nhận (Biên phòng)" when in order, "+" when not.

export const stepText = (t: TFunction, s: ProcedureStep): string => (s.kind === 'check' ? t(`force.${s.force}`) : t('work.handoverBy', { by: t(`actor.${s.by}`) }));

export function stepsText(t: TFunction, p: Procedure): string {
  const names = p.steps.map((s) => stepText(t, s));
  return names.length === 0 ? t('work.noSteps') : names.join(p.ordered ? ' → ' : ' + ');
}
