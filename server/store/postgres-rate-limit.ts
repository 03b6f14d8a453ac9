import type { ClientRateLimitInfo, Options as RateLimitOptions, Store as RateLimitStore } from 'express-rate-limit';
import type pg from 'pg';
import { NOW_MS, pgAttempt } from './postgres-errors.ts';

const noop = (): void => undefined;

// express-rate-limit's Store on the rate_limits table: one atomic upsert per hit, the window's expiry
// decided in SQL, so every node counts against one budget. Not @acpr/rate-limit-postgresql: it opens a
// pool of its own per store, runs its own migration tool (postgres-migrations) with its own tables and
// functions, pins another copy of pg (8.11) and is typed `any`; this is a few statements on our pool.
export function sharedRateLimitStore(pool: pg.Pool, prefix: string): RateLimitStore {
  let windowMs = 60_000;
  let sinceSweep = 0;
  const info = (rows: unknown[][]): ClientRateLimitInfo | undefined => {
    const [hits, resetAtMs] = rows[0] ?? [];
    return hits === undefined ? undefined : { totalHits: Number(hits), resetTime: new Date(Number(resetAtMs)) };
  };
  const run = (text: string, values: unknown[]): Promise<unknown[][]> =>
    pgAttempt(async () => (await pool.query<unknown[]>({ text, values, rowMode: 'array' })).rows);
  return {
    prefix,
    localKeys: false,
    init(options: RateLimitOptions) {
      windowMs = options.windowMs;
    },
    get: async (key) => info(await run(`SELECT hits, reset_at_ms FROM rate_limits WHERE key = $1 AND reset_at_ms > ${NOW_MS}`, [prefix + key])),
    async increment(key) {
      // Counters of clients that went away would pile up: every 1,000th hit sweeps the expired ones.
      if (++sinceSweep >= 1_000) {
        sinceSweep = 0;
        void run(`DELETE FROM rate_limits WHERE reset_at_ms <= ${NOW_MS}`, []).catch(noop);
      }
      const rows = await run(
        `INSERT INTO rate_limits AS r (key, hits, reset_at_ms) VALUES ($1, 1, ${NOW_MS} + $2)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.reset_at_ms <= ${NOW_MS} THEN 1 ELSE r.hits + 1 END,
           reset_at_ms = CASE WHEN r.reset_at_ms <= ${NOW_MS} THEN ${NOW_MS} + $2 ELSE r.reset_at_ms END
         RETURNING hits, reset_at_ms`,
        [prefix + key, windowMs],
      );
      const counted = info(rows);
      if (!counted) throw new Error('rate limit upsert returned no row');
      return counted;
    },
    async decrement(key) {
      await run(`UPDATE rate_limits SET hits = GREATEST(hits - 1, 0) WHERE key = $1 AND reset_at_ms > ${NOW_MS}`, [prefix + key]);
    },
    async resetKey(key) {
      await run('DELETE FROM rate_limits WHERE key = $1', [prefix + key]);
    },
    async resetAll() {
      await run('DELETE FROM rate_limits WHERE starts_with(key, $1)', [prefix]);
    },
  };
}
