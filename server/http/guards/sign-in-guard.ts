import { MemoryStore, type Store } from 'express-rate-limit';

// Failed sign-ins per client address (a guessing attacker is stopped, a busy office is not). Only a
// failure counts, and only after its verdict: correct sign-ins never use up the budget, however many
// come at once, and a refused (429) attempt is not a failure. So that parallel guesses cannot all run
// before the first failure is counted, at most `limit − failures so far` attempts per address are
// verified at once; the others wait their turn (bounded) instead of being refused.
// The counter is an express-rate-limit Store: in memory on one node, a shared store across nodes.

export interface SignInLimit {
  windowMs: number;
  limit: number;
}

export type Admission = { ok: true; release(failed: boolean): Promise<void> } | { ok: false; retryAfterS: number };

export interface SignInGuard {
  /** Wait for a turn to verify a sign-in from `key`; refused while its failures reach the limit. */
  admit(key: string): Promise<Admission>;
  close(): void;
}

/** Attempts waiting per address beyond those being verified; more are refused at once. */
const MAX_WAITING = 100;

export function createSignInGuard(limit: SignInLimit, store: Store = new MemoryStore()): SignInGuard {
  // A store reads only windowMs of the middleware's options (the full Options type is the middleware's).
  void store.init?.({ windowMs: limit.windowMs } as Parameters<NonNullable<Store['init']>>[0]);
  const verifying = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  const refused = (resetTime: Date | undefined): Admission => ({
    ok: false,
    retryAfterS: Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + limit.windowMs) - Date.now()) / 1000)),
  });
  // Every waiter looks again (at most MAX_WAITING): each either takes the free turn, waits on, or is refused.
  const wakeAll = (key: string): void => {
    const queue = waiting.get(key);
    waiting.delete(key);
    for (const wake of queue ?? []) wake();
  };

  return {
    async admit(key) {
      for (;;) {
        const info = await store.get?.(key);
        const failures = info?.totalHits ?? 0;
        if (failures >= limit.limit) return refused(info?.resetTime);
        const running = verifying.get(key) ?? 0;
        if (running < limit.limit - failures) break;
        const queue = waiting.get(key) ?? [];
        if (queue.length >= MAX_WAITING) return refused(info?.resetTime);
        waiting.set(key, queue);
        await new Promise<void>((resolve) => queue.push(resolve));
      }
      verifying.set(key, (verifying.get(key) ?? 0) + 1);
      let released = false;
      return {
        ok: true,
        async release(failed) {
          if (released) return;
          released = true;
          try {
            if (failed) await store.increment(key);
          } finally {
            const left = (verifying.get(key) ?? 1) - 1;
            if (left > 0) verifying.set(key, left);
            else verifying.delete(key);
            wakeAll(key);
          }
        },
      };
    },
    close() {
      void store.shutdown?.();
      for (const queue of waiting.values()) for (const wake of queue) wake();
      waiting.clear();
    },
  };
}
