import { DEFAULT_PROCEDURE, FORCES, type CheckResult, type DeclarationView, type ProcedureStep, type StepKey } from '../../../shared/index.ts';

// A truck's procedure as its dialog shows it (pure, tested): the steps in the procedure's order, each done
// (confirmed / rejected, when, note) or still to do, and whose turn it is now. A check recorded by a force
// the procedure does not name (before the rule changed, say) is listed after, outside the procedure.

export interface StepLine {
  key: StepKey;
  step: ProcedureStep;
  /** The standing result; none yet: still to do. */
  result?: CheckResult;
  at?: string;
  note?: string;
  /** Open now: the truck is in the yard, the step not confirmed and, in an ordered procedure, every earlier one is. */
  open: boolean;
  /** In the yard but its turn has not come: an earlier step of an ordered procedure is not confirmed yet. */
  waiting: boolean;
  /** Part of the truck's procedure (false: a check it does not need). */
  inProcedure: boolean;
}

export interface StepsView {
  ordered: boolean;
  lines: StepLine[];
  /** Every step confirmed: the truck may clear. */
  ready: boolean;
}

export function procedureSteps(d: DeclarationView): StepsView {
  const procedure = d.procedure?.procedure ?? DEFAULT_PROCEDURE;
  const recordOf = (step: ProcedureStep): { result: CheckResult; at: string; note?: string } | undefined => {
    if (step.kind === 'handover') {
      const h = d.procedure?.handover;
      return h && { result: h.result, at: h.occurredAt, ...(h.note === undefined ? {} : { note: h.note }) };
    }
    const c = d.checks.find((x) => x.force === step.force);
    return c && { result: c.result, at: c.occurredAt, ...(c.note === undefined ? {} : { note: c.note }) };
  };
  let earlierUnconfirmed = false;
  const lines: StepLine[] = procedure.steps.map((step) => {
    const record = recordOf(step);
    const confirmed = record?.result === 'confirmed';
    const queued = d.state === 'queued' && !confirmed;
    const waiting = queued && procedure.ordered && earlierUnconfirmed;
    if (!confirmed) earlierUnconfirmed = true;
    return { key: step.kind === 'check' ? step.force : 'handover', step, ...(record ?? {}), open: queued && !waiting, waiting, inProcedure: true };
  });
  for (const force of FORCES) {
    if (lines.some((l) => l.key === force)) continue;
    const c = d.checks.find((x) => x.force === force);
    if (c) lines.push({ key: force, step: { kind: 'check', force }, result: c.result, at: c.occurredAt, ...(c.note === undefined ? {} : { note: c.note }), open: false, waiting: false, inProcedure: false });
  }
  return { ordered: procedure.ordered, lines, ready: d.procedure?.ready ?? lines.every((l) => !l.inProcedure || l.result === 'confirmed') };
}
