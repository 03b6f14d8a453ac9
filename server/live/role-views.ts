import type { Alert } from '../../shared/alerts.ts';
import type { DeclarationView, WorklistItem } from '../../shared/declarations.ts';
import type { Force } from '../../shared/primitives.ts';
import type { AppCore } from '../core/app-core.ts';
import { alertsList, declarationView, statusOf, worklist, worklistItem, type LiveState } from '../domain/index.ts';
import { DAY_MS } from '../domain/time.ts';

// What each signed-in role gets on top of the public board (CONTRACT §5), read from the core.

export interface RoleViews {
  alerts(): Alert[];
  worklist(gateId: string, force: Force): WorklistItem[];
  /** Worklist changes at a gate for a force, for declarations touched since the last flush. */
  worklistChanges(gateId: string, force: Force, touched: Iterable<string>): { upsert: WorklistItem[]; remove: string[] };
  /** Own declarations not finished, plus those finished in the last 24 h of the clock. */
  myDeclarations(taxCode: string): Promise<DeclarationView[]>;
  /** Own declarations among the touched ones, as whole values. */
  myChanged(taxCode: string, touched: Iterable<string>): Promise<DeclarationView[]>;
  gateOf(declarationId: string): string | undefined;
  taxCodeOf(declarationId: string): string | undefined;
}

export function roleViews(core: AppCore): RoleViews {
  const read = <T>(query: (state: Readonly<LiveState>) => T): T => core.read(query);
  // A declaration's view needs its events from the log (a store read): read them, then build the view.
  const views = async (ids: readonly string[]): Promise<DeclarationView[]> => {
    const events = await Promise.all(ids.map((id) => core.eventsOf(id)));
    const now = core.clock.now();
    return ids.flatMap((id, i) => read((s) => declarationView(s, id, events[i] ?? [], now)) ?? []);
  };
  return {
    alerts: () => read((s) => alertsList(s, core.alertThreshold)),
    worklist: (gateId, force) => read((s) => worklist(s, gateId, force)),
    worklistChanges(gateId, force, touched) {
      const upsert: WorklistItem[] = [];
      const remove: string[] = [];
      for (const id of touched) {
        const item = read((s) => worklistItem(s, id, gateId, force));
        if (item) upsert.push(item);
        else remove.push(id);
      }
      return { upsert, remove };
    },
    async myDeclarations(taxCode) {
      const since = core.clock.now() - DAY_MS;
      const ids = read((s) =>
        [...(s.byTaxCode.get(taxCode) ?? [])].filter((id) => {
          const d = s.declarations.get(id);
          if (!d) return false;
          const status = statusOf(d);
          if (status === 'cleared') return (d.clearedAt ?? 0) >= since;
          if (status === 'cancelled') return (d.cancelledAt ?? 0) >= since;
          return true;
        }),
      );
      return (await views(ids)).sort((a, b) => Date.parse(b.declaredAt) - Date.parse(a.declaredAt));
    },
    myChanged: (taxCode, touched) => views(read((s) => [...touched].filter((id) => s.declarations.get(id)?.declared.enterprise.taxCode === taxCode))),
    gateOf: (id) => read((s) => s.declarations.get(id)?.declared.gateId),
    taxCodeOf: (id) => read((s) => s.declarations.get(id)?.declared.enterprise.taxCode),
  };
}
