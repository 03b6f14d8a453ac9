import type { RecommendedNoticeAlert } from '../../shared/alerts.ts';
import type { AppCore } from '../core/app-core.ts';
import { etaView, laneQueuesOnce, statusOf } from '../domain/index.ts';
import { feedNotification, type Notifier } from './notifier.ts';

// What the forecast tells people, fed to the notifier: operators hear of each recommended notice when it
// first shows; an enterprise hears when a truck's estimated clearance moves by more than the set minutes
// AND by more than a fifth of the time still to wait (a 15-day wait moves by hours every time the lane's
// rate is re-estimated — telling a trader each time would drown the news that matters). The first look at a
// truck only notes its ETA. ETAs are rounded to the quarter hour so nodes that look a moment apart name
// the same moved ETA (and store one notification).

const QUARTER_HOUR_MS = 15 * 60_000;
const SHARE_OF_WAIT = 0.2;

export interface ForecastFacts {
  /** Look at the ETAs now (the timer calls it; tests too). */
  lookAtEtas(): void;
  stop(): void;
}

export function feedForecastFacts(deps: { core: AppCore; notifier: Notifier; etaMoveMinutes: number; hears?: (taxCode: string) => boolean; everyMs?: number }): ForecastFacts {
  const { core, notifier } = deps;
  const told = new Set<string>();
  const unsubscribe = core.changes.subscribe((change) => {
    if (!change.alertsChanged) return;
    for (const a of core.alerts()) {
      if (a.kind !== 'recommended_notice' || told.has(a.id)) continue;
      told.add(a.id);
      feedNotification(notifier, { kind: 'recommended_notice', params: paramsOf(a) });
    }
  });

  const known = new Map<string, { at: number; taxCode: string; plate: string }>();
  const lookAtEtas = (): void => {
    const now = core.clock.now();
    const lt = core.localTime;
    const current = core.read((s) => {
      const queuesOf = laneQueuesOnce(s);
      const out = new Map<string, { at: number; taxCode: string; plate: string }>();
      for (const gate of s.gates.values()) {
        for (const id of [...gate.queuedIds, ...gate.expectedIds]) {
          const d = s.declarations.get(id);
          if (!d || (statusOf(d) !== 'queued' && statusOf(d) !== 'expected') || !(deps.hears?.(d.declared.enterprise.taxCode) ?? true)) continue;
          const eta = etaView(s, id, d, now, queuesOf);
          if (eta) out.set(id, { at: Math.round(Date.parse(eta.at) / QUARTER_HOUR_MS) * QUARTER_HOUR_MS, taxCode: d.declared.enterprise.taxCode, plate: d.declared.vehicle.plate });
        }
      }
      return out;
    });
    for (const [id, next] of current) {
      const before = known.get(id);
      if (!before) {
        known.set(id, next);
        continue;
      }
      const moved = Math.abs(next.at - before.at);
      if (moved < deps.etaMoveMinutes * 60_000 || moved < SHARE_OF_WAIT * Math.max(0, before.at - now)) continue;
      known.set(id, next);
      feedNotification(notifier, {
        kind: 'eta_moved',
        taxCode: next.taxCode,
        params: { declarationId: id, plate: next.plate, oldEta: lt.formatIso(before.at), newEta: lt.formatIso(next.at) },
      });
    }
    for (const id of known.keys()) if (!current.has(id)) known.delete(id);
  };
  const timer = setInterval(lookAtEtas, deps.everyMs ?? 60_000);
  timer.unref();
  return {
    lookAtEtas,
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}

function paramsOf(a: RecommendedNoticeAlert): { gateIds: string[]; direction: RecommendedNoticeAlert['direction']; categories: RecommendedNoticeAlert['categories']; effectiveFrom: string; effectiveUntil: string; reason: string } {
  const share = Math.round(a.peakShare * 100);
  return {
    gateIds: a.gateIds,
    direction: a.direction,
    categories: a.categories,
    effectiveFrom: a.effectiveFrom,
    effectiveUntil: a.effectiveUntil,
    reason: `forecast: ${share} % of yard capacity, the line (${Math.round(a.threshold * 100)} %) reached at ${a.fullAt}`,
  };
}
