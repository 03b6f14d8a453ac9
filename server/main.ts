import { resolve } from 'node:path';
import pino from 'pino';
import type { Config } from '../shared/config.ts';
import { ConfigError, loadConfigFile } from './config-file.ts';
import { DEFAULT_LOGIN_LIMIT } from './http/auth-router.ts';
import { countOrOff, limitsFromEnv, type ServerLimits } from './http/limits.ts';
import { LOG_REDACT } from './security/log-redact.ts';
import { startServer } from './start.ts';

// The only place that reads the environment: CONFIG, PORT, DATA_DIR, LOG_LEVEL, SESSION_SECRET,
// METRICS_TOKEN, and the limits (README "Limits": INGEST_PER_MINUTE, LOGIN_FAILURES_PER_5_MIN, *_TIMEOUT_MS, …).

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'cua-khau-so' }, redact: LOG_REDACT });

function fail(message: string): never {
  logger.fatal(message);
  console.error(message);
  process.exit(1);
}

function loadConfig(path: string): Config {
  try {
    return loadConfigFile(path);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
}

const configPath = resolve(process.env.CONFIG ?? 'fixtures/demo-config.json');
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`PORT ${process.env.PORT} is not a port number`);
const dataDir = resolve(process.env.DATA_DIR ?? './data');

const sessionSecret = process.env.SESSION_SECRET;
if (sessionSecret !== undefined && sessionSecret.length < 32) fail('SESSION_SECRET must be at least 32 characters');

function envLimits(): { limits: Partial<ServerLimits>; ingestPerMinute?: number | false; loginLimit?: { windowMs: number; limit: number } | false } {
  try {
    const ingestPerMinute = countOrOff('INGEST_PER_MINUTE', process.env.INGEST_PER_MINUTE);
    const loginFailures = countOrOff('LOGIN_FAILURES_PER_5_MIN', process.env.LOGIN_FAILURES_PER_5_MIN);
    return {
      limits: limitsFromEnv(process.env),
      ...(ingestPerMinute === undefined ? {} : { ingestPerMinute }),
      ...(loginFailures === undefined ? {} : { loginLimit: loginFailures === false ? false : { ...DEFAULT_LOGIN_LIMIT, limit: loginFailures } }),
    };
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
}

const metricsToken = process.env.METRICS_TOKEN || undefined;
// Without SESSION_SECRET, startServer keeps a random secret in DATA_DIR/session-secret (mode 0600).
const server = await startServer({
  config: loadConfig(configPath),
  dataDir,
  port,
  logger,
  ...envLimits(),
  ...(metricsToken ? { metricsToken } : {}),
  ...(sessionSecret ? { sessionSecret } : {}),
});
logger.info({ url: server.url, dataDir, config: configPath }, 'listening');

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
