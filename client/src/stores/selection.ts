import { createStore } from 'zustand/vanilla';

// The gate the operator picked (on the map or in the list); shared so map and panels agree.

export interface SelectionState {
  gateId: string | null;
  select: (gateId: string | null) => void;
}

export const createSelectionStore = () =>
  createStore<SelectionState>()((set) => ({
    gateId: null,
    select: (gateId) => set({ gateId }),
  }));

export type SelectionStore = ReturnType<typeof createSelectionStore>;
