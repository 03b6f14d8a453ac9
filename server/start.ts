import pino, { type Logger } from 'pino';
import type { Config } from '../shared/config.ts';
import { createApp, type App, type AppDeps } from './app.ts';
import { systemClock, type Clock, type SimulatedClock } from './core/clock.ts';
import { loadOrCreateSessionSecret } from './security/session-secret.ts';
import { openStore } from './store/open-store.ts';

// Open the store, build the app (which rebuilds state from the log) and listen. Used by main.ts
// and by start-demo.ts, which runs the simulator in the same process.

export interface StartOptions {
  config: Config;
  dataDir: string;
  /** PostgreSQL URL shared by the deployment's nodes; absent: the embedded SQLite file in dataDir. */
  databaseUrl?: string;
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
  snapshotPolicy?: AppDeps['snapshotPolicy'];
  followMs?: number;
  onJournalRewound?: AppDeps['onJournalRewound'];
}

export interface RunningServer {
  url: string;
  app: App;
  close(): Promise<void>;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const logger = opts.logger ?? pino({ level: 'silent' });
  const store = await openStore({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  const started = performance.now();
  let app: App;
  try {
    app = await createApp({
      config: opts.config,
      store,
      clock: opts.clock ?? systemClock,
      simulatedClock: opts.simulatedClock,
      logger,
      ingestPerMinute: opts.ingestPerMinute,
      // Nodes of one deployment must share the secret (SESSION_SECRET); one node keeps its own in DATA_DIR.
      sessionSecret: opts.sessionSecret ?? loadOrCreateSessionSecret(opts.dataDir),
      ...(opts.sessionTtlMs === undefined ? {} : { sessionTtlMs: opts.sessionTtlMs }),
      ...(opts.loginLimit === undefined ? {} : { loginLimit: opts.loginLimit }),
      ...(opts.limits === undefined ? {} : { limits: opts.limits }),
      ...(opts.metricsToken === undefined ? {} : { metricsToken: opts.metricsToken }),
      ...(opts.snapshotPolicy === undefined ? {} : { snapshotPolicy: opts.snapshotPolicy }),
      ...(opts.followMs === undefined ? {} : { followMs: opts.followMs }),
      ...(opts.onJournalRewound === undefined ? {} : { onJournalRewound: opts.onJournalRewound }),
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  const { rebuilt } = app.core;
  const undecodable = app.core.read((s) => ({ count: s.undecodable.count, rows: [...s.undecodable.rows], events: s.eventCount }));
  logger.info(
    { store: store.kind, where: store.where, events: undecodable.events, seq: app.core.version(), fromSnapshot: rebuilt.fromSeq, replayed: rebuilt.replayed, ms: Math.round(performance.now() - started) },
    'state rebuilt from the journal',
  );
  // No snapshot yet (a fresh DATA_DIR) is normal; one that was there and refused is worth a warning.
  if (rebuilt.snapshotRefused === 'no snapshot') logger.info('no state snapshot in DATA_DIR: replayed the whole log');
  else if (rebuilt.snapshotRefused !== undefined) logger.warn({ reason: rebuilt.snapshotRefused }, 'state snapshot not used: replayed the whole log');
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
      (closing ??= app.close().then(async () => {
        await store.close();
        logger.info('closed');
      })),
  };
}
