import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { Config } from '../../shared/config.ts';
import { startServer, type RunningServer, type StartOptions } from '../../server/start.ts';
import type { Clock, SimulatedClock } from '../../server/core/clock.ts';
import { freshDatabaseUrl } from './postgres.ts';

// The real app on port 0 with a fresh DATA_DIR, quiet logs; the demo config and its clear-text keys.
// `store: 'postgres'` runs it on a fresh database of the run's throwaway PostgreSQL (tests/global-setup-postgres.ts).

/** Both stores: the suites that matter run on each (describe.each(STORES)). */
export const STORES = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];

export const demoConfig = (): Config => Config.parse(JSON.parse(readFileSync('fixtures/demo-config.json', 'utf8')));

const Credentials = z.object({ gateKeys: z.record(z.string(), z.string()) });
export const demoKeys = (): Record<string, string> =>
  Credentials.parse(JSON.parse(readFileSync('fixtures/demo-credentials.json', 'utf8'))).gateKeys;

export interface TestServer extends RunningServer {
  dataDir: string;
  store: StoreKind;
  /** The PostgreSQL database it uses (pass it back to restart on the same data). */
  databaseUrl?: string;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** Default sqlite. */
  store?: StoreKind;
  /** Reuse a database (a restart); default: a fresh one when store is postgres. */
  databaseUrl?: string;
  clock?: Clock;
  /** The same clock, when it is a replay's. */
  simulatedClock?: SimulatedClock;
  /** Reuse a data dir (restart); it is then left for the caller to remove. */
  dataDir?: string;
  config?: Config;
  sessionTtlMs?: number;
  loginLimit?: StartOptions['loginLimit'];
  ingestPerMinute?: StartOptions['ingestPerMinute'];
  limits?: StartOptions['limits'];
  logger?: StartOptions['logger'];
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cks-test-'));
  const store = opts.store ?? (opts.databaseUrl === undefined ? 'sqlite' : 'postgres');
  const databaseUrl = store === 'postgres' ? (opts.databaseUrl ?? (await freshDatabaseUrl())) : undefined;
  const server = await startServer({
    config: opts.config ?? demoConfig(),
    dataDir,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    port: 0,
    host: '127.0.0.1',
    clock: opts.clock,
    simulatedClock: opts.simulatedClock,
    logger: opts.logger ?? pino({ level: 'silent' }),
    ...(opts.sessionTtlMs === undefined ? {} : { sessionTtlMs: opts.sessionTtlMs }),
    ...(opts.loginLimit === undefined ? {} : { loginLimit: opts.loginLimit }),
    ...(opts.ingestPerMinute === undefined ? {} : { ingestPerMinute: opts.ingestPerMinute }),
    ...(opts.limits === undefined ? {} : { limits: opts.limits }),
  });
  return {
    ...server,
    dataDir,
    store,
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    async stop() {
      await server.close();
      if (opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postEvents(url: string, key: string | undefined, body: string, contentType = 'application/x-ndjson'): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${url}/api/v1/events`, { method: 'POST', headers, body });
  return { status: res.status, json: await res.json().catch(() => null) };
}

export const ndjson = (items: readonly unknown[]): string => items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n') + '\n';
