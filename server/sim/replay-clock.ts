import type { ClockStatus } from '../../shared/clock.ts';

// A simulated server clock: it runs `speed` times faster than the wall from a start instant and
// can be paused. The server reads it like any clock; the replay reads it to know what is due.

export interface ReplayClock {
  now(): number;
  setSpeed(speed: number): void;
  setPaused(paused: boolean): void;
  /** Jump to an instant (catching up after a restart). */
  setNow(ms: number): void;
  /** Stop for good at an instant (the end of the scenario). */
  stopAt(ms: number): void;
  status(formatIso: (ms: number) => string): ClockStatus;
}

export function createReplayClock(opts: { startAt: number; speed: number; wallNow?: () => number }): ReplayClock {
  const wall = opts.wallNow ?? Date.now;
  let anchorSim = opts.startAt;
  let anchorWall = wall();
  let speed = opts.speed;
  let paused = false;
  let end = Infinity;
  const now = (): number => Math.min(end, paused ? anchorSim : anchorSim + (wall() - anchorWall) * speed);
  const reanchor = (): void => {
    anchorSim = now();
    anchorWall = wall();
  };
  return {
    now,
    setSpeed(next) {
      reanchor();
      speed = next;
    },
    setPaused(next) {
      reanchor();
      paused = next;
    },
    setNow(ms) {
      anchorSim = ms;
      anchorWall = wall();
    },
    stopAt(ms) {
      end = ms;
    },
    status: (formatIso) => ({ now: formatIso(now()), simulated: true, speed: paused || now() >= end ? 0 : speed, paused: paused || now() >= end }),
  };
}
