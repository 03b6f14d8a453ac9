import { resolve } from 'node:path';
import pino from 'pino';
import type { Config } from '../shared/config.ts';
import { ConfigError, loadConfigFile } from './config-file.ts';
import { startServer } from './start.ts';

// The only place that reads the environment: CONFIG, PORT, DATA_DIR, LOG_LEVEL.

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'cua-khau-so' } });

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

const server = await startServer({ config: loadConfig(configPath), dataDir, port, logger });
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
