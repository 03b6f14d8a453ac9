import { createStore } from 'zustand/vanilla';
import type { WorklistItem } from '../../../shared/index.ts';

// A border force's worklist (danh sách kiểm tra): queued trucks with something open for its force, kept
// by arrival; the list on screen is in the gate's service order (features/worklist/order.ts, the server's
// serviceSorted). Snapshot → replace; delta → upsert whole items and drop removed ids.

export interface WorklistState {
  byId: Readonly<Record<string, WorklistItem>>;
  /** Declaration ids, oldest arrival first (ties by id, so the order is stable). */
  order: readonly string[];
  replace: (items: readonly WorklistItem[]) => void;
  merge: (change: { upsert: readonly WorklistItem[]; remove: readonly string[] }) => void;
  clear: () => void;
}

const ordered = (byId: Record<string, WorklistItem>): string[] =>
  Object.values(byId)
    .sort((a, b) => Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt) || (a.declarationId < b.declarationId ? -1 : 1))
    .map((item) => item.declarationId);

export const createWorklistStore = () =>
  createStore<WorklistState>()((set) => ({
    byId: {},
    order: [],
    replace: (items) => {
      const byId = Object.fromEntries(items.map((item) => [item.declarationId, item]));
      set({ byId, order: ordered(byId) });
    },
    merge: ({ upsert, remove }) =>
      set((state) => {
        if (upsert.length === 0 && !remove.some((id) => id in state.byId)) return state;
        const byId = { ...state.byId };
        for (const id of remove) delete byId[id];
        for (const item of upsert) byId[item.declarationId] = item;
        return { byId, order: ordered(byId) };
      }),
    clear: () => set({ byId: {}, order: [] }),
  }));

export type WorklistStore = ReturnType<typeof createWorklistStore>;
