import { addDays, fromLocalInput, localDateOf } from '../../i18n/datetime.ts';
import type { CargoCategory, Force, HandoverMethod, ProcedureChangeRequest, StepActor } from '../../../../shared/index.ts';

// The procedure editor's form and the request it makes (pure, tested without a browser).

export interface ProcedureForm {
  gateIds: string[];
  direction: 'export' | 'import' | 'both';
  /** Empty: every category. */
  categories: CargoCategory[];
  /** `YYYY-MM-DDTHH:mm`, local time of the deployment. */
  from: string;
  /** The forces that check, in order. */
  checks: Force[];
  handover: { by: StepActor; method: HandoverMethod; position: 'first' | 'last' } | null;
  ordered: boolean;
  note: string;
}

/** Tomorrow 06:00, local: a change from the start of the next working day. */
export function initialProcedureForm(gateId: string, now: string | number, timeZone: string): ProcedureForm {
  return {
    gateIds: [gateId],
    direction: 'export',
    categories: ['fresh_fruit'],
    from: `${addDays(localDateOf(now, timeZone), 1)}T06:00`,
    checks: ['border_guard', 'customs', 'quarantine'],
    handover: null,
    ordered: false,
    note: '',
  };
}

export type FormProblem = 'gates' | 'from' | 'steps';

export function buildProcedureRequest(form: ProcedureForm, timeZone: string): { request: ProcedureChangeRequest } | { problem: FormProblem } {
  if (form.gateIds.length === 0) return { problem: 'gates' };
  const effectiveFrom = fromLocalInput(form.from, timeZone);
  if (!effectiveFrom) return { problem: 'from' };
  if (form.checks.length === 0 && !form.handover) return { problem: 'steps' };
  const checks = form.checks.map((force) => ({ kind: 'check' as const, force }));
  const handover = form.handover ? [{ kind: 'handover' as const, by: form.handover.by, method: form.handover.method }] : [];
  const steps = form.handover?.position === 'first' ? [...handover, ...checks] : [...checks, ...handover];
  return {
    request: {
      gateIds: form.gateIds,
      direction: form.direction,
      ...(form.categories.length > 0 ? { categories: form.categories } : {}),
      effectiveFrom,
      procedure: { steps, ordered: form.ordered },
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    },
  };
}
