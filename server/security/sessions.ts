import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { UserConfig } from '../../shared/config.ts';
import type { SessionUser } from '../../shared/auth.ts';
import type { SessionEndReason } from '../../shared/live.ts';
import type { RevocationStore } from '../store/side-tables.ts';
import { verifyPassword } from './secrets.ts';

// Sign-in sessions: HS256 JWTs (jose) with `sub` = username, a session id (`jti`), the issue time in
// ms and an expiry — a token without any of them is refused. The user is looked up in the configuration
// on every verify. Sessions end at expiry, at sign-out (that token) or when the user's sessions are
// revoked (an operator, or `npm run user -- revoke`): revocations live in the store, so every node and
// every restart sees them; each node keeps them in memory and reads new ones from the store every second.
// Token times are wall time (Date.now), never the simulated server clock.

export const DEFAULT_SESSION_TTL_MS = 12 * 3_600_000;
/** How often a node reads revocations made elsewhere (another node, the command line). */
export const REVOCATION_POLL_MS = 1_000;

/** A verified token: who, and which session (for sign-out and for live sockets that outlive it). */
export interface Session {
  user: SessionUser;
  id: string;
  issuedAtMs: number;
  expiresAtMs: number;
}

export type Verdict = { ok: true; session: Session } | { ok: false; reason: SessionEndReason };

export interface Sessions {
  /** undefined for an unknown user or a wrong password — the caller cannot tell which (same work done). Off the event loop. */
  login(username: string, password: string): Promise<SessionUser | undefined>;
  issue(user: SessionUser): Promise<{ token: string; expiresAtMs: number }>;
  /** Whether a token is a live session now, and why not. */
  verify(token: string): Promise<Verdict>;
  /** Whether an already verified session still holds now (live sockets check this every second). */
  check(session: Session): SessionEndReason | undefined;
  /** Sign-out: this session ends now, everywhere (durable when it resolves). */
  signOut(session: Session): Promise<void>;
  /** Every session of the user issued until now ends; false for an unknown user. */
  revokeUser(username: string): Promise<boolean>;
  /** Read revocations made elsewhere now (also done every REVOCATION_POLL_MS). */
  refresh(): Promise<void>;
  close(): void;
}

export function sessionUserOf(u: UserConfig): SessionUser {
  switch (u.role) {
    case 'operator':
      return { username: u.username, role: 'operator' };
    case 'border_force':
      return { username: u.username, role: 'border_force', gateId: u.gateId, force: u.force };
    case 'enterprise':
      return { username: u.username, role: 'enterprise', taxCode: u.taxCode };
  }
}

// Verified against for unknown usernames so that timing does not reveal which usernames exist.
const DUMMY_HASH = 'scrypt:16384:8:1:00000000000000000000000000000000:' + '0'.repeat(64);

const isErrorCode = (e: unknown, code: string): boolean => e !== null && typeof e === 'object' && 'code' in e && e.code === code;

export async function createSessions(opts: {
  users: readonly UserConfig[];
  secret: string;
  ttlMs?: number;
  revocations: RevocationStore;
  now?: () => number;
}): Promise<Sessions> {
  const key = new TextEncoder().encode(opts.secret);
  const ttlMs = opts.ttlMs ?? DEFAULT_SESSION_TTL_MS;
  const now = opts.now ?? Date.now;
  const byName = new Map(opts.users.map((u) => [u.username, u]));
  // The in-memory copy of the store's revocations: signed-out session ids (until their expiry) and,
  // per user, the time before which every session was revoked.
  const signedOut = new Map<string, number>();
  const revokedBefore = new Map<string, number>();
  let readUpTo = 0;
  const read = async (): Promise<void> => {
    for (const r of await opts.revocations.since(readUpTo)) {
      readUpTo = Math.max(readUpTo, r.seq);
      if (r.kind === 'session') signedOut.set(r.key, r.untilMs);
      else revokedBefore.set(r.key, Math.max(revokedBefore.get(r.key) ?? 0, r.atMs));
    }
    const t = now();
    for (const [id, until] of signedOut) if (until <= t) signedOut.delete(id);
  };
  // One read at a time; a refresh asked for meanwhile runs once after it (it must see rows written before it was asked).
  let reading: Promise<void> | undefined;
  let again: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    if (!reading) {
      reading = read().finally(() => (reading = undefined));
      return reading;
    }
    again ??= reading.catch(() => undefined).then(() => {
      again = undefined;
      return refresh();
    });
    return again;
  };
  await refresh();
  const poll = setInterval(() => {
    // The store unreachable for a moment: the next poll reads what was missed.
    refresh().catch(() => undefined);
  }, REVOCATION_POLL_MS);
  poll.unref();

  const check = (s: Session): SessionEndReason | undefined => {
    if (!byName.has(s.user.username)) return 'invalid';
    if (signedOut.has(s.id)) return 'signed_out';
    if (s.issuedAtMs < (revokedBefore.get(s.user.username) ?? -Infinity)) return 'revoked';
    if (s.expiresAtMs <= now()) return 'expired';
    return undefined;
  };

  return {
    async login(username, password) {
      const user = byName.get(username);
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      return ok && user ? sessionUserOf(user) : undefined;
    },
    async issue(user) {
      const issuedAtMs = now();
      const expiresAtMs = issuedAtMs + ttlMs;
      const token = await new SignJWT({ role: user.role, iat_ms: issuedAtMs })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.username)
        .setJti(randomUUID())
        .setIssuedAt(Math.floor(issuedAtMs / 1000))
        .setExpirationTime(Math.floor(expiresAtMs / 1000))
        .sign(key);
      return { token, expiresAtMs };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: ['HS256'],
          requiredClaims: ['exp', 'sub', 'jti', 'iat_ms'],
          currentDate: new Date(now()),
        });
        const config = payload.sub === undefined ? undefined : byName.get(payload.sub);
        const issuedAtMs = payload.iat_ms;
        if (!config || typeof issuedAtMs !== 'number' || payload.jti === undefined || payload.exp === undefined) return { ok: false, reason: 'invalid' };
        const session: Session = { user: sessionUserOf(config), id: payload.jti, issuedAtMs, expiresAtMs: payload.exp * 1000 };
        const ended = check(session);
        return ended ? { ok: false, reason: ended } : { ok: true, session };
      } catch (e) {
        return { ok: false, reason: isErrorCode(e, 'ERR_JWT_EXPIRED') ? 'expired' : 'invalid' };
      }
    },
    check,
    async signOut(session) {
      await opts.revocations.revokeSession(session.id, session.expiresAtMs);
      await refresh();
    },
    async revokeUser(username) {
      if (!byName.has(username)) return false;
      // +1: a session issued in this very millisecond, before the revocation, ends too.
      await opts.revocations.revokeUser(username, now() + 1);
      await refresh();
      return true;
    },
    refresh,
    close: () => clearInterval(poll),
  };
}
