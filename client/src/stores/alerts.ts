import { createStore } from 'zustand/vanilla';
import type { Alert } from '../../../shared/index.ts';

// Operators' alerts in force (cảnh báo): the server always sends the whole list, so replace only.

export interface AlertsState {
  list: readonly Alert[];
  replace: (alerts: readonly Alert[]) => void;
}

export const createAlertsStore = () =>
  createStore<AlertsState>()((set) => ({
    list: [],
    replace: (alerts) => set({ list: [...alerts] }),
  }));

export type AlertsStore = ReturnType<typeof createAlertsStore>;
