import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { sendError } from './errors.ts';

// When the disk is full, read-only, or failing, a write throws out of the store. Commit is "log
// first, then state", so nothing of the request was stored or applied: answer 503 `unavailable`
// (retry later), keep serving reads, and never crash. What SQLite and node say for each case:
//   disk full (ENOSPC)           → SQLITE_FULL          file-size limit (EFBIG) → SQLITE_IOERR_WRITE / SQLITE_FULL
//   read-only file system (EROFS) → SQLITE_READONLY*     failing disk (EIO)       → SQLITE_IOERR_*
//   file unreadable / moved      → SQLITE_CANTOPEN, SQLITE_READONLY_DBMOVED
//   another writer holds the lock past busy_timeout → SQLITE_BUSY / SQLITE_LOCKED
// Plain fs calls (the session secret) throw ENOSPC, EROFS, EDQUOT, EFBIG, EIO, EACCES, EPERM.

const codeOf = (err: unknown): string | undefined =>
  err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

const SQLITE_UNAVAILABLE: [RegExp, string][] = [
  [/^SQLITE_FULL$/, 'the disk holding the event log is full'],
  [/^SQLITE_READONLY/, 'the event log is read-only'],
  [/^SQLITE_IOERR/, 'the disk holding the event log failed to write'],
  [/^SQLITE_CANTOPEN$|^SQLITE_PERM$|^SQLITE_AUTH$/, 'the event log cannot be opened for writing'],
  [/^SQLITE_BUSY|^SQLITE_LOCKED/, 'the event log is locked by another process'],
];
const FS_UNAVAILABLE: Record<string, string> = {
  ENOSPC: 'the data disk is full',
  EDQUOT: 'the data disk quota is used up',
  EFBIG: 'the data file has reached its size limit',
  EROFS: 'the data directory is on a read-only file system',
  EIO: 'the data disk failed to write',
  EACCES: 'the data directory is not writable',
  EPERM: 'the data directory is not writable',
};

/** A sentence saying why storage cannot take writes now, or undefined when `err` is not a storage fault. */
export function storageFault(err: unknown): string | undefined {
  const code = codeOf(err);
  if (code === undefined) return undefined;
  for (const [pattern, reason] of SQLITE_UNAVAILABLE) if (pattern.test(code)) return reason;
  return FS_UNAVAILABLE[code];
}

export interface StorageErrorHooks {
  onFault?(code: string): void;
}

/** Before the final handler: storage faults become 503 with a clear message; anything else passes on. */
export function storageErrorHandler(logger: Logger, hooks: StorageErrorHooks = {}): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    const reason = storageFault(err);
    if (reason === undefined || res.headersSent) return next(err);
    const code = codeOf(err) ?? 'unknown';
    hooks.onFault?.(code);
    logger.error({ reqId: res.getHeader('x-request-id'), code, err, method: req.method, path: req.path }, 'storage cannot write');
    const what = req.method === 'POST' && req.path.endsWith('/events') ? 'nothing from this batch was stored; send it again later' : 'retry later';
    sendUnavailable(res, `${reason} (${code}); ${what}`);
  };
}

export function sendUnavailable(res: Response, message: string, retryAfterSeconds = 30): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  sendError(res, 'unavailable', message);
}
