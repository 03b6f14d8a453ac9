import type { LiveServer, LiveSocket } from './io-types.ts';
import { LIVE_EVENTS } from '../../shared/live.ts';

// Live clients may only ask for a `resync`, and not too often; anything else, or a flood, gets the
// socket cut off so the 250 ms flush stays cheap for everyone else. Connections per client address
// are capped; the next one is refused with a message the client sees in `connect_error`.
// (Oversized messages are cut by Socket.IO itself: maxHttpBufferSize, set in app.ts.)

export interface SocketLimits {
  socketsPerIp: number;
  resyncBurst: number;
  resyncPerSecond: number;
}

export interface SocketGuard {
  /** Sockets cut off since start, by reason (for /metrics). */
  cutOff(): Record<CutReason, number>;
}

export type CutReason = 'unknown_event' | 'resync_flood';

/** Call after the hub's own middleware, so the address check is the last step before connecting. */
export function guardSockets(io: LiveServer, limits: SocketLimits): SocketGuard {
  const perIp = new Map<string, number>();
  const cut: Record<CutReason, number> = { unknown_event: 0, resync_flood: 0 };
  // A client cut off once counts once, however many frames it had already sent in the same tick.
  const alreadyCut = new WeakSet<LiveSocket>();
  const cutOff = (socket: LiveSocket, reason: CutReason): void => {
    if (!alreadyCut.has(socket)) {
      alreadyCut.add(socket);
      cut[reason] += 1;
    }
    socket.disconnect(true);
  };

  io.use((socket, next) => {
    const ip = socket.handshake.address;
    if ((perIp.get(ip) ?? 0) >= limits.socketsPerIp) {
      return next(new Error(`too many live connections from this address (at most ${limits.socketsPerIp}); close another console first`));
    }
    next();
  });

  io.on('connection', (socket) => {
    const ip = socket.handshake.address;
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
    socket.once('disconnect', () => {
      const left = (perIp.get(ip) ?? 1) - 1;
      if (left > 0) perIp.set(ip, left);
      else perIp.delete(ip);
    });
    // Token bucket: a burst of resyncs is fine (a console waking up), a stream of them is not.
    let tokens = limits.resyncBurst;
    let refilledAt = Date.now();
    socket.use(([event], next) => {
      if (event !== LIVE_EVENTS.resync) return cutOff(socket, 'unknown_event');
      const now = Date.now();
      tokens = Math.min(limits.resyncBurst, tokens + ((now - refilledAt) / 1000) * limits.resyncPerSecond);
      refilledAt = now;
      if (tokens < 1) return cutOff(socket, 'resync_flood');
      tokens -= 1;
      next();
    });
  });

  return { cutOff: () => ({ ...cut }) };
}
