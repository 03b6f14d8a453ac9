import type { LiveState } from './state.ts';

/** The latest occurredAt of any event in the state (ms), or undefined when it is empty. Scans: call once, not per event. */
export function latestEventAt(state: LiveState): number | undefined {
  let latest: number | undefined;
  const see = (t: number | undefined): void => {
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  };
  for (const d of state.declarations.values()) {
    see(Date.parse(d.declared.occurredAt));
    see(d.arrivedAt);
    see(d.clearedAt);
    see(d.cancelledAt);
    for (const c of Object.values(d.checks)) see(c?.at);
  }
  return latest;
}
