import type { LiveServer, LiveSocket } from './io-types.ts';
import type { SessionUser } from '../../shared/auth.ts';
import type { SessionEndReason } from '../../shared/live.ts';
import { Force } from '../../shared/primitives.ts';
import type { Session, Verdict } from '../security/sessions.ts';

// Handshake auth and delivery rooms. Each socket joins exactly one delivery room, which decides what
// it is sent: 'public' (anonymous), 'operator', `force:<gate>:<force>`, `enterprise:<taxCode>`.

export type DeliveryRoom =
  | { kind: 'public' }
  | { kind: 'operator' }
  | { kind: 'force'; gateId: string; force: Force }
  | { kind: 'enterprise'; taxCode: string };

export function roomOf(user: SessionUser | undefined): DeliveryRoom {
  if (!user) return { kind: 'public' };
  if (user.role === 'operator') return { kind: 'operator' };
  if (user.role === 'border_force' && user.gateId !== undefined && user.force !== undefined) {
    return { kind: 'force', gateId: user.gateId, force: user.force };
  }
  if (user.role === 'enterprise' && user.taxCode !== undefined) return { kind: 'enterprise', taxCode: user.taxCode };
  return { kind: 'public' };
}

export function roomName(room: DeliveryRoom): string {
  switch (room.kind) {
    case 'public':
    case 'operator':
      return room.kind;
    case 'force':
      return `force:${room.gateId}:${room.force}`;
    case 'enterprise':
      return `enterprise:${room.taxCode}`;
  }
}

export function parseRoom(name: string): DeliveryRoom | undefined {
  if (name === 'public' || name === 'operator') return { kind: name };
  const force = /^force:([^:]+):([^:]+)$/.exec(name);
  if (force?.[1] !== undefined && force[2] !== undefined) {
    const f = Force.safeParse(force[2]);
    return f.success ? { kind: 'force', gateId: force[1], force: f.data } : undefined;
  }
  const enterprise = /^enterprise:(.+)$/.exec(name)?.[1];
  return enterprise === undefined ? undefined : { kind: 'enterprise', taxCode: enterprise };
}

/** The refusal a console sees as `connect_error`: message `unauthorized`, `data.reason` why. */
function refusal(reason: SessionEndReason): Error & { data: { reason: SessionEndReason } } {
  return Object.assign(new Error('unauthorized'), { data: { reason } });
}

/**
 * `auth.token` in the handshake: absent → anonymous public board; present but not a live session →
 * the connection is refused (`unauthorized`, with `data.reason`), so a console never silently shows less.
 * The map holds each signed-in socket's session; the hub checks it every second and drops the socket
 * to the public board when it ends.
 */
export function socketAuth(io: LiveServer, verify: (token: string) => Promise<Verdict>): WeakMap<LiveSocket, Session> {
  const sessions = new WeakMap<LiveSocket, Session>();
  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token: unknown = auth !== null && typeof auth === 'object' && 'token' in auth ? auth.token : undefined;
    if (token === undefined || token === null || token === '') return next();
    if (typeof token !== 'string') return next(refusal('invalid'));
    verify(token).then(
      (verdict) => {
        if (!verdict.ok) return next(refusal(verdict.reason));
        sessions.set(socket, verdict.session);
        next();
      },
      () => next(refusal('invalid')),
    );
  });
  return sessions;
}
