import { describe, expect, it } from 'vitest';
import { TruckEvent } from '../../shared/index.ts';
import { DEMO_PROFILES, HORIZON_MS, SLOT_MS, slotEvents } from '../../server/sim/demo-traffic.ts';

const SLOT = Math.floor(Date.UTC(2022, 0, 19, 3) / SLOT_MS);

describe('demo traffic', () => {
  it('is deterministic: the same seed and slot give identical events', () => {
    for (const p of DEMO_PROFILES) {
      expect(JSON.stringify(slotEvents(7, p, SLOT))).toBe(JSON.stringify(slotEvents(7, p, SLOT)));
    }
    const a = DEMO_PROFILES.flatMap((p) => Array.from({ length: 60 }, (_, i) => slotEvents(7, p, SLOT + i)));
    const b = DEMO_PROFILES.flatMap((p) => Array.from({ length: 60 }, (_, i) => slotEvents(8, p, SLOT + i)));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  it('makes contract-valid events, each lifecycle after its declaration and within the horizon', () => {
    const events = DEMO_PROFILES.flatMap((p) => Array.from({ length: 120 }, (_, i) => slotEvents(1, p, SLOT + i)).flat());
    expect(events.length).toBeGreaterThan(100);
    const declaredAt = new Map<string, number>();
    for (const e of events) {
      expect(TruckEvent.safeParse(e).success, JSON.stringify(e)).toBe(true);
      const t = Date.parse(e.occurredAt);
      if (e.type === 'declared') declaredAt.set(e.declarationId, t);
      else {
        const d = declaredAt.get(e.declarationId);
        expect(d, e.eventId).toBeDefined();
        expect(t).toBeGreaterThanOrEqual(d ?? Infinity);
        expect(t - (d ?? 0)).toBeLessThanOrEqual(HORIZON_MS);
      }
    }
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });
});
