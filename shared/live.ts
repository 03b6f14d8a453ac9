import { z } from 'zod';
import { GateStatus } from './gates.ts';
import { Notice } from './notices.ts';
import { Alert } from './alerts.ts';
import { SessionUser } from './auth.ts';
import { ClockStatus } from './clock.ts';
import { DeclarationView, Eta, WorklistItem } from './declarations.ts';
import { NotificationBody } from './notifications.ts';
import { OffsetDateTime } from './primitives.ts';

// Socket.IO messages (CONTRACT §5): `snapshot` on connect and on `resync`, then coalesced `delta`s.

export const LIVE_EVENTS = { snapshot: 'snapshot', delta: 'delta', resync: 'resync', session: 'session', notification: 'notification' } as const;

/**
 * Why a signed-in socket's session ended while it was connected: its token expired, an operator or
 * `npm run user -- revoke` revoked the user's sessions, or the user signed out (POST /auth/logout).
 * The server sends `session` with this, then a public `snapshot` (no `user`, no role parts): the
 * socket goes on as the public board. A handshake with such a token is refused with
 * `connect_error` message `unauthorized` and `data: { reason }` (reason also `invalid`).
 */
export const SessionEndReason = z.enum(['expired', 'revoked', 'signed_out', 'invalid']);
export type SessionEndReason = z.infer<typeof SessionEndReason>;
export const SessionEnded = z.object({ reason: SessionEndReason });
export type SessionEnded = z.infer<typeof SessionEnded>;
/** At most one delta per client in this many milliseconds. */
export const DELTA_INTERVAL_MS = 250;

export const Snapshot = z.object({
  /** State version this message brings the client to. */
  seq: z.number().int().nonnegative(),
  /** Server clock (wall time live, replayed time when simulating). */
  asOf: OffsetDateTime,
  gates: z.array(GateStatus),
  notices: z.array(Notice),
  /** The server clock: simulated (replay) or wall time, and the replay's speed. */
  clock: ClockStatus.optional(),
  /** Who the handshake token belongs to; absent for the anonymous public board. */
  user: SessionUser.optional(),
  /** Operators: alerts in force (queue past its share of yard capacity). */
  alerts: z.array(Alert).optional(),
  /** Border forces: their gate's queued trucks not yet confirmed by their force, oldest first. */
  worklist: z.array(WorklistItem).optional(),
  /** Enterprises: their own declarations not finished, plus those finished in the last 24 h. */
  myDeclarations: z.array(DeclarationView).optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** Changed things as whole values; apply only when `baseSeq` ≤ the client's version. */
export const Delta = z.object({
  seq: z.number().int().nonnegative(),
  baseSeq: z.number().int().nonnegative(),
  asOf: OffsetDateTime,
  gates: z.array(GateStatus).optional(),
  notices: z.array(Notice).optional(),
  /** The server clock, when its speed or pause changed. */
  clock: ClockStatus.optional(),
  /** Operators: the whole list of alerts in force, when it changed. */
  alerts: z.array(Alert).optional(),
  /** Border forces: worklist changes — items to add or replace, declaration ids to drop. */
  worklist: z.object({ upsert: z.array(WorklistItem), remove: z.array(z.string()) }).optional(),
  /** Enterprises: own declarations that changed, as whole values. */
  myDeclarations: z.array(DeclarationView).optional(),
  /** Enterprise: own trucks whose estimated clearance moved (null: no estimate any more), at most once a second. */
  myEtas: z.array(z.object({ declarationId: z.string(), eta: Eta.nullable() })).optional(),
});
export type Delta = z.infer<typeof Delta>;

/** `notification`: one new notification of the socket's audience (unread counts move live). */
export const LiveNotification = NotificationBody;
export type LiveNotification = z.infer<typeof LiveNotification>;

/** What the server emits on the live stream, typed by the schemas above (socket.io's ServerToClientEvents). */
export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  delta: (delta: Delta) => void;
  session: (ended: SessionEnded) => void;
  /** A new notification for the socket's delivery room (its audience); outside seq/baseSeq, deduplicated by id. */
  notification: (notification: LiveNotification) => void;
}

/** What a client may emit: only `resync` (anything else disconnects it). */
export interface ClientToServerEvents {
  resync: () => void;
}
