import type { Server, Socket } from 'socket.io';
import type { GateStatus } from '../../shared/gates.ts';
import { DELTA_INTERVAL_MS, LIVE_EVENTS, type Delta, type SessionEndReason, type SessionEnded, type Snapshot } from '../../shared/live.ts';
import type { Notice } from '../../shared/notices.ts';
import type { Session, Verdict } from '../security/sessions.ts';
import type { ClockStatus } from '../../shared/clock.ts';
import { roleExtrasFor, type Pending } from './role-delta.ts';
import type { RoleViews } from './role-views.ts';
import { parseRoom, roomName, roomOf, socketAuth, type DeliveryRoom } from './rooms.ts';

/** Rooms whose people see who issued and lifted a notice (operators, border forces). */
const seesAuthors = (room: DeliveryRoom): boolean => room.kind === 'operator' || room.kind === 'force';

// Snapshot on connect, then coalesced deltas (CONTRACT §5). Changes collect between flushes; a flush
// computes the public (base) delta ONCE, then sends each delivery room base + that room's extras.

export interface LiveSource {
  snapshot(): Pick<Snapshot, 'seq' | 'asOf' | 'gates' | 'notices' | 'clock'>;
  clock(): ClockStatus;
  gateStatuses(ids: Iterable<string>): GateStatus[];
  allGateStatuses(): GateStatus[];
  /** Whole notices by id, and whether each recent notice is in force now (for clock-driven changes). */
  notices(ids: Iterable<string>): Notice[];
  noticeActivity(): Map<string, boolean>;
  /** A notice as the public board and traders see it (the office, not the operator's username). */
  publicNotice(notice: Notice): Notice;
  version(): number;
  /** Step the version for a clock-only change (clearedLastHour moves, a notice starts or ends). */
  bumpVersion(): number;
  asOf(): string;
  verifyToken(token: string): Promise<Verdict>;
  /** Whether a socket's session still holds (expiry, sign-out, revocation), checked every second. */
  checkSession(session: Session): SessionEndReason | undefined;
  views: RoleViews;
}

export interface LiveHub {
  /** Gates whose figures changed, and (when known) the declarations touched and whether alerts moved. */
  markChanged(gateIds: Iterable<string>, commit?: { touched: Iterable<string>; alertsChanged: boolean }): void;
  noticesChanged(noticeIds: Iterable<string>, gateIds: Iterable<string>): void;
  /** The clock's speed or pause changed: every console shows it. */
  clockChanged(): void;
  /** Recompute every gate and notice at the current clock; push those that changed. */
  refresh(): void;
  /** Sessions may have ended (sign-out, revocation): sockets of ended ones fall back to the public board now. */
  checkSessions(): void;
  stop(): void;
}

export function createLiveHub(io: Server, source: LiveSource, opts: { intervalMs?: number; refreshMs?: number } = {}): LiveHub {
  const intervalMs = opts.intervalMs ?? DELTA_INTERVAL_MS;
  const pending: Pending = { gates: new Set(), notices: new Set(), touched: new Set(), alerts: false };
  const roleRooms = new Set<string>();
  const sessions = socketAuth(io, source.verifyToken);
  // A socket whose snapshot already holds version v must not get a delta that only brings it to v.
  const snapshotRooms = new Set<string>();
  const lastSent = new Map<string, string>();
  let noticeActive = source.noticeActivity();
  let flushedSeq = source.version();
  let lastFlushAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let clockMoved = false;

  const remember = (gates: GateStatus[]): void => gates.forEach((g) => lastSent.set(g.id, JSON.stringify(g)));
  remember(source.allGateStatuses());
  const liveRoleRooms = (): string[] => {
    for (const name of roleRooms) if (!io.sockets.adapter.rooms.has(name)) roleRooms.delete(name);
    return [...roleRooms];
  };

  const sendSnapshot = (socket: Socket): void => {
    const user = sessions.get(socket)?.user;
    const room = roomOf(user);
    const base = source.snapshot();
    const snapshot: Snapshot = {
      ...base,
      notices: seesAuthors(room) ? base.notices : base.notices.map(source.publicNotice),
      ...(user ? { user } : {}),
    };
    if (room.kind === 'operator') snapshot.alerts = source.views.alerts();
    if (room.kind === 'force') snapshot.worklist = source.views.worklist(room.gateId, room.force);
    if (room.kind === 'enterprise') snapshot.myDeclarations = source.views.myDeclarations(room.taxCode);
    const at = `at:${snapshot.seq}`;
    void socket.join(at);
    snapshotRooms.add(at);
    socket.emit(LIVE_EVENTS.snapshot, snapshot);
  };

  function flush(): void {
    timer = undefined;
    lastFlushAt = Date.now();
    if (pending.gates.size === 0 && pending.notices.size === 0 && pending.touched.size === 0 && !pending.alerts && !clockMoved) return;
    const gates = source.gateStatuses(pending.gates);
    remember(gates);
    const notices = source.notices(pending.notices);
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
    const staffNotices = notices.length > 0 ? { notices } : {};
    clockMoved = false;
    const skip = `at:${seq}`;
    io.to('public').except(skip).emit(LIVE_EVENTS.delta, base);
    const rooms = liveRoleRooms();
    if (rooms.length > 0) {
      const extrasOf = roleExtrasFor(pending, source.views);
      for (const name of rooms) {
        const room = parseRoom(name);
        const authors = room !== undefined && seesAuthors(room) ? staffNotices : {};
        io.to(name).except(skip).emit(LIVE_EVENTS.delta, { ...base, ...authors, ...extrasOf(name) });
      }
    }
    pending.gates.clear();
    pending.notices.clear();
    pending.touched.clear();
    pending.alerts = false;
    for (const room of snapshotRooms) io.in(room).socketsLeave(room);
    snapshotRooms.clear();
    flushedSeq = seq;
  }

  const schedule = (): void => {
    if (!timer) timer = setTimeout(flush, Math.max(0, lastFlushAt + intervalMs - Date.now()));
  };

  function markChanged(gateIds: Iterable<string>, commit?: { touched: Iterable<string>; alertsChanged: boolean }): void {
    for (const id of gateIds) pending.gates.add(id);
    // Touched declarations matter only to role rooms: with none connected the base path stays as cheap as before.
    if (commit && roleRooms.size > 0) {
      for (const id of commit.touched) pending.touched.add(id);
      pending.alerts ||= commit.alertsChanged;
    }
    if (pending.gates.size > 0 || pending.touched.size > 0) schedule();
  }

  function noticesChanged(noticeIds: Iterable<string>, gateIds: Iterable<string>): void {
    for (const id of noticeIds) pending.notices.add(id);
    for (const id of gateIds) pending.gates.add(id);
    noticeActive = source.noticeActivity();
    schedule();
  }

  function clockChanged(): void {
    source.bumpVersion();
    clockMoved = true;
    schedule();
  }

  function refresh(): void {
    const moved = source.allGateStatuses().filter((g) => lastSent.get(g.id) !== JSON.stringify(g));
    const activity = source.noticeActivity();
    const flipped = [...activity].filter(([id, active]) => noticeActive.get(id) !== active).map(([id]) => id);
    noticeActive = activity;
    if (moved.length === 0 && flipped.length === 0) return;
    source.bumpVersion();
    for (const id of flipped) pending.notices.add(id);
    for (const g of moved) pending.gates.add(g.id);
    schedule();
  }

  /** The socket's session ended: it is told why, leaves its role room and goes on as the public board. */
  const endSession = (socket: Socket, session: Session, reason: SessionEndReason): void => {
    sessions.delete(socket);
    void socket.leave(roomName(roomOf(session.user)));
    void socket.join('public');
    const ended: SessionEnded = { reason };
    socket.emit(LIVE_EVENTS.session, ended);
    sendSnapshot(socket);
  };
  /** False when the socket's session just ended (it then got the public snapshot already). */
  const stillSignedIn = (socket: Socket): boolean => {
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
    sendSnapshot(socket);
    socket.on(LIVE_EVENTS.resync, () => {
      if (stillSignedIn(socket)) sendSnapshot(socket);
    });
  });
  const refresher = setInterval(() => {
    refresh();
    checkSessions();
  }, opts.refreshMs ?? 1_000);
  refresher.unref();

  return {
    markChanged,
    noticesChanged,
    clockChanged,
    refresh,
    checkSessions,
    stop() {
      clearInterval(refresher);
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
