import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { createServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { Server as IoServer } from 'socket.io';
import type { Config } from '../shared/config.ts';
import { createLiveCore, type Clock, type LiveCore, type SimulatedClock } from './core.ts';
import type { ClockStatus } from '../shared/clock.ts';
import { storyRouter } from './http/story-router.ts';
import { randomBytes } from 'node:crypto';
import { allGateStatuses, gateStatus, isActiveAt, noticeView, publicNotice, recentNotices } from './domain/index.ts';
import { auditTrail } from './http/audit-trail.ts';
import { authenticate } from './http/auth.ts';
import { authRouter, DEFAULT_LOGIN_LIMIT, type LoginLimit } from './http/auth-router.ts';
import { checksRouter } from './http/checks-router.ts';
import { apiNotFound, finalErrorHandler, sendError } from './http/errors.ts';
import { noticesRouter } from './http/notices-router.ts';
import { peopleRouter } from './http/people-router.ts';
import { bearerToken, eventsRouter } from './http/events-router.ts';
import { openApiDocument } from './http/openapi.ts';
import { readRouter } from './http/read-router.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security.ts';
import { staticConsole } from './http/static-console.ts';
import { resolveLimits, type ServerLimits } from './http/limits.ts';
import { createMetrics } from './http/metrics.ts';
import { storageErrorHandler } from './http/storage-errors.ts';
import { applyServerTimeouts, bodyTimeout, connectionsCheckingInterval } from './http/timeouts.ts';
import { socketsByRole } from './live/census.ts';
import { guardSockets } from './live/socket-limits.ts';
import { createLiveHub, type LiveHub, type LiveSource } from './live/hub.ts';
import { roleViews } from './live/role-views.ts';
import { createSessions } from './security/sessions.ts';
import type { EventLog } from './store/event-log.ts';
import {
  createMemoryAuditLog,
  createMemoryNoticeStore,
  createMemoryRevocationStore,
  type AuditLog,
  type NoticeStore,
  type RevocationStore,
} from './store/side-tables.ts';
import { createSignInGuard } from './http/sign-in-guard.ts';

// Wires the live core to HTTP and Socket.IO. No env, no listen: main.ts and tests decide that.

export interface AppDeps {
  config: Config;
  log: EventLog;
  /** Notices, audit and session-revocation tables; in memory when absent (tests, benchmarks). */
  notices?: NoticeStore;
  audit?: AuditLog;
  revocations?: RevocationStore;
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
}

export interface App {
  httpServer: HttpServer;
  io: IoServer;
  core: LiveCore;
  live: LiveHub;
  /** Stop accepting; in-flight requests finish (up to the shutdown grace), then connections are cut. */
  close(): Promise<void>;
}

const defaultStaticDir = fileURLToPath(new URL('../dist/client', import.meta.url));

export function createApp(deps: AppDeps): App {
  const { config, clock, logger } = deps;
  const core = createLiveCore({ config, log: deps.log, notices: deps.notices ?? createMemoryNoticeStore(), clock });
  const auditLog = deps.audit ?? createMemoryAuditLog();
  const audit = auditTrail(auditLog, core.state.localTime);
  const sessions = createSessions({
    users: config.users,
    secret: deps.sessionSecret ?? randomBytes(48).toString('base64url'),
    revocations: deps.revocations ?? createMemoryRevocationStore(),
    ...(deps.sessionTtlMs === undefined ? {} : { ttlMs: deps.sessionTtlMs }),
  });
  const limits = resolveLimits(deps.limits);
  const app = express();
  const httpServer = createServer({ connectionsCheckingInterval: connectionsCheckingInterval(limits) }, app);
  applyServerTimeouts(httpServer, limits);
  // Clients only send `resync`: a small buffer cuts oversized messages; a socket that never joins goes after 10 s.
  const io = new IoServer(httpServer, { serveClient: false, maxHttpBufferSize: limits.socketMaxMessageBytes, connectTimeout: 10_000 });
  const isoNow = (): string => core.state.localTime.formatIso(clock.now());
  const clockStatus = (): ClockStatus =>
    deps.simulatedClock?.status((ms) => core.state.localTime.formatIso(ms)) ?? { now: isoNow(), simulated: false, speed: 1, paused: false };
  const source: LiveSource = {
    snapshot: () => ({
      seq: core.state.version,
      asOf: isoNow(),
      clock: clockStatus(),
      gates: allGateStatuses(core.state, clock.now()),
      notices: recentNotices(core.state, clock.now()),
    }),
    clock: clockStatus,
    notices: (ids) => [...ids].flatMap((id) => {
      const record = core.state.notices.get(id);
      return record ? [noticeView(record, clock.now())] : [];
    }),
    noticeActivity: () => new Map([...core.state.notices].map(([id, n]) => [id, isActiveAt(n, clock.now())])),
    publicNotice: (n) => publicNotice(n, config.office),
    verifyToken: (token) => sessions.verify(token),
    checkSession: (session) => sessions.check(session),
    views: roleViews(core),
    gateStatuses: (ids) => [...ids].flatMap((id) => gateStatus(core.state, id, clock.now()) ?? []),
    allGateStatuses: () => allGateStatuses(core.state, clock.now()),
    version: () => core.state.version,
    bumpVersion: () => (core.state.version += 1),
    asOf: isoNow,
  };
  const live = createLiveHub(io, source, { intervalMs: deps.deltaIntervalMs });
  const sockets = guardSockets(io, limits);
  const metrics = createMetrics(
    { gateStatuses: source.allGateStatuses, socketsByRole: () => socketsByRole(io), socketsCutOff: () => sockets.cutOff(), undecodableEvents: () => core.state.undecodable.count },
    deps.metricsToken === undefined ? {} : { token: deps.metricsToken },
  );
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
    const { undecodable } = core.state;
    res.json({
      ok: true,
      seq: core.state.version,
      events: core.state.eventCount,
      ...(undecodable.count > 0 ? { undecodableEvents: { count: undecodable.count, seqs: undecodable.rows.map((r) => r.seq) } } : {}),
    });
  });
  const openApi = openApiDocument();
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApi);
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
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, res) => sendError(res, 'rate_limited', 'too many requests; retry after a minute'),
      }),
    );
  }
  app.use('/api/v1', authenticate(sessions));
  app.use('/api/v1', eventsRouter({ config, core, logger, onCommitted: (gates, commit) => live.markChanged(gates, commit) }));
  const loginLimit = deps.loginLimit ?? DEFAULT_LOGIN_LIMIT;
  const signInGuard = loginLimit === false ? undefined : createSignInGuard(loginLimit);
  app.use(
    '/api/v1',
    authRouter({
      sessions,
      audit,
      localTime: core.state.localTime,
      ...(signInGuard ? { guard: signInGuard } : {}),
      onSessionsEnded: () => live.checkSessions(),
    }),
  );
  app.use('/api/v1', readRouter({ config, core }));
  app.use('/api/v1', noticesRouter({ core, audit, live, office: config.office }));
  app.use('/api/v1', checksRouter({ core, audit, live }));
  app.use('/api/v1', peopleRouter({ core, audit, auditLog }));
  app.use(
    '/api/v1',
    storyRouter({ config, core, audit, simulated: deps.simulatedClock, clockStatus, onClockChanged: () => live.clockChanged() }),
  );
  app.use('/api', apiNotFound);
  const consoleHandlers = staticConsole(deps.staticDir ?? defaultStaticDir);
  if (consoleHandlers.length > 0) app.use(consoleHandlers);
  app.use((req, res) => sendError(res, 'not_found', `no route ${req.method} ${req.path}`));
  app.use(storageErrorHandler(logger, { onFault: metrics.storageFault }));
  app.use(finalErrorHandler(logger));

  return {
    httpServer,
    io,
    core,
    live,
    close: () =>
      new Promise<void>((resolve) => {
        shuttingDown = true;
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
          resolve();
        });
      }),
  };
}
