import type { Alert } from '../../shared/alerts.ts';
import type { DeclarationView, Eta, WorklistItem } from '../../shared/declarations.ts';
import type { Force } from '../../shared/primitives.ts';
import type { AppCore } from '../core/app-core.ts';
import { declarationView, etaView, idsOfTaxCode, laneQueuesOnce, statusOf, worklist, worklistItem, type LiveState } from '../domain/index.ts';
import { DAY_MS } from '../domain/time.ts';

// What each signed-in role gets on top of the public board (CONTRACT §5), read from the core.

// Each truck's lane work is shared (waits.ts laneOutlook), so a second is cheap — and at a day a minute the
// queue ahead moves by hours in 10 s, which left two cards of one lane out of order.
export const ETA_REFRESH_MS = 1_000;

export interface RoleViews {
  alerts(): Alert[];
  worklist(gateId: string, force: Force): WorklistItem[];
  /** Worklist changes at a gate for a force, for declarations touched since the last flush. */
  worklistChanges(gateId: string, force: Force, touched: Iterable<string>): { upsert: WorklistItem[]; remove: string[] };
  /** Own declarations not finished, plus those finished in the last 24 h of the clock. */
  myDeclarations(taxCode: string): Promise<DeclarationView[]>;
  /** Own declarations among the touched ones, as whole values. */
  myChanged(taxCode: string, touched: Iterable<string>): Promise<DeclarationView[]>;
  /**
   * Own trucks not yet cleared whose ETA moved since this room last heard (whole minutes), at most every
   * `ETA_REFRESH_MS`: the queue ahead moves without the truck's own events. Undefined when not due.
   */
  myEtaChanges(taxCode: string): { declarationId: string; eta: Eta | null }[] | undefined;
  gateOf(declarationId: string): string | undefined;
  taxCodeOf(declarationId: string): string | undefined;
}

export function roleViews(core: AppCore): RoleViews {
  const read = <T>(query: (state: Readonly<LiveState>) => T): T => core.read(query);
  // A declaration's view needs its events from the log (a store read): read them, then build the view.
  const views = async (ids: readonly string[]): Promise<DeclarationView[]> => {
    const events = await Promise.all(ids.map((id) => core.eventsOf(id)));
    const now = core.clock.now();
    return read((s) => {
      const queuesOf = laneQueuesOnce(s);
      return ids.flatMap((id, i) => declarationView(s, id, events[i] ?? [], now, queuesOf) ?? []);
    });
  };
  const etasSent = new Map<string, { at: number; sent: Map<string, string> }>();
  return {
    myEtaChanges(taxCode) {
      const last = etasSent.get(taxCode) ?? { at: -Infinity, sent: new Map<string, string>() };
      if (Date.now() - last.at < ETA_REFRESH_MS) return undefined;
      last.at = Date.now();
      etasSent.set(taxCode, last);
      const now = core.clock.now();
      const current = read((s) => {
        const queuesOf = laneQueuesOnce(s);
        const out = new Map<string, Eta>();
        for (const id of idsOfTaxCode(s, taxCode)) {
          const d = s.declarations.get(id);
          const status = d && statusOf(d);
          if (!d || (status !== 'queued' && status !== 'expected')) continue;
          const eta = etaView(s, id, d, now, queuesOf);
          if (eta) out.set(id, eta);
        }
        return out;
      });
      const key = (e: Eta): string => `${e.at.slice(0, 16)} ${e.earliest.slice(0, 16)} ${e.latest.slice(0, 16)} ${e.ahead ?? ''}`;
      const changes: { declarationId: string; eta: Eta | null }[] = [];
      for (const [id, eta] of current) if (last.sent.get(id) !== key(eta)) changes.push({ declarationId: id, eta });
      for (const id of last.sent.keys()) if (!current.has(id)) changes.push({ declarationId: id, eta: null });
      last.sent = new Map([...current].map(([id, eta]) => [id, key(eta)]));
      return changes;
    },
    alerts: () => core.alerts(),
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
        [...idsOfTaxCode(s, taxCode)].filter((id) => {
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
