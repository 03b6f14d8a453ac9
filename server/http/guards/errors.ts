import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '../../../shared/errors.ts';

// One error shape for every non-2xx answer: { error, message }. Express's HTML error page never shows.

export function sendError(res: Response, error: ErrorCode, message: string): void {
  const body: ErrorBody = { error, message };
  res.status(ERROR_STATUS[error]).json(body);
}

export const apiNotFound: RequestHandler = (req, res) => sendError(res, 'not_found', `no route ${req.method} ${req.path}`);

const statusOf = (err: unknown): number | undefined =>
  err !== null && typeof err === 'object' && 'status' in err && typeof err.status === 'number' ? err.status : undefined;

/** Body-parser and other http-errors carry a status; anything else is our bug → 500 without details. */
export function finalErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = statusOf(err) ?? 500;
    if (status === 413) return sendError(res, 'payload_too_large', 'request body too large');
    if (status === 415) return sendError(res, 'unsupported_media_type', 'unsupported body encoding');
    if (status === 400) return sendError(res, 'bad_request', 'malformed request body');
    if (status >= 400 && status < 500) return sendError(res, 'bad_request', 'request could not be read');
    logger.error({ reqId: res.getHeader('x-request-id'), err, method: req.method, path: req.path }, 'unhandled error');
    sendError(res, 'internal', 'internal server error');
  };
}
