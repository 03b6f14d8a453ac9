import { z } from 'zod';
import { OffsetDateTime } from '../shared/primitives.ts';
import { DEFAULT_LOGIN_LIMIT } from './http/routes/auth-router.ts';
import { LIMIT_ENV, type ServerLimits } from './http/guards/limits.ts';

// The environment a node runs with, as one zod schema (README "Running it", "Limits", "Several nodes").
// main.ts is the only reader of process.env; a bad value stops the start with a message naming it.

const blankIsUnset = (v: unknown): unknown => (v === '' ? undefined : v);
const positive = z.preprocess(blankIsUnset, z.coerce.number().positive().optional());
/** A count where 0 or `off` turns the limit off. */
const countOrOff = z.preprocess(
  blankIsUnset,
  z.union([z.enum(['off', '0']).transform((): false => false), z.coerce.number().int().positive()]).optional(),
);

const limitFields = Object.fromEntries(Object.values(LIMIT_ENV).map((name) => [name, positive])) as Record<string, typeof positive>;

export const Env = z.object({
  CONFIG: z.preprocess(blankIsUnset, z.string().default('fixtures/demo-config.json')),
  PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(65535).default(8080)),
  DATA_DIR: z.preprocess(blankIsUnset, z.string().default('./data')),
  DATABASE_URL: z.preprocess(blankIsUnset, z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional()),
  LOG_LEVEL: z.preprocess(blankIsUnset, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  SESSION_SECRET: z.preprocess(blankIsUnset, z.string().min(32, 'must be at least 32 characters').optional()),
  METRICS_TOKEN: z.preprocess(blankIsUnset, z.string().optional()),
  INGEST_PER_MINUTE: countOrOff,
  LOGIN_FAILURES_PER_5_MIN: countOrOff,
  /** How often a node on PostgreSQL looks for other nodes' commits when no notification came. */
  FOLLOW_POLL_MS: positive,
  /** Serve on a replay clock from this instant (the server clock IS the replayed time), not wall time. */
  REPLAY_CLOCK_START: z.preprocess(blankIsUnset, OffsetDateTime.optional()),
  /** Simulated seconds per wall second of that clock (1440 = a day a minute); operators may change it. */
  REPLAY_CLOCK_SPEED: z.preprocess(blankIsUnset, z.coerce.number().positive().max(100_000).default(1440)),
  ...limitFields,
});
export type Env = z.infer<typeof Env>;

/** The environment, or one line per bad variable. */
export function parseEnv(env: Record<string, string | undefined>): { ok: true; env: Env } | { ok: false; message: string } {
  const parsed = Env.safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.')}=${String(env[String(i.path[0])])} is not valid: ${i.message}`).join('\n') };
}

/** The limits the environment sets (the rest keep their defaults). */
export function envLimits(env: Env): Partial<ServerLimits> {
  const limits: Partial<ServerLimits> = {};
  for (const [field, name] of Object.entries(LIMIT_ENV) as [keyof ServerLimits, string][]) {
    const value: unknown = (env as Record<string, unknown>)[name];
    if (typeof value === 'number') limits[field] = value;
  }
  return limits;
}

export const loginLimitOf = (env: Env): { windowMs: number; limit: number } | false | undefined =>
  env.LOGIN_FAILURES_PER_5_MIN === undefined ? undefined : env.LOGIN_FAILURES_PER_5_MIN === false ? false : { ...DEFAULT_LOGIN_LIMIT, limit: env.LOGIN_FAILURES_PER_5_MIN };
