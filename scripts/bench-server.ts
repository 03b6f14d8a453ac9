// The server for benchmarks, as its own process (the load comes from another one): the real
// startServer on DATA_DIR and PORT (and DATABASE_URL when set: PostgreSQL), without the per-key ingest
// rate limit, with room for many live clients per address. Prints "ready <url>".
import pino from 'pino';
import { demoConfig } from '../tests/helpers/test-server.ts';
import { startServer } from '../server/start.ts';

const t0 = performance.now();
const server = await startServer({
  config: demoConfig(),
  dataDir: process.env.DATA_DIR ?? 'data-bench',
  port: Number(process.env.PORT ?? 0),
  host: '127.0.0.1',
  logger: pino({ level: 'silent' }),
  ingestPerMinute: false,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, sessionSecret: 'bench-cluster-secret-0123456789abcdefghij' } : {}),
  ...(process.env.SOCKETS_PER_IP ? { limits: { socketsPerIp: Number(process.env.SOCKETS_PER_IP) } } : {}),
});
const { rebuilt } = server.app.core;
console.log(`ready ${server.url} ${JSON.stringify({ ...rebuilt, ms: Math.round(performance.now() - t0) })}`);
// Started with --expose-gc (the soak does): SIGUSR2 runs a full collection, so the next /metrics shows the live heap.
process.on('SIGUSR2', () => (globalThis as { gc?: () => void }).gc?.());
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
