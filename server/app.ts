import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { Server as IoServer } from 'socket.io';
import type { Config } from '../shared/config.ts';
import { openAppCore, type AppCore } from './core/app-core.ts';
import type { Clock, SimulatedClock } from './core/clock.ts';
import type { SnapshotPolicy } from './core/snapshots.ts';
import { gateStatus, noticeView, publicNotice, recentNotices } from './domain/index.ts';
import { authenticate } from './http/guards/auth.ts';
import { apiNotFound, finalErrorHandler, sendError } from './http/guards/errors.ts';
import { resolveLimits, type ServerLimits } from './http/guards/limits.ts';
import { createMetrics } from './http/guards/metrics.ts';
import { requestLog } from './http/guards/request-log.ts';
import { securityHeaders } from './http/guards/security.ts';
import { createSignInGuard } from './http/guards/sign-in-guard.ts';
import { storageErrorHandler } from './http/guards/storage-errors.ts';
import { applyServerTimeouts, bodyTimeout, connectionsCheckingInterval } from './http/guards/timeouts.ts';
import { auditTrail } from './http/routes/audit-trail.ts';
import { authRouter, DEFAULT_LOGIN_LIMIT, type LoginLimit } from './http/routes/auth-router.ts';
import { checksRouter } from './http/routes/checks-router.ts';
import { bearerToken, eventsRouter, gateKeyIndex } from './http/routes/events-router.ts';
import { hashApiKey } from './security/secrets.ts';
import { forecastRouter } from './http/routes/forecast-router.ts';
import { noticesRouter } from './http/routes/notices-router.ts';
import { notificationsRouter } from './http/routes/notifications-router.ts';
import { peopleRouter } from './http/routes/people-router.ts';
import { webhooksRouter } from './http/routes/webhooks-router.ts';
import { readRouter } from './http/routes/read-router.ts';
import { staticConsole } from './http/routes/static-console.ts';
import { storyRouter } from './http/routes/story-router.ts';
import { proceduresRouter } from './http/routes/procedures-router.ts';
import { bulletinRouter } from './http/routes/bulletin-router.ts';
import { amendmentsRouter } from './http/routes/amendments-router.ts';
import { customsRouter } from './http/routes/customs-router.ts';
import { startCustomsPuller, type CustomsPuller } from './customs/puller.ts';
import { socketsByRole } from './live/census.ts';
import { createLiveHub, type LiveHub, type LiveSource } from './live/hub.ts';
import { roleViews } from './live/role-views.ts';
import type { LiveServer } from './live/io-types.ts';
import { guardSockets } from './live/socket-limits.ts';
import { pushNotification } from './live/notification-push.ts';
import { startDeliverer } from './notify/deliverer.ts';
import { feedForecastFacts, type ForecastFacts } from './notify/forecast-facts.ts';
import { createNotifier, type Notifier } from './notify/notifier.ts';
import { secretSealer } from './security/sealed-secrets.ts';
import { createSessions } from './security/sessions.ts';
import { followJournal } from './core/follower.ts';
import type { Store } from './store/store.ts';

// Wires the application core to HTTP and Socket.IO. No env, no listen: main.ts and tests decide that.

export interface AppDeps {
  config: Config;
  /** The journal, notices, audit, revocations, shared rate limits (SQLite or PostgreSQL). */
  store: Store;
  clock: Clock;
  /** The same clock when it is a replay's: operators may change its speed. */
  simulatedClock?: SimulatedClock;
  logger: Logger;
  /** Built console; default dist/client next to the repository root. */
  staticDir?: string;
  /** Requests per minute per API key on POST /events; false turns the limit off. */
  ingestPerMinute?: number | false;
  deltaIntervalMs?: number;
  /** Key that signs session tokens; a random one per process when absent (sessions end on restart). */
  sessionSecret?: string;
  /** Session lifetime (default 12 h). */
  sessionTtlMs?: number;
  /** Failed sign-ins per client IP per window (default 10 per 5 min); false turns the limit off. */
  loginLimit?: LoginLimit | false;
  /** Time-outs, socket caps, shutdown grace (server/http/limits.ts); defaults in README "Limits". */
  limits?: Partial<ServerLimits>;
  /** When set, GET /metrics wants `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /** When state snapshots are written (server/core/snapshots.ts). */
  snapshotPolicy?: SnapshotPolicy;
  /** How often a node looks for what other nodes committed when no notification came (ms; 0 = never). */
  followMs?: number;
  /** The database's journal went back behind this node (main.ts exits; the service manager restarts it). */
  onJournalRewound?(error: Error): void;
}

export interface App {
  httpServer: HttpServer;
  /** The express application (its routes are read by the OpenAPI coverage test). */
  web: express.Express;
  io: LiveServer;
  core: AppCore;
  live: LiveHub;
  /** Notifications: feed facts computed elsewhere through feedNotification (server/notify/notifier.ts). */
  notifier: Notifier;
  /** Recommended notices and moved ETAs, fed to the notifier (tests look at ETAs on demand). */
  forecastFacts: ForecastFacts;
  /** The scheduled pull of customs' results, when a URL is configured. */
  customsPuller: CustomsPuller | undefined;
  /** Stop accepting; in-flight requests finish (up to the shutdown grace), then connections are cut. */
  close(): Promise<void>;
}

const defaultStaticDir = fileURLToPath(new URL('../dist/client', import.meta.url));

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, clock, logger, store } = deps;
  const core = await openAppCore({
    config,
    store,
    clock,
    ...(deps.simulatedClock ? { simulatedClock: deps.simulatedClock } : {}),
    ...(deps.snapshotPolicy ? { snapshotPolicy: deps.snapshotPolicy } : {}),
  });
  const audit = auditTrail(store.audit, core.localTime);
  const sessionSecret = deps.sessionSecret ?? randomBytes(48).toString('base64url');
  const sessions = await createSessions({
    users: config.users,
    secret: sessionSecret,
    revocations: store.revocations,
    ...(deps.sessionTtlMs === undefined ? {} : { ttlMs: deps.sessionTtlMs }),
  });
  const limits = resolveLimits(deps.limits);
  const app = express();
  const httpServer = createServer({ connectionsCheckingInterval: connectionsCheckingInterval(limits) }, app);
  applyServerTimeouts(httpServer, limits);
  // Clients only send `resync`: a small buffer cuts oversized messages; a socket that never joins goes after 10 s.
  const io: LiveServer = new IoServer(httpServer, { serveClient: false, maxHttpBufferSize: limits.socketMaxMessageBytes, connectTimeout: 10_000 });
  const now = (): number => clock.now();
  const isoNow = (): string => core.localTime.formatIso(now());
  const source: LiveSource = {
    snapshot: () =>
      core.read((s) => ({
        seq: core.version(),
        asOf: isoNow(),
        clock: core.clockStatus(),
        gates: [...core.currentGateStatuses()],
        notices: recentNotices(s, now()),
      })),
    clock: () => core.clockStatus(),
    notices: (ids) =>
      core.read((s) =>
        [...ids].flatMap((id) => {
          const record = s.notices.get(id);
          return record ? [noticeView(record, now())] : [];
        }),
      ),
    publicNotice: (n) => publicNotice(n, config.office),
    verifyToken: (token) => sessions.verify(token),
    checkSession: (session) => sessions.check(session),
    views: roleViews(core),
    gateStatuses: (ids) => core.read((s) => [...ids].flatMap((id) => gateStatus(s, id, now()) ?? [])),
    version: () => core.version(),
    asOf: isoNow,
  };
  const live = createLiveHub(io, source, deps.deltaIntervalMs === undefined ? {} : { intervalMs: deps.deltaIntervalMs });
  // The one change feed: the live hub and the metrics follow every committed change, wherever it was made.
  const unsubscribeLive = core.changes.subscribe((c) => live.changed(c));
  // Notifications follow the same feed, off the ingest path; webhooks are delivered from the store's outbox.
  // Gate API keys may also own webhooks (a gate system hears of the notices at its gate).
  const gateKeys = gateKeyIndex(config);
  // Only an enterprise with an account has a notification centre (and webhooks): nobody hears of the others' trucks.
  const listening = new Set(config.users.flatMap((u) => (u.role === 'enterprise' ? [u.taxCode] : [])));
  const hears = (taxCode: string): boolean => listening.has(taxCode);
  const notifier = await createNotifier({
    core,
    store: store.notifications,
    settings: config.notifications,
    logger,
    push: (audience, n) => pushNotification(io, audience, n),
    hears,
  });
  // Operators hear of recommended notices, enterprises of ETAs that moved.
  const forecastFacts = feedForecastFacts({ core, notifier, etaMoveMinutes: config.notifications.etaMoveMinutes, hears });
  const sealer = secretSealer(sessionSecret);
  const deliverer = startDeliverer({ store: store.webhooks, sealer, settings: config.notifications.webhooks, logger });
  const customsPuller = startCustomsPuller({ settings: config.customsImport, core, auditLog: store.audit, logger });
  const sockets = guardSockets(io, limits);
  const metrics = createMetrics(
    {
      gateStatuses: () => core.currentGateStatuses(),
      socketsByRole: () => socketsByRole(io),
      socketsCutOff: () => sockets.cutOff(),
      undecodableEvents: () => core.read((s) => s.undecodable.count),
      journalPosition: () => core.version(),
    },
    deps.metricsToken === undefined ? {} : { token: deps.metricsToken },
  );
  const unsubscribeMetrics = core.changes.subscribe((c) => metrics.changed(c));
  const follower = followJournal(core, store, {
    pollMs: deps.followMs ?? (store.kind === 'sqlite' ? 0 : 500),
    logger,
    onRewound: (e) => deps.onJournalRewound?.(e),
  });
  let shuttingDown = false;

  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(requestLog(logger));
  app.use((_req, res, next) => {
    // While shutting down, every answer closes its connection, so the server can finish.
    if (shuttingDown) res.setHeader('Connection', 'close');
    next();
  });
  app.use(bodyTimeout(limits.bodyTimeoutMs));
  app.use(securityHeaders(config));
  app.get('/metrics', metrics.scrape);
  app.get('/healthz', (_req, res) => {
    const { undecodable, events } = core.read((s) => ({ undecodable: s.undecodable, events: s.eventCount }));
    const lag = follower.health();
    res.status(lag.ok ? 200 : 503).json({
      ok: lag.ok,
      seq: core.version(),
      events,
      store: store.kind,
      ...(lag.ok ? {} : { reason: lag.reason }),
      ...(undecodable.count > 0 ? { undecodableEvents: { count: undecodable.count, seqs: undecodable.rows.map((r) => r.seq) } } : {}),
    });
  });
  // Built on first request: the generator and the document cost ≈ 0.3 s that a restart need not wait for.
  let openApi: Promise<unknown> | undefined;
  app.get('/api/v1/openapi.json', async (_req, res) => {
    openApi ??= import('./http/openapi/openapi.ts').then((m) => m.openApiDocument());
    res.json(await openApi);
  });
  app.use('/api/v1/events', metrics.observeIngest);
  if (deps.ingestPerMinute !== false) {
    app.use(
      '/api/v1/events',
      rateLimit({
        windowMs: 60_000,
        limit: deps.ingestPerMinute ?? 1_200,
        // Per gate system (its key), not per IP: gates often sit behind one NAT.
        keyGenerator: (req) => bearerToken(req) ?? 'anonymous',
        // Counted across the deployment (every node shares the store's counter).
        store: store.rateLimitStore('ingest:'),
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, res) => sendError(res, 'rate_limited', 'too many requests; retry after a minute'),
      }),
    );
  }
  app.use('/api/v1', authenticate(sessions));
  app.use('/api/v1', eventsRouter({ config, core, logger }));
  const loginLimit = deps.loginLimit ?? DEFAULT_LOGIN_LIMIT;
  const signInGuard = loginLimit === false ? undefined : createSignInGuard(loginLimit, store.rateLimitStore('login:'));
  app.use(
    '/api/v1',
    authRouter({
      sessions,
      audit,
      localTime: core.localTime,
      ...(signInGuard ? { guard: signInGuard } : {}),
      onSessionsEnded: () => live.checkSessions(),
    }),
  );
  app.use('/api/v1', readRouter({ config, core }));
  app.use('/api/v1', noticesRouter({ core, audit, office: config.office }));
  app.use('/api/v1', forecastRouter({ core, audit }));
  app.use('/api/v1', checksRouter({ core, audit }));
  app.use('/api/v1', peopleRouter({ core, audit, auditLog: store.audit }));
  app.use('/api/v1', notificationsRouter({ notifications: store.notifications }));
  app.use(
    '/api/v1',
    webhooksRouter({
      webhooks: store.webhooks,
      sealer,
      settings: config.notifications.webhooks,
      audit,
      isoNow,
      kick: () => deliverer.kick(),
      gateOfKey: (token) => gateKeys.get(hashApiKey(token)),
    }),
  );
  app.use('/api/v1', storyRouter({ config, core, audit }));
  app.use('/api/v1', bulletinRouter({ core }));
  app.use('/api/v1', amendmentsRouter({ core, audit }));
  app.use('/api/v1', customsRouter({ core, audit, auditLog: store.audit }));
  app.use('/api/v1', proceduresRouter({ core, audit, gateOfKey: (token) => gateKeys.get(hashApiKey(token)) }));
  app.use('/api', apiNotFound);
  const consoleHandlers = staticConsole(deps.staticDir ?? defaultStaticDir);
  if (consoleHandlers.length > 0) app.use(consoleHandlers);
  app.use((req, res) => sendError(res, 'not_found', `no route ${req.method} ${req.path}`));
  app.use(storageErrorHandler(logger, { onFault: metrics.storageFault }));
  app.use(finalErrorHandler(logger));

  return {
    httpServer,
    web: app,
    io,
    core,
    live,
    notifier,
    forecastFacts,
    customsPuller,
    close: () =>
      new Promise<void>((resolve) => {
        shuttingDown = true;
        follower.stop();
        forecastFacts.stop();
        unsubscribeLive();
        unsubscribeMetrics();
        live.stop();
        sessions.close();
        signInGuard?.close();
        // Stop accepting; let in-flight requests (a batch still uploading) finish and close each
        // connection as it goes idle; after the grace, cut whatever is left.
        const idle = setInterval(() => httpServer.closeIdleConnections(), 100);
        const force = setTimeout(() => httpServer.closeAllConnections(), limits.shutdownGraceMs);
        force.unref();
        void io.close(() => {
          clearInterval(idle);
          clearTimeout(force);
          // Pending notifications are stored, deliveries in flight cut (retried later, by any node); the writer
          // finishes its turn, then the last snapshot is written (the store closes after).
          customsPuller?.close();
          void Promise.all([notifier.close(), deliverer.close()])
            .then(() => core.close())
            .then(resolve, resolve);
        });
      }),
  };
}
