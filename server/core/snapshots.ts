import { stateImage, type LiveState } from '../domain/index.ts';
import type { SnapshotStore } from '../store/snapshot-file.ts';

// When to write a snapshot of the state (a cache: the log stays the truth). One falls due once
// `everyEvents` events — and half the events held — came in since the last, or `everyMs` after the last
// while events came in; a due one is written only once no batch was committed for `idleMs` (writing
// blocks the loop ≈ 8 µs per event held, so never between two batches of a sustained ingest), and
// always at a graceful shutdown.

export interface SnapshotSaved {
  seq: number;
  bytes: number;
  ms: number;
}

export const DEFAULT_SNAPSHOT_EVERY_EVENTS = 200_000;
export const DEFAULT_SNAPSHOT_EVERY_MS = 10 * 60_000;
export const DEFAULT_SNAPSHOT_IDLE_MS = 5_000;

export interface SnapshotPolicy {
  everyEvents?: number;
  everyMs?: number;
  idleMs?: number;
  /** Told about snapshots written in the background, and about failures (never fatal). */
  onSnapshot?(outcome: SnapshotSaved | Error): void;
}

export interface SnapshotScheduler {
  /** A batch of `n` events was committed. */
  committed(n: number): void;
  /** Write one now (no-op when nothing changed since the last). */
  saveNow(): SnapshotSaved | undefined;
  /** Stop the timers and write the last one (graceful shutdown). */
  stop(): void;
}

/** `position()` is the log seq and eventId the state includes (read synchronously with the image). */
export function scheduleSnapshots(
  state: LiveState,
  store: SnapshotStore,
  position: () => { seq: number; eventId: string | undefined },
  policy: SnapshotPolicy,
  start: { seq: number; sinceSnapshot: number },
): SnapshotScheduler {
  const every = policy.everyEvents ?? DEFAULT_SNAPSHOT_EVERY_EVENTS;
  const idleMs = policy.idleMs ?? DEFAULT_SNAPSHOT_IDLE_MS;
  let snapshotSeq = start.seq;
  let sinceSnapshot = start.sinceSnapshot;
  let lastCommitAt = performance.now();
  let idleTimer: NodeJS.Timeout | undefined;

  const saveNow = (): SnapshotSaved | undefined => {
    const { seq, eventId } = position();
    if (seq === snapshotSeq || eventId === undefined) return undefined;
    const t0 = performance.now();
    // Synchronous from reading the position to the end of serialisation: no commit can slip in between.
    const { bytes } = store.save({ seq, eventId }, stateImage(state));
    snapshotSeq = seq;
    sinceSnapshot = 0;
    return { seq, bytes, ms: performance.now() - t0 };
  };
  const trySnapshot = (): void => {
    try {
      const saved = saveNow();
      if (saved) policy.onSnapshot?.(saved);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      if (policy.onSnapshot) policy.onSnapshot(error);
      else process.emitWarning(`state snapshot not written: ${error.message}`);
    }
  };
  const waitForIdle = (): void => {
    if (idleTimer) return;
    const check = (): void => {
      const quietFor = performance.now() - lastCommitAt;
      if (quietFor < idleMs) {
        idleTimer = setTimeout(check, idleMs - quietFor);
        idleTimer.unref();
        return;
      }
      idleTimer = undefined;
      trySnapshot();
    };
    idleTimer = setTimeout(check, Math.max(0, idleMs - (performance.now() - lastCommitAt)));
    idleTimer.unref();
  };
  const timer = setInterval(() => {
    if (sinceSnapshot > 0) waitForIdle();
  }, policy.everyMs ?? DEFAULT_SNAPSHOT_EVERY_MS);
  timer.unref();

  return {
    committed(n) {
      sinceSnapshot += n;
      lastCommitAt = performance.now();
      // The gap grows with the state (at least `every` events and half the events held): a bounded cost per event.
      if (sinceSnapshot >= Math.max(every, state.eventCount / 2)) waitForIdle();
    },
    saveNow,
    stop() {
      clearInterval(timer);
      clearTimeout(idleTimer);
      idleTimer = undefined;
      trySnapshot();
    },
  };
}
