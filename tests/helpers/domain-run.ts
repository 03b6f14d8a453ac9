import type { TruckEvent } from '../../shared/events.ts';
import {
  applyEvent,
  canonicalJson,
  contentHash,
  createBatchOverlay,
  createState,
  decide,
  type Decision,
  type LiveState,
} from '../../server/domain/index.ts';

// Feed events through the domain exactly as ingest does (decide, then apply), one event per batch.

export const TEST_GATES = ['huu-nghi', 'tan-thanh'].map((id) => ({ id, name: { vi: id, en: id }, lat: 21.9, lon: 106.7, yardCapacity: 1000 }));

export const newState = (): LiveState => createState({ timezone: 'Asia/Ho_Chi_Minh', gates: TEST_GATES });

export function feed(state: LiveState, event: TruckEvent): Decision {
  const hash = contentHash(canonicalJson(event));
  const decision = decide(state, createBatchOverlay(), event, hash, () => undefined);
  if (decision.kind === 'accept') applyEvent(state, { event, hash });
  return decision;
}

export function replay(events: readonly TruckEvent[]): LiveState {
  const state = newState();
  for (const e of events) {
    const d = feed(state, e);
    if (d.kind === 'reject') throw new Error(`${e.eventId} rejected: ${d.message}`);
  }
  return state;
}
