import { SignJWT, jwtVerify } from 'jose';
import type { UserConfig } from '../../shared/config.ts';
import type { SessionUser } from '../../shared/auth.ts';
import { verifyPassword } from './secrets.ts';

// Sign-in sessions: HS256 JWTs (jose) with `sub` = username and an expiry. The user is looked up in
// the configuration again on every verify, so removing a user ends their sessions at the next restart.
// Token times are wall time (Date.now), never the simulated server clock.

export const DEFAULT_SESSION_TTL_MS = 12 * 3_600_000;

export interface Sessions {
  /** undefined for an unknown user or a wrong password — the caller cannot tell which (same work done). */
  login(username: string, password: string): SessionUser | undefined;
  issue(user: SessionUser): Promise<{ token: string; expiresAtMs: number }>;
  /** The user a token belongs to now, or undefined (bad signature, expired, user removed). */
  verify(token: string): Promise<SessionUser | undefined>;
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

export function createSessions(opts: { users: readonly UserConfig[]; secret: string; ttlMs?: number }): Sessions {
  const key = new TextEncoder().encode(opts.secret);
  const ttlMs = opts.ttlMs ?? DEFAULT_SESSION_TTL_MS;
  const byName = new Map(opts.users.map((u) => [u.username, u]));
  return {
    login(username, password) {
      const user = byName.get(username);
      const ok = verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      return ok && user ? sessionUserOf(user) : undefined;
    },
    async issue(user) {
      const expiresAtMs = Date.now() + ttlMs;
      const token = await new SignJWT({ role: user.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.username)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAtMs / 1000))
        .sign(key);
      return { token, expiresAtMs };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
        const user = payload.sub === undefined ? undefined : byName.get(payload.sub);
        return user ? sessionUserOf(user) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
