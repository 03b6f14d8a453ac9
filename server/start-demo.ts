import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { ConfigError, loadConfigFile } from './config-file.ts';
import { startDemoFeeder } from './sim/feeder.ts';
import { LOG_REDACT } from './security/log-redact.ts';
import { startServer } from './start.ts';

// `npm start`: the server on the embedded store plus the demo simulator, which posts seeded truck
// traffic through the public ingest API with the demo gate keys — alive on first look.
// Env: PORT (8080), DATA_DIR (./data), CONFIG (demo), LOG_LEVEL (info), SIM_SEED (2022).

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'cua-khau-so' }, redact: LOG_REDACT });
const DemoCredentials = z.object({ gateKeys: z.record(z.string(), z.string()) });

try {
  const configPath = resolve(process.env.CONFIG ?? 'fixtures/demo-config.json');
  const config = loadConfigFile(configPath);
  const credentials = DemoCredentials.parse(JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8')));
  const dataDir = resolve(process.env.DATA_DIR ?? './data');
  const server = await startServer({ config, dataDir, port: Number(process.env.PORT ?? 8080), logger });
  logger.info({ url: server.url, dataDir }, 'console ready — open it in a browser');
  const feeder = startDemoFeeder({
    url: server.url,
    gateKeys: credentials.gateKeys,
    seed: Number(process.env.SIM_SEED ?? 2022),
    onError: (err) => logger.warn({ err }, 'simulator could not post events'),
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      feeder.stop();
      server.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
}
