import { StorageUnavailable, asStorageUnavailable } from './errors.ts';

// PostgreSQL's and the network's ways of saying the database cannot be used now, mapped to the one
// StorageUnavailable the rest of the server knows (answered 503).

/** What PostgreSQL and the network say when the database cannot take a write now. */
const PG_UNAVAILABLE: [RegExp, string][] = [
  [/^(ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EPIPE|EHOSTUNREACH|EHOSTDOWN|ENETUNREACH|ENETDOWN|ENOTFOUND|EAI_AGAIN)$/, 'the database cannot be reached'],
  // A Unix-socket URL whose socket file is missing: the server is not running.
  [/^ENOENT$/, 'the database cannot be reached'],
  [/^08/, 'the connection to the database failed'],
  [/^57P0[123]$/, 'the database is shutting down or starting up'],
  [/^57P05$|^25P03$/, 'the database ended an idle session (idle_session_timeout, idle_in_transaction_session_timeout)'],
  [/^53/, 'the database is out of resources (disk, memory or connections)'],
  [/^58030$/, 'the database failed to read or write its disk'],
  [/^25006$/, 'the database is read-only'],
  [/^40001$|^40P01$/, 'the database aborted the write (serialization failure or deadlock)'],
  [/^55P03$/, 'the journal lock was not granted in time (lock_timeout)'],
  [/^57014$/, 'the database cancelled a statement that ran too long (statement_timeout)'],
];
/** The driver's own errors carry no code: a lost or never-made connection, a client-side timeout. */
const PG_LOST =
  /^Connection terminated|^timeout exceeded when trying to connect|^Query read timeout|^Client has encountered a connection error|^Client was closed|^Cannot use a pool after calling end/;

/** `err` as StorageUnavailable when PostgreSQL or the network says the store cannot be used now; else `err`. */
export function pgFault(err: unknown): unknown {
  const mapped = asStorageUnavailable(err, PG_UNAVAILABLE);
  if (mapped !== err || !(err instanceof Error) || ('code' in err && typeof err.code === 'string')) return mapped;
  return PG_LOST.test(err.message) ? new StorageUnavailable(`the database connection failed: ${err.message}`, 'PG_CONNECTION', { cause: err }) : err;
}

/** Run a query; storage faults come out as StorageUnavailable. */
export async function pgAttempt<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw pgFault(e);
  }
}

/** The database's clock in ms (rate-limit windows): one clock for every node. */
export const NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)::bigint';
