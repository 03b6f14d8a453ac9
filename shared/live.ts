import { z } from 'zod';
import { GateStatus } from './gates.ts';
import { Notice } from './notices.ts';
import { OffsetDateTime } from './primitives.ts';

// Socket.IO messages (CONTRACT §5): `snapshot` on connect and on `resync`, then coalesced `delta`s.

export const LIVE_EVENTS = { snapshot: 'snapshot', delta: 'delta', resync: 'resync' } as const;
/** At most one delta per client in this many milliseconds. */
export const DELTA_INTERVAL_MS = 250;

export const Snapshot = z.object({
  /** State version this message brings the client to. */
  seq: z.number().int().nonnegative(),
  /** Server clock (wall time live, replayed time when simulating). */
  asOf: OffsetDateTime,
  gates: z.array(GateStatus),
  notices: z.array(Notice),
});
export type Snapshot = z.infer<typeof Snapshot>;

/** Changed things as whole values; apply only when `baseSeq` ≤ the client's version. */
export const Delta = z.object({
  seq: z.number().int().nonnegative(),
  baseSeq: z.number().int().nonnegative(),
  asOf: OffsetDateTime,
  gates: z.array(GateStatus).optional(),
  notices: z.array(Notice).optional(),
});
export type Delta = z.infer<typeof Delta>;
