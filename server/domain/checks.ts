import type { Force, StepActor } from '../../shared/primitives.ts';
import { stepKey, type StepKey } from '../../shared/procedures.ts';
import { handoverActor, procedureOf, stepsLeft } from './procedures.ts';
import { statusOf, type DeclarationState } from './declaration.ts';
import type { LiveState } from './state.ts';

// Who may record a border-force check (kiểm tra) on which truck: the force of the truck's gate, while the
// truck is neither cleared nor cancelled. Another gate's truck is "not found", so existence is not revealed.

export type CheckProblem = { reason: 'not_found' | 'forbidden' | 'conflict'; message: string };

export function checkProblem(
  state: LiveState,
  by: { gateId: string | undefined; force: Force | undefined },
  declarationId: string,
  force: Force,
): { ok: true; declaration: DeclarationState } | ({ ok: false } & CheckProblem) {
  const declaration = state.declarations.get(declarationId);
  if (!declaration || declaration.declared.gateId !== by.gateId) return { ok: false, reason: 'not_found', message: `no declaration ${declarationId} at your gate` };
  if (force !== by.force) return { ok: false, reason: 'forbidden', message: `you record checks for ${by.force ?? 'no force'} only` };
  const status = statusOf(declaration);
  if (status === 'cleared' || status === 'cancelled') {
    return { ok: false, reason: 'conflict', message: `declaration ${declarationId} is ${status}; it can no longer be checked` };
  }
  return { ok: true, declaration };
}

/**
 * What the truck's procedure says of a check or step now, for one recorded in the console: a step its
 * procedure does not have, or one whose turn has not come (an ordered procedure), is refused. (A gate's
 * own `checked` events are facts and are never refused for this.)
 */
export function procedureProblem(state: LiveState, declaration: DeclarationState, key: StepKey, nowMs: number): CheckProblem | undefined {
  const { procedure } = procedureOf(state.rules, declaration, nowMs);
  const has = procedure.steps.some((s) => stepKey(s) === key);
  const name = key === 'handover' ? 'a hand-over step' : `a ${key} check`;
  if (!has) return { reason: 'conflict', message: `the procedure of declaration ${declaration.declared.declarationId} has no ${name.slice(2)}` };
  if (declaration.arrivedAt === undefined || !procedure.ordered) return undefined;
  const { open, pending } = stepsLeft(procedure, declaration);
  if (pending.includes(key) && !open.includes(key)) return { reason: 'conflict', message: `${name} comes after ${open.join(', ')} in this procedure` };
  return undefined;
}

/** Who may record the hand-over step of a truck: the actor its procedure names, at the truck's gate, while it is in the yard. */
export function stepProblem(
  state: LiveState,
  by: { gateId: string | undefined; actor: StepActor | undefined },
  declarationId: string,
  nowMs: number,
): { ok: true; declaration: DeclarationState } | ({ ok: false } & CheckProblem) {
  const declaration = state.declarations.get(declarationId);
  if (!declaration || declaration.declared.gateId !== by.gateId) return { ok: false, reason: 'not_found', message: `no declaration ${declarationId} at your gate` };
  const status = statusOf(declaration);
  if (status !== 'queued') return { ok: false, reason: 'conflict', message: `declaration ${declarationId} is ${status}; a hand-over happens in the yard` };
  const { procedure } = procedureOf(state.rules, declaration, nowMs);
  const actor = handoverActor(procedure);
  if (actor === undefined) return { ok: false, reason: 'conflict', message: `the procedure of declaration ${declarationId} has no hand-over step` };
  if (actor !== by.actor) return { ok: false, reason: 'forbidden', message: `the hand-over of this truck is confirmed by ${actor}` };
  const problem = procedureProblem(state, declaration, 'handover', nowMs);
  return problem ? { ok: false, ...problem } : { ok: true, declaration };
}
