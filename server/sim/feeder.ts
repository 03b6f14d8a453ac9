import type { TruckEvent } from '../../shared/index.ts';
import { postByGate } from './timeline.ts';
import { DEMO_PROFILES, HORIZON_MS, SLOT_MS, slotEvents } from './demo-traffic.ts';

// Feeds the demo traffic to a running server through POST /api/v1/events with each gate's key,
// exactly as a gate system would. Backfills the last HORIZON_MS so queues are realistic at once.

export interface FeederOptions {
  url: string;
  gateKeys: Record<string, string>;
  seed?: number;
  tickMs?: number;
  now?: () => number;
  onError?: (err: unknown) => void;
}

export interface Feeder { stop(): void; done: Promise<void> }

export function startDemoFeeder(opts: FeederOptions): Feeder {
  const seed = opts.seed ?? 2022;
  const now = opts.now ?? Date.now;
  const profiles = DEMO_PROFILES.filter((p) => opts.gateKeys[p.gateId]);
  let pending: TruckEvent[] = [];
  let nextSlot = Math.floor((now() - HORIZON_MS) / SLOT_MS);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = async (): Promise<void> => {
    const t = now();
    const lastSlot = Math.floor(t / SLOT_MS);
    for (; nextSlot <= lastSlot; nextSlot++) for (const p of profiles) pending.push(...slotEvents(seed, p, nextSlot));
    pending.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
    const due = pending.filter((e) => Date.parse(e.occurredAt) <= t);
    pending = pending.filter((e) => Date.parse(e.occurredAt) > t);
    await postByGate(opts.url, (g) => opts.gateKeys[g], due);
  };

  const done = (async () => {
    while (!stopped) {
      try {
        await tick();
      } catch (err) {
        opts.onError?.(err);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => (timer = setTimeout(resolve, opts.tickMs ?? 2000)));
    }
  })();

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    done,
  };
}
