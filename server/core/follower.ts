import type { Logger } from 'pino';
import type { Store } from '../store/store.ts';
import { JournalRewound, type AppCore } from './app-core.ts';

// Following the journal: other nodes of the deployment commit to the same database, and this node's
// state must take in what they wrote. A notification from the store (PostgreSQL LISTEN/NOTIFY) wakes a
// catch-up at once; a poll every `pollMs` catches anything a lost notification or a reconnect missed.
// Catching up goes through the core's writer (one turn), so it never interleaves with a decision.
// With the embedded store there is no other writer: pollMs 0 turns following off.

export interface Follower {
  /** ok: false while the store cannot be read (the node serves what it has; /healthz says so). */
  health(): { ok: true } | { ok: false; reason: string };
  stop(): void;
}

/** Unhealthy after this long without a successful catch-up while following is on. */
const STALE_AFTER_MS = 5_000;

export interface FollowOptions {
  pollMs: number;
  logger: Logger;
  /** The database went back behind this node (restore, lossy failover): the node must restart. */
  onRewound(error: JournalRewound): void;
}

export function followJournal(core: AppCore, store: Store, opts: FollowOptions): Follower {
  if (opts.pollMs <= 0) return { health: () => ({ ok: true }), stop: () => undefined };
  let stopped = false;
  let running: Promise<void> | undefined;
  let wanted = false;
  let lastOkAt = Date.now();
  let lastError: string | undefined;

  const run = (): void => {
    if (stopped) return;
    if (running) {
      wanted = true;
      return;
    }
    running = core
      .catchUp()
      .then(
        () => {
          lastOkAt = Date.now();
          if (lastError !== undefined) opts.logger.info('journal reachable again: caught up');
          lastError = undefined;
        },
        (e: unknown) => {
          if (e instanceof JournalRewound) {
            stopped = true;
            opts.logger.fatal({ err: e }, 'the journal in the database is behind this node: restarting to rebuild from it');
            opts.onRewound(e);
            return;
          }
          const message = e instanceof Error ? e.message : String(e);
          if (lastError === undefined) opts.logger.error({ err: e }, 'cannot read the journal: serving what this node has');
          lastError = message;
        },
      )
      .finally(() => {
        running = undefined;
        if (wanted) {
          wanted = false;
          run();
        }
      });
  };
  const unsubscribe = store.onCommitted(run);
  const poll = setInterval(run, opts.pollMs);
  poll.unref();

  return {
    health() {
      if (lastError !== undefined && Date.now() - lastOkAt > STALE_AFTER_MS) return { ok: false, reason: `cannot read the journal: ${lastError}` };
      return { ok: true };
    },
    stop() {
      stopped = true;
      clearInterval(poll);
      unsubscribe();
    },
  };
}
