import { createStore } from 'zustand/vanilla';
import type { GateStatus } from '../../../shared/index.ts';

// Gate status keyed by id: `replace` on a snapshot, `merge` on a delta (whole values, never increments).
// A past moment (GET /gates?asOf=) can be shown instead of the live figures: every reader of `byId` (map,
// cards, worklists' patterns) then shows the past, while the live figures keep arriving underneath and
// come back at once with `showLive`.

export interface PastMoment {
  /** The instant shown (ISO with offset). */
  at: string;
  byId: Readonly<Record<string, GateStatus>>;
}

export interface GatesState {
  /** What the console shows: the live figures, or the past moment's. */
  byId: Readonly<Record<string, GateStatus>>;
  /** The live figures, always current. */
  live: Readonly<Record<string, GateStatus>>;
  past: PastMoment | null;
  /** The figures shown are the ones this device saved (server time they stand at), not live: the console started
   *  without a connection (client/src/offline). Cleared by the first live snapshot. */
  savedAt: string | null;
  /** Ids in the order the server lists them (stable panel order). */
  order: readonly string[];
  replace: (gates: readonly GateStatus[]) => void;
  merge: (gates: readonly GateStatus[]) => void;
  showPast: (at: string, gates: readonly GateStatus[]) => void;
  showLive: () => void;
  /** Show saved figures until live ones come (only when nothing live has arrived yet). */
  showSaved: (at: string, gates: readonly GateStatus[]) => void;
}

export const createGatesStore = () =>
  createStore<GatesState>()((set) => ({
    byId: {},
    live: {},
    past: null,
    savedAt: null,
    order: [],
    replace: (gates) =>
      set((state) => {
        const live = Object.fromEntries(gates.map((g) => [g.id, g]));
        return { live, byId: state.past ? state.past.byId : live, order: gates.map((g) => g.id), savedAt: null };
      }),
    merge: (gates) =>
      set((state) => {
        if (gates.length === 0) return state;
        const live = { ...state.live };
        const order = [...state.order];
        for (const gate of gates) {
          if (!(gate.id in live)) order.push(gate.id);
          live[gate.id] = gate;
        }
        return { live, byId: state.past ? state.past.byId : live, order };
      }),
    showPast: (at, gates) =>
      set(() => {
        const byId = Object.fromEntries(gates.map((g) => [g.id, g]));
        return { past: { at, byId }, byId };
      }),
    showLive: () => set((state) => ({ past: null, byId: state.live })),
    showSaved: (at, gates) =>
      set((state) => {
        if (state.order.length > 0) return state; // live figures came first
        const live = Object.fromEntries(gates.map((g) => [g.id, g]));
        return { live, byId: live, order: gates.map((g) => g.id), savedAt: at };
      }),
  }));

export type GatesStore = ReturnType<typeof createGatesStore>;
