import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { LoginRequest, type LoginResponse } from '../../shared/auth.ts';
import type { LocalTime } from '../domain/index.ts';
import type { Sessions } from '../security/sessions.ts';
import type { AuditTrail } from './audit-trail.ts';
import { clientIp, signedIn } from './auth.ts';
import { sendError } from './errors.ts';
import { describeIssues } from './ingest.ts';

// POST /auth/login and GET /auth/me. One answer for an unknown user and a wrong password.

export interface LoginLimit {
  windowMs: number;
  limit: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { windowMs: 5 * 60_000, limit: 10 };

export function authRouter(deps: { sessions: Sessions; audit: AuditTrail; localTime: LocalTime; loginLimit: LoginLimit | false }): Router {
  const router = Router();
  const limiter =
    deps.loginLimit === false
      ? []
      : [
          rateLimit({
            windowMs: deps.loginLimit.windowMs,
            limit: deps.loginLimit.limit,
            keyGenerator: (req) => clientIp(req),
            // Only failed sign-ins count: a guessing attacker is stopped, a busy office is not.
            skipSuccessfulRequests: true,
            standardHeaders: 'draft-8',
            legacyHeaders: false,
            handler: (_req, res) => sendError(res, 'rate_limited', 'too many sign-in attempts; try again later'),
          }),
        ];

  router.post('/auth/login', ...limiter, express.json({ limit: '16kb' }), async (req, res) => {
    const body = LoginRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeIssues(body.error));
    const user = deps.sessions.login(body.data.username, body.data.password);
    if (!user) {
      deps.audit.record(req, 'login_failed', { actor: body.data.username });
      return sendError(res, 'unauthorized', 'Wrong username or password');
    }
    const { token, expiresAtMs } = await deps.sessions.issue(user);
    deps.audit.record(req, 'login', { actor: user.username, role: user.role });
    const response: LoginResponse = { token, expiresAt: deps.localTime.formatIso(expiresAtMs), user };
    res.json(response);
  });

  router.get('/auth/me', (req, res) => {
    const user = signedIn(req, res);
    if (user) res.json(user);
  });
  return router;
}
