import { resolve } from 'node:path';
import pino from 'pino';
import type { Config } from '../shared/config.ts';
import { ConfigError, loadConfigFile } from './config-file.ts';
import { envLimits, loginLimitOf, parseEnv } from './env.ts';
import { LOG_REDACT } from './security/log-redact.ts';
import { createReplayClock } from './sim/replay-clock.ts';
import { startServer } from './start.ts';

// The only place that reads the environment (its schema: server/env.ts): CONFIG, PORT, DATA_DIR,
// DATABASE_URL, LOG_LEVEL, SESSION_SECRET, METRICS_TOKEN, FOLLOW_POLL_MS, REPLAY_CLOCK_START/SPEED and the
// limits (README "Limits").

const parsed = parseEnv(process.env);
const logger = pino({ level: parsed.ok ? parsed.env.LOG_LEVEL : 'info', base: { service: 'cua-khau-so' }, redact: LOG_REDACT });

function fail(message: string): never {
  logger.fatal(message);
  console.error(message);
  process.exit(1);
}

if (!parsed.ok) fail(parsed.message);
const { env } = parsed;

function loadConfig(path: string): Config {
  try {
    return loadConfigFile(path);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
}

const configPath = resolve(env.CONFIG);
const dataDir = resolve(env.DATA_DIR);
if (env.DATABASE_URL !== undefined && env.SESSION_SECRET === undefined) {
  logger.warn('DATABASE_URL without SESSION_SECRET: this node signs tokens with its own DATA_DIR secret, so other nodes will not accept them');
}
const loginLimit = loginLimitOf(env);
// A replay clock is chosen by whoever starts the node, never through the API, and the clock status
// says `simulated` to every reader: no operator can date a notice other than the server's now.
const replayClock =
  env.REPLAY_CLOCK_START === undefined ? undefined : createReplayClock({ startAt: Date.parse(env.REPLAY_CLOCK_START), speed: env.REPLAY_CLOCK_SPEED });
// Without SESSION_SECRET, startServer keeps a random secret in DATA_DIR/session-secret (mode 0600).
const server = await startServer({
  config: loadConfig(configPath),
  dataDir,
  port: env.PORT,
  logger,
  limits: envLimits(env),
  ...(env.DATABASE_URL === undefined ? {} : { databaseUrl: env.DATABASE_URL }),
  ...(env.INGEST_PER_MINUTE === undefined ? {} : { ingestPerMinute: env.INGEST_PER_MINUTE }),
  ...(loginLimit === undefined ? {} : { loginLimit }),
  ...(env.FOLLOW_POLL_MS === undefined ? {} : { followMs: env.FOLLOW_POLL_MS }),
  ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
  ...(replayClock ? { clock: replayClock, simulatedClock: replayClock } : {}),
  ...(env.SESSION_SECRET ? { sessionSecret: env.SESSION_SECRET } : {}),
  // Serving a state the database no longer backs would be wrong: exit, and systemd (Restart=always)
  // starts the node again, which rebuilds from the database.
  onJournalRewound: () => process.exit(75),
}).catch((e: unknown) => fail(`cannot start: ${e instanceof Error ? e.message : String(e)}`));
logger.info(
  { url: server.url, dataDir, config: configPath, store: env.DATABASE_URL === undefined ? 'sqlite' : 'postgres', replayClock: env.REPLAY_CLOCK_START ?? false },
  'listening',
);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
