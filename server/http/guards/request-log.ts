import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

// One structured line per request with its id. Deliberately no headers or bodies: they carry API keys.

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const reqId = randomUUID();
    const started = performance.now();
    // Taken now: by 'finish' a router has made req.path relative to its mount point. No query string (plates).
    const path = req.path;
    res.setHeader('x-request-id', reqId);
    res.on('finish', () => {
      const ms = Math.round(performance.now() - started);
      logger.info({ reqId, method: req.method, path, status: res.statusCode, ms }, 'request');
    });
    // A client that hung up (or a connection cut by a time-out) still leaves its line.
    res.on('close', () => {
      if (res.writableFinished) return;
      logger.info({ reqId, method: req.method, path, aborted: true, ms: Math.round(performance.now() - started) }, 'request');
    });
    next();
  };
}
