import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Config } from '../shared/config.ts';
import { createApp, type App, type AppDeps } from './app.ts';
import { systemClock, type Clock, type SimulatedClock } from './core.ts';
import { loadOrCreateSessionSecret } from './security/session-secret.ts';
import { openSqliteStore } from './store/sqlite-store.ts';

// Open the store, build the app (which rebuilds state from the log) and listen. Used by main.ts
// and by start-demo.ts, which runs the simulator in the same process.

export interface StartOptions {
  config: Config;
  dataDir: string;
  port?: number;
  host?: string;
  clock?: Clock;
  /** The same clock when it is a replay's (operators may change its speed). */
  simulatedClock?: SimulatedClock;
  logger?: Logger;
  ingestPerMinute?: AppDeps['ingestPerMinute'];
  /** Default: DATA_DIR/session-secret, made once (main.ts passes SESSION_SECRET when set). */
  sessionSecret?: string;
  sessionTtlMs?: number;
  loginLimit?: AppDeps['loginLimit'];
  limits?: AppDeps['limits'];
  metricsToken?: string;
}

export interface RunningServer {
  url: string;
  app: App;
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const logger = opts.logger ?? pino({ level: 'silent' });
  const store = openSqliteStore(join(opts.dataDir, 'events.db'));
  const log = store.events;
  const started = performance.now();
  let app: App;
  try {
    app = createApp({
      config: opts.config,
      log,
      notices: store.notices,
      audit: store.audit,
      revocations: store.revocations,
      clock: opts.clock ?? systemClock,
      simulatedClock: opts.simulatedClock,
      logger,
      ingestPerMinute: opts.ingestPerMinute,
      sessionSecret: opts.sessionSecret ?? loadOrCreateSessionSecret(opts.dataDir),
      ...(opts.sessionTtlMs === undefined ? {} : { sessionTtlMs: opts.sessionTtlMs }),
      ...(opts.loginLimit === undefined ? {} : { loginLimit: opts.loginLimit }),
      ...(opts.limits === undefined ? {} : { limits: opts.limits }),
      ...(opts.metricsToken === undefined ? {} : { metricsToken: opts.metricsToken }),
    });
  } catch (e) {
    log.close();
    throw e;
  }
  logger.info({ events: app.core.state.eventCount, ms: Math.round(performance.now() - started) }, 'state rebuilt from log');
  const { undecodable } = app.core.state;
  if (undecodable.count > 0) {
    logger.error(
      { count: undecodable.count, rows: undecodable.rows },
      'event log rows could not be decoded: serving without them (see /healthz, /metrics cks_log_undecodable_events, the operators\' alerts)',
    );
  }
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(opts.port ?? 8080, opts.host, () => resolve());
  });
  const address = app.httpServer.address();
  const port = address !== null && typeof address === 'object' ? address.port : opts.port;
  const url = `http://${opts.host ?? 'localhost'}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    close: () =>
      (closing ??= app.close().then(() => {
        log.close();
        logger.info('closed');
      })),
  };
}
