import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { StorageUnavailable } from '../../store/errors.ts';
import { sendError } from './errors.ts';

// When the store cannot take a write or cannot be reached (disk full, read-only, failing, database down),
// it throws StorageUnavailable — each driver's codes are mapped inside server/store. Commit is "store
// first, then state", so nothing of the request was applied: answer 503 `unavailable` (retry later),
// keep serving reads from memory, and never crash.

export interface StorageErrorHooks {
  onFault?(code: string): void;
}

/** Before the final handler: storage faults become 503 with a clear message; anything else passes on. */
export function storageErrorHandler(logger: Logger, hooks: StorageErrorHooks = {}): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (!(err instanceof StorageUnavailable) || res.headersSent) return next(err);
    hooks.onFault?.(err.code);
    logger.error({ reqId: res.getHeader('x-request-id'), code: err.code, err, method: req.method, path: req.path }, 'storage unavailable');
    const what = req.method === 'POST' && req.path.endsWith('/events') ? 'nothing from this batch was stored; send it again later' : 'retry later';
    sendUnavailable(res, `${err.message} (${err.code}); ${what}`);
  };
}

export function sendUnavailable(res: Response, message: string, retryAfterSeconds = 30): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  sendError(res, 'unavailable', message);
}
