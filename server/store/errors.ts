// The one error a store throws when it cannot take a write now (disk full, read-only, failing, locked,
// database unreachable). Each driver's own codes are mapped to it inside its store, so nothing outside
// server/store names a driver's code; the HTTP edge answers it with 503 `unavailable`.

export class StorageUnavailable extends Error {
  /** The driver's or the OS's code, for logs and /metrics (e.g. SQLITE_FULL, ENOSPC, 57P01). */
  readonly code: string;
  constructor(reason: string, code: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'StorageUnavailable';
    this.code = code;
  }
}

const codeOf = (err: unknown): string | undefined =>
  err !== null && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

/** What node's fs says when a data directory cannot take writes (the session secret, snapshots). */
const FS_UNAVAILABLE: Record<string, string> = {
  ENOSPC: 'the data disk is full',
  EDQUOT: 'the data disk quota is used up',
  EFBIG: 'the data file has reached its size limit',
  EROFS: 'the data directory is on a read-only file system',
  EIO: 'the data disk failed to write',
  EACCES: 'the data directory is not writable',
  EPERM: 'the data directory is not writable',
};

/**
 * `err` as StorageUnavailable when `reasons` (a driver's code patterns) or the fs codes say it is a
 * storage fault; otherwise `err` itself (a bug stays a bug, answered 500).
 */
export function asStorageUnavailable(err: unknown, reasons: readonly [RegExp, string][]): unknown {
  if (err instanceof StorageUnavailable) return err;
  const code = codeOf(err);
  if (code === undefined) return err;
  for (const [pattern, reason] of reasons) if (pattern.test(code)) return new StorageUnavailable(reason, code, { cause: err });
  const fs = FS_UNAVAILABLE[code];
  return fs === undefined ? err : new StorageUnavailable(fs, code, { cause: err });
}
