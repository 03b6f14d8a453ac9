import type { Alert } from '../../shared/alerts.ts';
import type { LiveState } from './state.ts';
import { totalOf } from './state.ts';

// Operator alerts (cảnh báo ùn ứ): a gate's total queue at or above a share of its yard capacity.
// raisedAt is when the queue first crossed the line; the alert clears when it drops below.

/** Re-evaluate the given gates at `nowMs`; true when an alert was raised or cleared. */
export function updateAlerts(state: LiveState, gateIds: Iterable<string>, threshold: number, nowMs: number): boolean {
  let changed = false;
  for (const id of gateIds) {
    const gate = state.gates.get(id);
    if (!gate) continue;
    const over = totalOf(gate, (c) => c.queued) >= threshold * gate.info.yardCapacity;
    if (over && !state.alerts.has(id)) {
      state.alerts.set(id, nowMs);
      changed = true;
    } else if (!over && state.alerts.delete(id)) changed = true;
  }
  return changed;
}

export function alertsList(state: LiveState, threshold: number): Alert[] {
  const { undecodable } = state;
  const log: Alert[] =
    undecodable.count > 0 && undecodable.sinceMs !== undefined
      ? [
          {
            id: `log:${undecodable.sinceMs}`,
            kind: 'log_undecodable',
            count: undecodable.count,
            seqs: undecodable.rows.map((r) => r.seq),
            raisedAt: state.localTime.formatIso(undecodable.sinceMs),
          },
        ]
      : [];
  return [...log, ...queueAlerts(state, threshold)];
}

function queueAlerts(state: LiveState, threshold: number): Alert[] {
  return [...state.alerts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([gateId, raisedAtMs]) => {
      const gate = state.gates.get(gateId);
      if (!gate) return [];
      const queue = totalOf(gate, (c) => c.queued);
      const alert: Alert = {
        id: `queue:${gateId}:${raisedAtMs}`,
        gateId,
        kind: 'queue_over_capacity',
        queue,
        yardCapacity: gate.info.yardCapacity,
        share: Math.round((queue / gate.info.yardCapacity) * 1000) / 1000,
        threshold,
        raisedAt: state.localTime.formatIso(raisedAtMs),
      };
      return [alert];
    });
}
