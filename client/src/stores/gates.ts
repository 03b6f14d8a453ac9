import { createStore } from 'zustand/vanilla';
import type { GateStatus } from '../../../shared/index.ts';

// Gate status keyed by id: `replace` on a snapshot, `merge` on a delta (whole values, never increments).

export interface GatesState {
  byId: Readonly<Record<string, GateStatus>>;
  /** Ids in the order the server lists them (stable panel order). */
  order: readonly string[];
  replace: (gates: readonly GateStatus[]) => void;
  merge: (gates: readonly GateStatus[]) => void;
}

export const createGatesStore = () =>
  createStore<GatesState>()((set) => ({
    byId: {},
    order: [],
    replace: (gates) =>
      set({ byId: Object.fromEntries(gates.map((g) => [g.id, g])), order: gates.map((g) => g.id) }),
    merge: (gates) =>
      set((state) => {
        if (gates.length === 0) return state;
        const byId = { ...state.byId };
        const order = [...state.order];
        for (const gate of gates) {
          if (!(gate.id in byId)) order.push(gate.id);
          byId[gate.id] = gate;
        }
        return { byId, order };
      }),
  }));

export type GatesStore = ReturnType<typeof createGatesStore>;
