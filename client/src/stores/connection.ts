import { createStore } from 'zustand/vanilla';

// The live link's health as the operator should read it: trust the numbers, or know since when not to.

export type LinkStatus = 'connecting' | 'live' | 'reconnecting' | 'stale';

export interface ConnectionState {
  status: LinkStatus;
  /** Version of the state held (CONTRACT §5); -1 before the first snapshot. */
  seq: number;
  /** Server clock of the last applied message (ISO with offset). */
  asOf: string | null;
  /** Client time (ms) the data was last known fresh; shown as "stale since". */
  staleSince: number | null;
  /** Client time (ms) when `asOf` was applied: server clock now ≈ asOf + (Date.now() − appliedAtMs). */
  appliedAtMs: number | null;
  setStatus: (status: LinkStatus, staleSince?: number | null) => void;
  applied: (seq: number, asOf: string) => void;
}

export const createConnectionStore = () =>
  createStore<ConnectionState>()((set) => ({
    status: 'connecting',
    seq: -1,
    asOf: null,
    staleSince: null,
    appliedAtMs: null,
    setStatus: (status, staleSince = null) => set({ status, staleSince: status === 'live' ? null : staleSince }),
    applied: (seq, asOf) => set({ seq, asOf, appliedAtMs: Date.now() }),
  }));

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
