import type { Alert } from '../../shared/alerts.ts';
import type { DeclarationView, WorklistItem } from '../../shared/declarations.ts';
import type { Force } from '../../shared/primitives.ts';
import type { LiveCore } from '../core.ts';
import { alertsList, declarationView, statusOf, worklist, worklistItem } from '../domain/index.ts';
import { DAY_MS } from '../domain/time.ts';

// What each signed-in role gets on top of the public board (CONTRACT §5), read from the core.

export interface RoleViews {
  alerts(): Alert[];
  worklist(gateId: string, force: Force): WorklistItem[];
  /** Worklist changes at a gate for a force, for declarations touched since the last flush. */
  worklistChanges(gateId: string, force: Force, touched: Iterable<string>): { upsert: WorklistItem[]; remove: string[] };
  /** Own declarations not finished, plus those finished in the last 24 h of the clock. */
  myDeclarations(taxCode: string): DeclarationView[];
  /** Own declarations among the touched ones, as whole values. */
  myChanged(taxCode: string, touched: Iterable<string>): DeclarationView[];
  gateOf(declarationId: string): string | undefined;
  taxCodeOf(declarationId: string): string | undefined;
}

export function roleViews(core: LiveCore): RoleViews {
  const { state } = core;
  const view = (id: string): DeclarationView[] => {
    const v = declarationView(state, id, core.eventsOf(id), core.clock.now());
    return v ? [v] : [];
  };
  return {
    alerts: () => alertsList(state, core.alertThreshold),
    worklist: (gateId, force) => worklist(state, gateId, force),
    worklistChanges(gateId, force, touched) {
      const upsert: WorklistItem[] = [];
      const remove: string[] = [];
      for (const id of touched) {
        const item = worklistItem(state, id, gateId, force);
        if (item) upsert.push(item);
        else remove.push(id);
      }
      return { upsert, remove };
    },
    myDeclarations(taxCode) {
      const since = core.clock.now() - DAY_MS;
      const ids = [...(state.byTaxCode.get(taxCode) ?? [])].filter((id) => {
        const d = state.declarations.get(id);
        if (!d) return false;
        const status = statusOf(d);
        if (status === 'cleared') return (d.clearedAt ?? 0) >= since;
        if (status === 'cancelled') return (d.cancelledAt ?? 0) >= since;
        return true;
      });
      return ids.flatMap(view).sort((a, b) => Date.parse(b.declaredAt) - Date.parse(a.declaredAt));
    },
    myChanged: (taxCode, touched) => [...touched].filter((id) => state.declarations.get(id)?.declared.enterprise.taxCode === taxCode).flatMap(view),
    gateOf: (id) => state.declarations.get(id)?.declared.gateId,
    taxCodeOf: (id) => state.declarations.get(id)?.declared.enterprise.taxCode,
  };
}
