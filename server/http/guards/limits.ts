// Limits that keep one client from holding the server hostage: time-outs, sockets per address,
// live-message size and resync rate, the shutdown grace. Defaults are in README.md ("Limits").
// main.ts reads them from the environment (server/env.ts); tests pass small values to createApp/startServer.

export interface ServerLimits {
  /** Time to receive a request's headers (node's server.headersTimeout). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body (node's server.requestTimeout; answers 408 and closes). */
  requestTimeoutMs: number;
  /** Time to receive a request's body once its headers are in; then `408 request_timeout` JSON and the connection closes. */
  bodyTimeoutMs: number;
  /** Live (Socket.IO) connections per client address; more are refused with an error message. */
  socketsPerIp: number;
  /** Largest message a live client may send (Socket.IO maxHttpBufferSize); larger ones cut the connection. */
  socketMaxMessageBytes: number;
  /** `resync` requests a live client may make in a burst, and refilled per second; beyond that it is disconnected. */
  resyncBurst: number;
  resyncPerSecond: number;
  /** On SIGTERM: time in-flight requests get to finish before connections are cut. */
  shutdownGraceMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 120_000,
  bodyTimeoutMs: 60_000,
  socketsPerIp: 50,
  socketMaxMessageBytes: 16 * 1024,
  resyncBurst: 10,
  resyncPerSecond: 1,
  shutdownGraceMs: 15_000,
};

export const resolveLimits = (partial: Partial<ServerLimits> = {}): ServerLimits => ({ ...DEFAULT_LIMITS, ...partial });

/** Environment names for each limit (documented in README.md). */
export const LIMIT_ENV: Record<keyof ServerLimits, string> = {
  headersTimeoutMs: 'HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  bodyTimeoutMs: 'BODY_TIMEOUT_MS',
  socketsPerIp: 'SOCKETS_PER_IP',
  socketMaxMessageBytes: 'SOCKET_MAX_MESSAGE_BYTES',
  resyncBurst: 'RESYNC_BURST',
  resyncPerSecond: 'RESYNC_PER_SECOND',
  shutdownGraceMs: 'SHUTDOWN_GRACE_MS',
};
