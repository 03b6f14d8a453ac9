import type { Force } from '../../shared/primitives.ts';
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
