import { io, type Socket } from 'socket.io-client';
import { LIVE_EVENTS, LiveNotification } from '../../../shared/index.ts';
import { endSession, type Stores } from '../stores/index.tsx';
import { attachFeed, type LivePort } from './feed.ts';

// The ONE socket of the console: same origin as the page, Socket.IO's own reconnection with backoff.

const portOf = (socket: Socket): LivePort => ({
  onSnapshot: (fn) => void socket.on(LIVE_EVENTS.snapshot, fn),
  onDelta: (fn) => void socket.on(LIVE_EVENTS.delta, fn),
  onConnect: (fn) => void socket.on('connect', fn),
  onDisconnect: (fn) => void socket.on('disconnect', fn),
  onHeartbeat: (fn) => void socket.io.on('ping', fn),
  requestResync: () => void socket.emit(LIVE_EVENTS.resync),
});

export interface LiveConnection {
  close(): void;
}

/** One socket per identity: App reconnects with the new token when someone signs in or out. */
export function connectLive(stores: Stores, token: string | null = null): LiveConnection {
  // WebSocket only, which is what ['websocket', 'polling'] did anyway (engine.io-client 6 falls back to
  // polling only with tryAllTransports): one TCP connection per console, so behind a load balancer each
  // live connection stays on one node by itself and no sticky sessions are needed (docs/deploy/nginx.conf).
  const socket = io({ auth: token ? { token } : {}, reconnectionDelayMax: 5_000, transports: ['websocket'] });
  const feed = attachFeed(portOf(socket), stores);
  // Notifications ride outside seq/baseSeq: each is added by id (parsed, never trusted).
  socket.on(LIVE_EVENTS.notification, (payload: unknown) => {
    const parsed = LiveNotification.safeParse(payload);
    if (parsed.success) stores.notifications.getState().add(parsed.data);
  });
  // A bad or expired token, or a session the server ended: say so and offer to sign in again; App then
  // reconnects anonymously (the public board) underneath.
  socket.on('connect_error', (error) => {
    if (token && error.message === 'unauthorized') {
      const data: unknown = (error as { data?: unknown }).data;
      const reason = typeof data === 'object' && data !== null && typeof (data as { reason?: unknown }).reason === 'string' ? (data as { reason: string }).reason : 'expired';
      endSession(stores, reason);
    }
  });
  socket.on(LIVE_EVENTS.session, (payload: unknown) => {
    const reason = typeof payload === 'object' && payload !== null && typeof (payload as { reason?: unknown }).reason === 'string' ? (payload as { reason: string }).reason : 'expired';
    if (token) endSession(stores, reason);
  });
  const timer = setInterval(() => feed.check(), 1_000);
  return {
    close() {
      clearInterval(timer);
      socket.close();
    },
  };
}
