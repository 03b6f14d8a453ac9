import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

// One structured line per request with its id. Deliberately no headers or bodies: they carry API keys.

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const reqId = randomUUID();
    const started = performance.now();
    res.setHeader('x-request-id', reqId);
    res.on('finish', () => {
      const ms = Math.round(performance.now() - started);
      logger.info({ reqId, method: req.method, path: req.path, status: res.statusCode, ms }, 'request');
    });
    next();
  };
}
