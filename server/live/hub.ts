import type { Server, Socket } from 'socket.io';
import type { GateStatus } from '../../shared/gates.ts';
import { DELTA_INTERVAL_MS, LIVE_EVENTS, type Delta, type Snapshot } from '../../shared/live.ts';

// Snapshot on connect, then coalesced deltas (CONTRACT §5). Changed gate ids collect between
// flushes; a flush computes each changed gate once and broadcasts one `delta` to every socket.

export interface LiveSource {
  snapshot(): Snapshot;
  gateStatuses(ids: Iterable<string>): GateStatus[];
  allGateStatuses(): GateStatus[];
  version(): number;
  /** Step the version for a clock-only change (clearedLastHour moves with time). */
  bumpVersion(): number;
  asOf(): string;
}

export interface LiveHub {
  markChanged(gateIds: Iterable<string>): void;
  /** Recompute every gate at the current clock; push those that changed. */
  refresh(): void;
  stop(): void;
}

export function createLiveHub(
  io: Server,
  source: LiveSource,
  opts: { intervalMs?: number; refreshMs?: number } = {},
): LiveHub {
  const intervalMs = opts.intervalMs ?? DELTA_INTERVAL_MS;
  const changed = new Set<string>();
  // A socket whose snapshot already holds version v must not get a delta that only brings it to v.
  const snapshotRooms = new Set<string>();
  const lastSent = new Map<string, string>();
  let flushedSeq = source.version();
  let lastFlushAt = 0;
  let timer: NodeJS.Timeout | undefined;

  const remember = (gates: GateStatus[]): void => gates.forEach((g) => lastSent.set(g.id, JSON.stringify(g)));
  remember(source.allGateStatuses());

  const sendSnapshot = (socket: Socket): void => {
    const snapshot = source.snapshot();
    const room = `at:${snapshot.seq}`;
    void socket.join(room);
    snapshotRooms.add(room);
    socket.emit(LIVE_EVENTS.snapshot, snapshot);
  };

  function flush(): void {
    timer = undefined;
    lastFlushAt = Date.now();
    if (changed.size === 0) return;
    const gates = source.gateStatuses(changed);
    changed.clear();
    remember(gates);
    const seq = source.version();
    const delta: Delta = { seq, baseSeq: flushedSeq, asOf: source.asOf(), gates };
    io.except(`at:${seq}`).emit(LIVE_EVENTS.delta, delta);
    for (const room of snapshotRooms) io.in(room).socketsLeave(room);
    snapshotRooms.clear();
    flushedSeq = seq;
  }

  function markChanged(gateIds: Iterable<string>): void {
    for (const id of gateIds) changed.add(id);
    if (timer || changed.size === 0) return;
    timer = setTimeout(flush, Math.max(0, lastFlushAt + intervalMs - Date.now()));
  }

  function refresh(): void {
    const moved = source.allGateStatuses().filter((g) => lastSent.get(g.id) !== JSON.stringify(g));
    if (moved.length === 0) return;
    source.bumpVersion();
    markChanged(moved.map((g) => g.id));
  }

  io.on('connection', (socket) => {
    sendSnapshot(socket);
    socket.on(LIVE_EVENTS.resync, () => sendSnapshot(socket));
  });
  const refresher = setInterval(refresh, opts.refreshMs ?? 30_000);
  refresher.unref();

  return {
    markChanged,
    refresh,
    stop() {
      clearInterval(refresher);
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
