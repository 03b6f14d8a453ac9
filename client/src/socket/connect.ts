import { io, type Socket } from 'socket.io-client';
import { LIVE_EVENTS } from '../../../shared/index.ts';
import type { Stores } from '../stores/index.tsx';
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

export function connectLive(stores: Stores, auth?: { token: string }): LiveConnection {
  const socket = io({ auth, reconnectionDelayMax: 5_000, transports: ['websocket', 'polling'] });
  const feed = attachFeed(portOf(socket), stores);
  const timer = setInterval(() => feed.check(), 1_000);
  return {
    close() {
      clearInterval(timer);
      socket.close();
    },
  };
}
