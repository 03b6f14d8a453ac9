import type { Server as HttpServer } from 'node:http';
import type { RequestHandler } from 'express';
import { sendError } from './errors.ts';
import type { ServerLimits } from './limits.ts';

// A gate system on a bad line, or an attacker, trickling a body byte by byte must not hold a
// connection (and a 16 MB buffer) open forever. Node's own time-outs bound headers and the whole
// request; bodyTimeout answers the common case with the contract's JSON 408 and closes the connection.

export function applyServerTimeouts(server: HttpServer, limits: ServerLimits): void {
  // node wants headersTimeout ≤ requestTimeout.
  server.headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  server.requestTimeout = limits.requestTimeoutMs;
}

/** How often node checks headers/request time-outs: often enough for the smallest one. */
export const connectionsCheckingInterval = (limits: ServerLimits): number =>
  Math.max(50, Math.min(30_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));

export function bodyTimeout(ms: number): RequestHandler {
  return (req, res, next) => {
    // Nothing left to read (GET, empty body): no timer.
    if (req.complete || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined)) return next();
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (res.headersSent) return void req.socket.destroy();
      res.setHeader('Connection', 'close');
      res.once('finish', () => req.socket.destroy());
      sendError(res, 'request_timeout', `the request body did not arrive within ${Math.round(ms / 1000)} s; send it again`);
    }, ms);
    timer.unref();
    const done = (): void => clearTimeout(timer);
    req.once('end', done);
    req.once('close', done);
    res.once('finish', done);
    res.once('close', done);
    next();
  };
}
