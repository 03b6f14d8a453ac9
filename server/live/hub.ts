import type { ClockStatus } from '../../shared/clock.ts';
import type { GateStatus } from '../../shared/gates.ts';
import { DELTA_INTERVAL_MS, LIVE_EVENTS, type Delta, type SessionEndReason, type SessionEnded, type Snapshot } from '../../shared/live.ts';
import type { Notice } from '../../shared/notices.ts';
import type { Change } from '../core/change-feed.ts';
import type { Session, Verdict } from '../security/sessions.ts';
import type { LiveServer, LiveSocket } from './io-types.ts';
import { roleExtrasFor, type Pending } from './role-delta.ts';
import type { RoleViews } from './role-views.ts';
import { parseRoom, roomName, roomOf, socketAuth, type DeliveryRoom } from './rooms.ts';

// Snapshot on connect, then coalesced deltas (CONTRACT §5). The hub follows the core's change feed:
// changes collect between flushes; a flush computes the public (base) delta ONCE, then sends each
// delivery room base + that room's extras. It never changes the state or its version.

/** Rooms whose people see who issued and lifted a notice (operators, border forces). */
const seesAuthors = (room: DeliveryRoom): boolean => room.kind === 'operator' || room.kind === 'force';

export interface LiveSource {
  snapshot(): Pick<Snapshot, 'seq' | 'asOf' | 'gates' | 'notices' | 'clock'>;
  clock(): ClockStatus;
  gateStatuses(ids: Iterable<string>): GateStatus[];
  /** Whole notices by id. */
  notices(ids: Iterable<string>): Notice[];
  /** A notice as the public board and traders see it (the office, not the operator's username). */
  publicNotice(notice: Notice): Notice;
  version(): number;
  asOf(): string;
  verifyToken(token: string): Promise<Verdict>;
  /** Whether a socket's session still holds (expiry, sign-out, revocation), checked every second. */
  checkSession(session: Session): SessionEndReason | undefined;
  views: RoleViews;
}

export interface LiveHub {
  /** A change the core published: collect it for the next flush. */
  changed(change: Change): void;
  /** Sessions may have ended (sign-out, revocation): sockets of ended ones fall back to the public board now. */
  checkSessions(): void;
  stop(): void;
}

export function createLiveHub(io: LiveServer, source: LiveSource, opts: { intervalMs?: number; sessionCheckMs?: number } = {}): LiveHub {
  const intervalMs = opts.intervalMs ?? DELTA_INTERVAL_MS;
  const pending: Pending = { gates: new Set(), notices: new Set(), touched: new Set(), alerts: false };
  let clockMoved = false;
  const roleRooms = new Set<string>();
  const sessions = socketAuth(io, source.verifyToken);
  let flushedSeq = source.version();
  let lastFlushAt = 0;
  // Changes counted as they come; a socket's snapshot notes the count it was computed after. A flush skips the
  // sockets whose snapshot came after every change it carries: they already have all of it, and a delta to
  // the seq they are at would only repeat it (the contract lets a client apply it; it is simply not needed).
  let changesSeen = 0;
  const snapshotAfter = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const liveRoleRooms = (): string[] => {
    for (const name of roleRooms) if (!io.sockets.adapter.rooms.has(name)) roleRooms.delete(name);
    return [...roleRooms];
  };

  const sendSnapshot = async (socket: LiveSocket): Promise<void> => {
    const user = sessions.get(socket)?.user;
    const room = roomOf(user);
    const seen = changesSeen;
    const base = source.snapshot();
    const snapshot: Snapshot = {
      ...base,
      notices: seesAuthors(room) ? base.notices : base.notices.map(source.publicNotice),
      ...(user ? { user } : {}),
    };
    if (room.kind === 'operator') snapshot.alerts = source.views.alerts();
    if (room.kind === 'force') snapshot.worklist = source.views.worklist(room.gateId, room.force);
    if (room.kind === 'enterprise') snapshot.myDeclarations = await source.views.myDeclarations(room.taxCode);
    socket.emit(LIVE_EVENTS.snapshot, snapshot);
    snapshotAfter.set(socket.id, seen);
  };
  const snapshotTo = (socket: LiveSocket): void => {
    sendSnapshot(socket).catch((e: unknown) => {
      // The store could not be read for an enterprise's trucks: the console asks again (resync) later.
      process.emitWarning(`live snapshot not sent: ${e instanceof Error ? e.message : String(e)}`);
    });
  };

  async function flush(): Promise<void> {
    timer = undefined;
    lastFlushAt = Date.now();
    if (pending.gates.size === 0 && pending.notices.size === 0 && pending.touched.size === 0 && !pending.alerts && !clockMoved) return;
    // Take this flush's share of the pending changes; later changes collect for the next one.
    const upTo = changesSeen;
    const current = [...snapshotAfter].flatMap(([id, seen]) => (seen >= upTo ? [id] : []));
    snapshotAfter.clear();
    const taken: Pending = { gates: new Set(pending.gates), notices: new Set(pending.notices), touched: new Set(pending.touched), alerts: pending.alerts };
    pending.gates.clear();
    pending.notices.clear();
    pending.touched.clear();
    pending.alerts = false;
    const gates = source.gateStatuses(taken.gates);
    const notices = source.notices(taken.notices);
    const seq = source.version();
    // The base (public) delta carries notices as the public sees them; staff rooms get them whole.
    const base: Delta = {
      seq,
      baseSeq: flushedSeq,
      asOf: source.asOf(),
      gates,
      ...(notices.length > 0 ? { notices: notices.map(source.publicNotice) } : {}),
      ...(clockMoved ? { clock: source.clock() } : {}),
    };
    clockMoved = false;
    const staffNotices = notices.length > 0 ? { notices } : {};
    const rooms = liveRoleRooms();
    const extrasOf = rooms.length > 0 ? roleExtrasFor(taken, source.views) : undefined;
    // Every room's delta is computed before any is sent, so all rooms move from the same baseSeq together.
    const roomDeltas = extrasOf
      ? await Promise.all(
          rooms.map(async (name) => {
            const room = parseRoom(name);
            const authors = room !== undefined && seesAuthors(room) ? staffNotices : {};
            return [name, { ...base, ...authors, ...(await extrasOf(name)) }] as const;
          }),
        )
      : [];
    // A socket whose snapshot came after some of these changes gets them again: whole values, computed
    // now, so applying them to that snapshot changes nothing (the seq does not always move: clock ticks).
    // One whose snapshot came after all of them is left out (`current`).
    io.to('public').except(current).emit(LIVE_EVENTS.delta, base);
    for (const [name, delta] of roomDeltas) io.to(name).except(current).emit(LIVE_EVENTS.delta, delta);
    flushedSeq = seq;
  }

  let flushing: Promise<void> = Promise.resolve();
  const schedule = (): void => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      // One flush at a time: a slow one (an enterprise's store read) delays the next, never overlaps it.
      flushing = flushing.then(flush).catch((e: unknown) => process.emitWarning(`live delta not sent: ${e instanceof Error ? e.message : String(e)}`));
    }, Math.max(0, lastFlushAt + intervalMs - Date.now()));
  };

  function changed(c: Change): void {
    changesSeen += 1;
    for (const id of c.gates) pending.gates.add(id);
    for (const id of c.notices) pending.notices.add(id);
    // Touched declarations matter only to role rooms: with none connected the base path stays as cheap as before.
    if (roleRooms.size > 0) {
      for (const id of c.declarations) pending.touched.add(id);
      pending.alerts ||= c.alertsChanged;
    }
    clockMoved ||= c.clock;
    if (pending.gates.size > 0 || pending.notices.size > 0 || pending.touched.size > 0 || pending.alerts || clockMoved) schedule();
  }

  /** The socket's session ended: it is told why, leaves its role room and goes on as the public board. */
  const endSession = (socket: LiveSocket, session: Session, reason: SessionEndReason): void => {
    sessions.delete(socket);
    void socket.leave(roomName(roomOf(session.user)));
    void socket.join('public');
    const ended: SessionEnded = { reason };
    socket.emit(LIVE_EVENTS.session, ended);
    snapshotTo(socket);
  };
  /** False when the socket's session just ended (it then got the public snapshot already). */
  const stillSignedIn = (socket: LiveSocket): boolean => {
    const session = sessions.get(socket);
    const ended = session && source.checkSession(session);
    if (!session || !ended) return true;
    endSession(socket, session, ended);
    return false;
  };
  function checkSessions(): void {
    for (const socket of io.sockets.sockets.values()) stillSignedIn(socket);
  }

  io.on('connection', (socket) => {
    const name = roomName(roomOf(sessions.get(socket)?.user));
    void socket.join(name);
    if (name !== 'public') roleRooms.add(name);
    snapshotTo(socket);
    socket.on(LIVE_EVENTS.resync, () => {
      if (stillSignedIn(socket)) snapshotTo(socket);
    });
  });
  const sessionTimer = setInterval(checkSessions, opts.sessionCheckMs ?? 1_000);
  sessionTimer.unref();

  return {
    changed,
    checkSessions,
    stop() {
      stopped = true;
      clearInterval(sessionTimer);
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
