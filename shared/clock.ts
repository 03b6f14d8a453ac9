import { z } from 'zod';
import { OffsetDateTime } from './primitives.ts';

// The server clock (CONTRACT §2): wall time when serving live gates, the replayed time when
// replaying or simulating. Operators may change the replay's speed.

export const ClockStatus = z.object({
  now: OffsetDateTime,
  simulated: z.boolean(),
  /** Simulated seconds per wall second (1 = real time); 0 while paused. */
  speed: z.number().nonnegative(),
  paused: z.boolean(),
});
export type ClockStatus = z.infer<typeof ClockStatus>;

/** Body of POST /api/v1/clock (operator, simulated clocks only). */
export const ClockControl = z.object({
  speed: z.number().positive().max(100_000).optional(),
  paused: z.boolean().optional(),
});
export type ClockControl = z.infer<typeof ClockControl>;

/** Speeds the console offers: real time, a minute a second, an hour a second, a day a minute… */
export const CLOCK_SPEEDS = [1, 60, 1440, 3600, 14_400] as const;
