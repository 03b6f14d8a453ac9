import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live.ts';

// The live stream's Socket.IO types, built from the shared message schemas: an emit of the wrong shape
// or an unknown event name does not compile.

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;
