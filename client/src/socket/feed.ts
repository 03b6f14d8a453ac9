import { Delta, Snapshot } from '../../../shared/index.ts';
import type { Stores } from '../stores/index.tsx';
import { decideDelta } from './sequence.ts';

// Turns the live stream into store updates: parse (never trust), order by seq, track link health.

/** What the feed needs of a socket; the real one is adapted in connect.ts, tests pass a fake. */
export interface LivePort {
  onSnapshot(fn: (payload: unknown) => void): void;
  onDelta(fn: (payload: unknown) => void): void;
  onConnect(fn: () => void): void;
  onDisconnect(fn: () => void): void;
  /** Transport heartbeat (engine ping): the link is alive even when nothing changes. */
  onHeartbeat(fn: () => void): void;
  requestResync(): void;
}

export interface FeedOptions {
  now?: () => number;
  /** Disconnected this long → "stale" instead of "reconnecting". */
  staleAfterMs?: number;
  /** Connected but silent (no message, no heartbeat) this long → "stale". */
  silenceMs?: number;
  log?: (message: string, detail?: unknown) => void;
}

export interface Feed {
  /** Re-evaluate staleness; called on a timer by connect.ts, directly by tests. */
  check(): void;
}

export function attachFeed(port: LivePort, stores: Stores, options: FeedOptions = {}): Feed {
  const now = options.now ?? Date.now;
  const staleAfterMs = options.staleAfterMs ?? 10_000;
  const silenceMs = options.silenceMs ?? 60_000;
  const log = options.log ?? ((message, detail) => console.warn(`[live] ${message}`, detail));
  const connection = stores.connection;
  let lastActivity = now();
  let disconnectedAt: number | null = null;
  let awaitingSnapshot = true;

  const resync = (why: string) => {
    log(`resync: ${why}`);
    awaitingSnapshot = true;
    port.requestResync();
  };
  const fresh = () => {
    lastActivity = now();
    if (disconnectedAt === null && !awaitingSnapshot) connection.getState().setStatus('live');
  };

  port.onSnapshot((payload) => {
    const parsed = Snapshot.safeParse(payload);
    if (!parsed.success) return log('malformed snapshot rejected', parsed.error.issues);
    const snap = parsed.data;
    stores.gates.getState().replace(snap.gates);
    stores.notices.getState().replace(snap.notices);
    // Role-specific parts: absent means "not for you" — clear what an earlier identity may have left.
    stores.alerts.getState().replace(snap.alerts ?? []);
    stores.worklist.getState().replace(snap.worklist ?? []);
    stores.myDeclarations.getState().replace(snap.myDeclarations ?? []);
    if (snap.user && stores.session.getState().token) stores.session.getState().confirmUser(snap.user);
    if (snap.clock) stores.clock.getState().set(snap.clock);
    connection.getState().applied(snap.seq, snap.asOf);
    awaitingSnapshot = false;
    fresh();
  });

  port.onDelta((payload) => {
    const parsed = Delta.safeParse(payload);
    if (!parsed.success) {
      log('malformed delta rejected', parsed.error.issues);
      if (!awaitingSnapshot) resync('a delta could not be read');
      return;
    }
    const delta = parsed.data;
    const decision = awaitingSnapshot ? 'ignore' : decideDelta(connection.getState().seq, delta);
    if (decision === 'resync') return resync(`gap: at ${connection.getState().seq}, delta from ${delta.baseSeq}`);
    if (decision === 'apply') {
      if (delta.gates) stores.gates.getState().merge(delta.gates);
      if (delta.notices) stores.notices.getState().merge(delta.notices);
      if (delta.alerts) stores.alerts.getState().replace(delta.alerts);
      if (delta.worklist) stores.worklist.getState().merge(delta.worklist);
      if (delta.myDeclarations) stores.myDeclarations.getState().merge(delta.myDeclarations);
      // After the whole values of the same delta: an ETA that moved since then is the newer word.
      if (delta.myEtas) stores.myDeclarations.getState().applyEtas(delta.myEtas);
      if (delta.clock) stores.clock.getState().set(delta.clock);
      connection.getState().applied(delta.seq, delta.asOf);
    }
    fresh();
  });

  port.onConnect(() => {
    // The server sends a snapshot on every connect; until it lands the data is as old as before.
    disconnectedAt = null;
    awaitingSnapshot = true;
    lastActivity = now();
  });
  port.onDisconnect(() => {
    disconnectedAt = now();
    connection.getState().setStatus('reconnecting', lastActivity);
  });
  port.onHeartbeat(fresh);

  return {
    check() {
      const t = now();
      const { status } = connection.getState();
      if (disconnectedAt !== null) {
        if (t - disconnectedAt >= staleAfterMs && status !== 'stale') connection.getState().setStatus('stale', lastActivity);
      } else if (status === 'live' && t - lastActivity >= silenceMs) {
        connection.getState().setStatus('stale', lastActivity);
      }
    },
  };
}
