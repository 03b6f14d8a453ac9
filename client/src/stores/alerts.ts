import { createStore } from 'zustand/vanilla';
import type { Alert } from '../../../shared/index.ts';

// Operators' alerts in force (cảnh báo): the server always sends the whole list, so replace (and drop a dismissed one).

export interface AlertsState {
  list: readonly Alert[];
  replace: (alerts: readonly Alert[]) => void;
  /** Drop one at once (a dismissed recommendation), before the server's next list confirms it. */
  remove: (id: string) => void;
}

export const createAlertsStore = () =>
  createStore<AlertsState>()((set) => ({
    list: [],
    replace: (alerts) => set({ list: [...alerts] }),
    remove: (id) => set((s) => (s.list.some((a) => a.id === id) ? { list: s.list.filter((a) => a.id !== id) } : s)),
  }));

export type AlertsStore = ReturnType<typeof createAlertsStore>;
