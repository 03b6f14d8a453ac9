import { createStore } from 'zustand/vanilla';
import type { DeclarationView } from '../../../shared/index.ts';

// An enterprise's own declarations (xe của tôi), keyed by id; deltas bring changed ones as whole values.

export interface MyDeclarationsState {
  byId: Readonly<Record<string, DeclarationView>>;
  replace: (list: readonly DeclarationView[]) => void;
  merge: (list: readonly DeclarationView[]) => void;
  clear: () => void;
}

export const createMyDeclarationsStore = () =>
  createStore<MyDeclarationsState>()((set) => ({
    byId: {},
    replace: (list) => set({ byId: Object.fromEntries(list.map((d) => [d.declarationId, d])) }),
    merge: (list) =>
      set((state) => {
        if (list.length === 0) return state;
        const byId = { ...state.byId };
        for (const d of list) byId[d.declarationId] = d;
        return { byId };
      }),
    clear: () => set({ byId: {} }),
  }));

/** Unfinished first (queued, then expected), then the rest; newest declaration first within each. */
const RANK: Record<DeclarationView['state'], number> = { queued: 0, expected: 1, cleared: 2, cancelled: 3 };
export const sortMine = (list: readonly DeclarationView[]): DeclarationView[] =>
  [...list].sort((a, b) => RANK[a.state] - RANK[b.state] || Date.parse(b.declaredAt) - Date.parse(a.declaredAt));

export type MyDeclarationsStore = ReturnType<typeof createMyDeclarationsStore>;
