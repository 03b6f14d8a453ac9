import type { ClockStatus } from '../../shared/clock.ts';

// The server clock (CONTRACT §2): wall time when serving live gates, the replayed time when replaying.

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A replay's clock: faster than the wall, pausable (CONTRACT §2 "the replayed time"). */
export interface SimulatedClock extends Clock {
  setSpeed(speed: number): void;
  setPaused(paused: boolean): void;
  status(formatIso: (ms: number) => string): ClockStatus;
}
