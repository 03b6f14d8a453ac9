import { addDays, fromLocalInput, localDateOf } from '../../i18n/datetime.ts';
import { DEFAULT_PROCEDURE, ServicePattern, type CargoCategory, type Force, type HandoverMethod, type ProcedureChangeRequest, type ProcedureStep, type ServicePatternRequest, type StepActor } from '../../../../shared/index.ts';

// The procedure editor's form and the request it makes (pure, tested without a browser). The steps are one
// list in the order they are done when "in this order" is ticked: the forces' checks and at most one
// hand-over step (who confirms it, how the goods change hands), each movable up and down.

export interface ProcedureForm {
  gateIds: string[];
  direction: 'export' | 'import' | 'both';
  /** Empty: every category. */
  categories: CargoCategory[];
  /** `YYYY-MM-DDTHH:mm`, local time of the deployment. */
  from: string;
  steps: ProcedureStep[];
  ordered: boolean;
  note: string;
}

/** From tomorrow 06:00 local (the start of the next working day), today's steps, nothing else chosen yet. */
export function initialProcedureForm(gateIds: readonly string[], now: string | number, timeZone: string): ProcedureForm {
  return {
    gateIds: [...gateIds],
    direction: 'export',
    categories: [],
    from: `${addDays(localDateOf(now, timeZone), 1)}T06:00`,
    steps: [...DEFAULT_PROCEDURE.steps],
    ordered: false,
    note: '',
  };
}

const isCheckOf = (force: Force) => (s: ProcedureStep): boolean => s.kind === 'check' && s.force === force;

/** Tick or untick a force's check (a new one goes before the hand-over, if any, so checks stay in front). */
export function toggleCheck(form: ProcedureForm, force: Force): ProcedureForm {
  if (form.steps.some(isCheckOf(force))) return { ...form, steps: form.steps.filter((s) => !isCheckOf(force)(s)) };
  const at = form.steps.findIndex((s) => s.kind === 'handover');
  const steps = [...form.steps];
  steps.splice(at < 0 ? steps.length : at, 0, { kind: 'check', force });
  return { ...form, steps };
}

/** Add a hand-over step at the end (after the checks: the goods change hands once they are cleared), or drop it. */
export function toggleHandover(form: ProcedureForm): ProcedureForm {
  if (form.steps.some((s) => s.kind === 'handover')) return { ...form, steps: form.steps.filter((s) => s.kind !== 'handover') };
  return { ...form, steps: [...form.steps, { kind: 'handover', by: 'border_guard', method: 'transshipment' }] };
}

export function setHandover(form: ProcedureForm, patch: { by?: StepActor; method?: HandoverMethod }): ProcedureForm {
  return { ...form, steps: form.steps.map((s) => (s.kind === 'handover' ? { ...s, ...patch } : s)) };
}

/** Move the step at `index` one place earlier (−1) or later (+1); nothing at the ends. */
export function moveStep(form: ProcedureForm, index: number, by: -1 | 1): ProcedureForm {
  const j = index + by;
  const a = form.steps[index];
  const b = form.steps[j];
  if (a === undefined || b === undefined) return form;
  const steps = [...form.steps];
  steps[index] = b;
  steps[j] = a;
  return { ...form, steps };
}

export type FormProblem = 'gates' | 'from' | 'past' | 'steps';

/** A minute's grace, as the server gives, for a form filled in "from now". */
const GRACE_MS = 60_000;

/** The request for POST /procedures, or what is wrong with the form; `nowMs` is the server clock. */
export function buildProcedureRequest(form: ProcedureForm, timeZone: string, nowMs: number): { request: ProcedureChangeRequest } | { problem: FormProblem } {
  if (form.gateIds.length === 0) return { problem: 'gates' };
  const effectiveFrom = fromLocalInput(form.from, timeZone);
  if (!effectiveFrom) return { problem: 'from' };
  if (Date.parse(effectiveFrom) < nowMs - GRACE_MS) return { problem: 'past' };
  if (form.steps.length === 0) return { problem: 'steps' };
  const note = form.note.trim();
  return {
    request: {
      gateIds: [...form.gateIds],
      direction: form.direction,
      ...(form.categories.length > 0 ? { categories: [...form.categories] } : {}),
      effectiveFrom,
      procedure: { steps: form.steps.map((s) => ({ ...s })), ordered: form.ordered },
      ...(note ? { note } : {}),
    },
  };
}

/** A gate's service pattern as the form holds it: first come, first served, or N perishable : M others. */
export interface PatternForm {
  mode: 'fifo' | 'ratio';
  priority: string;
  regular: string;
}

/** The pattern form of a gate's pattern now (first come, first served suggests 1 : 3 when switched to a ratio). */
export const patternFormOf = (pattern: ServicePattern | null): PatternForm =>
  pattern ? { mode: 'ratio', priority: String(pattern.priority), regular: String(pattern.regular) } : { mode: 'fifo', priority: '1', regular: '3' };

/** The request for POST /service-patterns, or `pattern` when N or M is not a whole number in range (the shared schema's). */
export function buildPatternRequest(gateId: string, form: PatternForm): { request: ServicePatternRequest } | { problem: 'pattern' } {
  if (form.mode === 'fifo') return { request: { gateIds: [gateId], pattern: null } };
  const whole = (v: string): number => (/^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN);
  const parsed = ServicePattern.safeParse({ priority: whole(form.priority), regular: whole(form.regular) });
  return parsed.success ? { request: { gateIds: [gateId], pattern: parsed.data } } : { problem: 'pattern' };
}
