import { createStore } from 'zustand/vanilla';
import type { ClockStatus } from '../../../shared/index.ts';

// The server clock (đồng hồ máy chủ): wall time live, the replayed time when simulating. Everything
// relative on screen ("chờ 3 giờ", "thông quan 1 giờ qua") is measured against it, not the browser's.

export interface ClockState {
  /** Last status the server sent (snapshot, delta or POST /clock); null until known. */
  status: ClockStatus | null;
  /** Client time (ms) when `status` arrived. */
  receivedAtMs: number | null;
  set: (status: ClockStatus, receivedAtMs?: number) => void;
}

export const createClockStore = () =>
  createStore<ClockState>()((set) => ({
    status: null,
    receivedAtMs: null,
    set: (status, receivedAtMs = Date.now()) => set({ status, receivedAtMs }),
  }));

export type ClockStore = ReturnType<typeof createClockStore>;

/** Simulated ms per wall ms: 0 while paused, 1 when the server gave no clock (wall time). */
export const clockRate = (status: ClockStatus | null): number => (status === null ? 1 : status.paused ? 0 : status.speed);

/**
 * The server clock at client time `nowMs`, extrapolated from the last thing known: `anchor` (ISO, the
 * newer of asOf and clock.now) received at `anchorAtMs`, running at the clock's rate.
 */
export function serverNowAt(anchor: string, anchorAtMs: number, rate: number, nowMs: number): number {
  return Date.parse(anchor) + Math.max(0, nowMs - anchorAtMs) * rate;
}
