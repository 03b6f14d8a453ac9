import pg from 'pg';

// Hearing of other nodes' commits: COMMIT of a write turn carries NOTIFY cks_journal (postgres-store.ts).

export const CHANNEL = 'cks_journal';
const noop = (): void => undefined;

export interface CommitListeners {
  subscribe(listener: () => void): () => void;
  close(): void;
}

/**
 * One dedicated connection LISTENing on cks_journal, made when the first listener subscribes. When it is
 * lost it is made again (backoff up to 2 s), and every listener is called once it listens again: commits
 * may have been missed meanwhile. Nothing here throws into the event loop.
 */
export function listenForCommits(config: pg.ClientConfig, isClosed: () => boolean, isNews: (position: number) => boolean): CommitListeners {
  const listeners = new Set<() => void>();
  let started = false;
  let current: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let backoffMs = 100;

  const callAll = (): void => {
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (e) {
        // A listener's fault is its own; thrown from a socket event it would crash the process.
        process.emitWarning(`a commit listener threw: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };

  function connect(): void {
    retry = undefined;
    if (isClosed()) return;
    const client = new pg.Client(config);
    let lost = false;
    const fail = (): void => {
      if (lost) return;
      lost = true;
      if (current === client) current = undefined;
      client.end().catch(noop);
      if (isClosed()) return;
      retry = setTimeout(connect, backoffMs);
      retry.unref();
      backoffMs = Math.min(backoffMs * 2, 2_000);
    };
    client.on('error', fail);
    client.on('end', fail);
    client.on('notification', (message) => {
      // The payload is the position the turn reached; a turn of this node needs no telling.
      const position = Number(message.payload);
      if (!Number.isFinite(position) || isNews(position)) callAll();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(() => {
        if (lost) return;
        if (isClosed()) {
          lost = true;
          client.end().catch(noop);
          return;
        }
        current = client;
        backoffMs = 100;
        // Commits made before LISTEN took effect reach nobody: every listener looks once.
        callAll();
      }, fail);
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!started) {
        started = true;
        connect();
      }
      return () => void listeners.delete(listener);
    },
    close() {
      clearTimeout(retry);
      const client = current;
      current = undefined;
      client?.end().catch(noop);
    },
  };
}
