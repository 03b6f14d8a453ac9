import type { Bulletin, BulletinGate } from '../../shared/bulletin.ts';
import { CARGO_CATEGORIES, DIRECTIONS, type CargoCategory, type Direction } from '../../shared/primitives.ts';
import { stateAsOf } from './as-of.ts';
import { activeNoticesAt, noticeView } from './notices.ts';
import type { LiveState } from './state.ts';
import { HOUR_MS } from './time.ts';

// The daily bulletin of a local date: the backlog at 20:00 (the state as it stood then) and the flows of
// the 24 h before — each from the same records the history and the gate status read, so the bulletin and
// the history chart of that day agree. Turned around: trucks that had arrived and were cancelled in the window.

const BULLETIN_HOUR = 20;

const zeros = (): Record<CargoCategory, number> => Object.fromEntries(CARGO_CATEGORIES.map((c) => [c, 0])) as Record<CargoCategory, number>;

/** The bulletin of `date` (YYYY-MM-DD); undefined when its 20:00 is after `nowMs` (not published yet). */
export function dailyBulletin(state: LiveState, date: string, nowMs: number): Bulletin | undefined {
  const lt = state.localTime;
  const at = lt.hourStart(lt.hourIndex(lt.dayStart(lt.dayIndexOfDate(date))) + BULLETIN_HOUR);
  if (at > nowMs) return undefined;
  const from = at - 24 * HOUR_MS;
  // The backlog at the end of the window [from, at): a truck arriving at 20:00:00 sharp is the next day's.
  const then = stateAsOf(state, at - 1);
  const firstHour = lt.hourIndex(from);
  const gates: BulletinGate[] = [];
  for (const [gateId, gate] of then.gates) {
    const waitingByCategory = { export: zeros(), import: zeros() };
    for (const id of gate.queuedIds) {
      const d = then.declarations.get(id);
      if (d) waitingByCategory[d.declared.direction][d.declared.cargo.category] += 1;
    }
    // Whole hours [20:00 the day before, 20:00): the history's hourly buckets of that day, summed.
    const arrived = { export: 0, import: 0 };
    const cleared = { export: 0, import: 0 };
    for (let h = firstHour; h < firstHour + 24; h++) {
      const bucket = gate.buckets.hours.get(h);
      if (bucket) for (const dir of DIRECTIONS) {
        arrived[dir] += bucket.arrived[dir];
        cleared[dir] += bucket.cleared[dir];
      }
    }
    gates.push({
      gateId,
      name: { ...gate.info.name },
      waiting: { export: gate.counters.export.queued, import: gate.counters.import.queued },
      waitingByCategory,
      arrived,
      cleared,
      turnedAround: { export: 0, import: 0 },
      notices: activeNoticesAt(state, gateId, at).map((n) => n.notice.id),
    });
  }
  const byGate = new Map(gates.map((g) => [g.gateId, g]));
  for (const d of state.declarations.values()) {
    if (d.cancelledAt === undefined || d.cancelledAt < from || d.cancelledAt >= at || d.arrivedAt === undefined || d.arrivedAt >= d.cancelledAt) continue;
    if (d.clearedAt !== undefined) continue;
    const g = byGate.get(d.declared.gateId);
    if (g) g.turnedAround[d.declared.direction] += 1;
  }
  const sum = (pick: (g: BulletinGate) => Record<Direction, number>): Record<Direction, number> => ({
    export: gates.reduce((s, g) => s + pick(g).export, 0),
    import: gates.reduce((s, g) => s + pick(g).import, 0),
  });
  const total = {
    waiting: sum((g) => g.waiting),
    waitingByCategory: {
      export: Object.fromEntries(CARGO_CATEGORIES.map((c) => [c, gates.reduce((s, g) => s + g.waitingByCategory.export[c], 0)])) as Record<CargoCategory, number>,
      import: Object.fromEntries(CARGO_CATEGORIES.map((c) => [c, gates.reduce((s, g) => s + g.waitingByCategory.import[c], 0)])) as Record<CargoCategory, number>,
    },
    arrived: sum((g) => g.arrived),
    cleared: sum((g) => g.cleared),
    turnedAround: sum((g) => g.turnedAround),
  };
  const inForce = new Set(gates.flatMap((g) => g.notices));
  return {
    date,
    at: lt.formatIso(at),
    from: lt.formatIso(from),
    gates,
    total,
    notices: [...state.notices.values()].filter((n) => inForce.has(n.notice.id)).map((n) => noticeView(n, at)),
  };
}
