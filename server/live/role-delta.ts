import type { Delta } from '../../shared/live.ts';
import type { RoleViews } from './role-views.ts';
import { parseRoom } from './rooms.ts';

// The part of a delta that depends on the delivery room: operators' alerts, a border force's worklist
// changes at its gate, an enterprise's own declarations. Touched ids are grouped once per flush.

export interface Pending {
  gates: Set<string>;
  notices: Set<string>;
  /** Declarations touched since the last flush (collected only while role rooms exist). */
  touched: Set<string>;
  alerts: boolean;
}

type Extras = Pick<Delta, 'alerts' | 'worklist' | 'myDeclarations' | 'myEtas'>;

export type RoomExtras = (name: string) => Promise<Extras>;

const push = (index: Map<string, string[]>, key: string | undefined, id: string): void => {
  if (key === undefined) return;
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
};

/** Prepare one flush's role extras: group the touched declarations by gate and by owner once. */
export function roleExtrasFor(pending: Pending, views: RoleViews): RoomExtras {
  const byGate = new Map<string, string[]>();
  const byTaxCode = new Map<string, string[]>();
  for (const id of pending.touched) {
    push(byGate, views.gateOf(id), id);
    push(byTaxCode, views.taxCodeOf(id), id);
  }
  let alerts: Extras | undefined;
  const operatorExtras = (): Extras => {
    if (alerts) return alerts;
    const list = views.alerts();
    // Alerts carry the live queue, so a change at a gate in alert moves them too.
    const changed = pending.alerts || list.some((a) => a.kind === 'queue_over_capacity' && pending.gates.has(a.gateId));
    alerts = changed ? { alerts: list } : {};
    return alerts;
  };
  return async (name) => {
    const room = parseRoom(name);
    if (!room) return {};
    switch (room.kind) {
      case 'public':
        return {};
      case 'operator':
        return operatorExtras();
      case 'force': {
        const atGate = byGate.get(room.gateId);
        return atGate ? { worklist: views.worklistChanges(room.gateId, room.force, atGate) } : {};
      }
      case 'enterprise': {
        const mine = byTaxCode.get(room.taxCode);
        const etas = pending.gates.size > 0 ? views.myEtaChanges(room.taxCode) : undefined;
        return {
          ...(mine ? { myDeclarations: await views.myChanged(room.taxCode, mine) } : {}),
          ...(etas && etas.length > 0 ? { myEtas: etas } : {}),
        };
      }
    }
  };
}
