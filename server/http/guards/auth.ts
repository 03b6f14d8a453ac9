import type { Request, RequestHandler, Response } from 'express';
import type { Role, SessionUser } from '../../../shared/auth.ts';
import type { SessionEndReason } from '../../../shared/live.ts';
import type { Session, Sessions } from '../../security/sessions.ts';
import { sendError } from './errors.ts';

// Who is asking: a session token (Authorization: Bearer <JWT>) resolved once per request. Gate API
// keys are a different kind of bearer and never resolve to a user; POST /events checks them itself.

const sessionsOf = new WeakMap<Request, Session>();
const badToken = new WeakMap<Request, SessionEndReason>();

export const bearerOf = (req: Request): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];

/** Resolve the user of a request, if any; never rejects (routes decide who may pass). */
export function authenticate(sessions: Sessions): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerOf(req);
    // Mounted at /api/v1: gate keys on /events are not session tokens, so do not even try them.
    if (token !== undefined && req.path !== '/events') {
      const verdict = await sessions.verify(token);
      if (verdict.ok) sessionsOf.set(req, verdict.session);
      else badToken.set(req, verdict.reason);
    }
    next();
  };
}

export const userOf = (req: Request): SessionUser | undefined => sessionsOf.get(req)?.user;
export const sessionOf = (req: Request): Session | undefined => sessionsOf.get(req);

const ENDED: Record<SessionEndReason, string> = {
  expired: 'session expired; sign in again',
  revoked: 'session was revoked; sign in again',
  signed_out: 'signed out; sign in again',
  invalid: 'session token is invalid; sign in again',
};

/** Client address for the audit log (IPv4-mapped IPv6 shown as plain IPv4). */
export const clientIp = (req: Request): string => (req.ip ?? req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

function unauthorized(req: Request, res: Response): void {
  const ended = badToken.get(req);
  sendError(res, 'unauthorized', ended ? ENDED[ended] : 'sign in first (Authorization: Bearer <session token>)');
}

/** 401 without a valid session; 403 for a signed-in user of another role. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const user = userOf(req);
    if (!user) return unauthorized(req, res);
    if (!roles.includes(user.role)) return sendError(res, 'forbidden', `only ${roles.join(' or ')} may do this`);
    next();
  };
}

/** The signed-in user, for handlers behind requireRole (which already answered 401 otherwise). */
export function signedIn(req: Request, res: Response): SessionUser | undefined {
  const user = userOf(req);
  if (!user) unauthorized(req, res);
  return user;
}

/** The `:id` route parameter as a string ('' when absent). */
export function idParam(req: Request): string {
  const value: unknown = req.params.id;
  return typeof value === 'string' ? value : '';
}
