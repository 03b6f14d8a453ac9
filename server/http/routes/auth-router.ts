import express, { Router } from 'express';
import { LoginRequest, type LoginResponse } from '../../../shared/auth.ts';
import type { LocalTime } from '../../domain/index.ts';
import type { Sessions } from '../../security/sessions.ts';
import type { AuditTrail } from './audit-trail.ts';
import { clientIp, idParam, requireRole, sessionOf, signedIn } from '../guards/auth.ts';
import { sendError } from '../guards/errors.ts';
import { describeIssues } from '../../core/decide-batch.ts';
import type { SignInGuard, SignInLimit } from '../guards/sign-in-guard.ts';

// POST /auth/login, /auth/logout, GET /auth/me, and an operator's POST /users/:id/revoke-sessions.
// One answer for an unknown user and a wrong password.

export type LoginLimit = SignInLimit;

export const DEFAULT_LOGIN_LIMIT: LoginLimit = { windowMs: 5 * 60_000, limit: 10 };

export interface AuthRouterDeps {
  sessions: Sessions;
  audit: AuditTrail;
  localTime: LocalTime;
  /** Failed sign-ins per address; absent: no limit. */
  guard?: SignInGuard;
  /** Live sockets of ended sessions fall back to the public board now (not only at the next sweep). */
  onSessionsEnded(): void;
}

export function authRouter(deps: AuthRouterDeps): Router {
  const router = Router();

  router.post('/auth/login', express.json({ limit: '16kb' }), async (req, res) => {
    const body = LoginRequest.safeParse(req.body);
    if (!body.success) return sendError(res, 'bad_request', describeIssues(body.error));
    const turn = deps.guard ? await deps.guard.admit(clientIp(req)) : undefined;
    if (turn && !turn.ok) {
      res.setHeader('Retry-After', String(turn.retryAfterS));
      return sendError(res, 'rate_limited', `too many failed sign-ins from this address; try again in ${turn.retryAfterS} s`);
    }
    let failed = true;
    // The verdict is in: only now does a failure count (and the next waiting attempt may go). Counted
    // BEFORE the answer goes out: a client that tries again at once must find this failure counted, on
    // whichever node it lands (the counter may be a database round trip away). A turn releases once.
    const release = async (): Promise<void> => {
      if (turn?.ok) await turn.release(failed);
    };
    try {
      const user = await deps.sessions.login(body.data.username, body.data.password);
      if (!user) {
        await release();
        await deps.audit.record(req, 'login_failed', { actor: body.data.username });
        return sendError(res, 'unauthorized', 'Wrong username or password');
      }
      failed = false;
      await release();
      const { token, expiresAtMs } = await deps.sessions.issue(user);
      await deps.audit.record(req, 'login', { actor: user.username, role: user.role });
      const response: LoginResponse = { token, expiresAt: deps.localTime.formatIso(expiresAtMs), user };
      res.json(response);
    } finally {
      // Whatever went wrong on the way (a store error): the turn is never kept.
      await release();
    }
  });

  router.post('/auth/logout', async (req, res) => {
    const session = sessionOf(req);
    if (!signedIn(req, res) || !session) return;
    await deps.sessions.signOut(session);
    await deps.audit.record(req, 'logout', { target: session.user.username });
    deps.onSessionsEnded();
    res.status(204).end();
  });

  router.post('/users/:id/revoke-sessions', requireRole('operator'), async (req, res) => {
    const username = idParam(req);
    if (!(await deps.sessions.revokeUser(username))) return sendError(res, 'not_found', `no user ${username}`);
    await deps.audit.record(req, 'sessions_revoked', { target: username });
    deps.onSessionsEnded();
    res.status(204).end();
  });

  router.get('/auth/me', (req, res) => {
    const user = signedIn(req, res);
    if (user) res.json(user);
  });
  return router;
}
