import { createStore } from 'zustand/vanilla';
import type { DeclarationView, Eta } from '../../../shared/index.ts';

// An enterprise's own declarations (xe của tôi), keyed by id; deltas bring changed ones as whole values.

export interface MyDeclarationsState {
  byId: Readonly<Record<string, DeclarationView>>;
  replace: (list: readonly DeclarationView[]) => void;
  merge: (list: readonly DeclarationView[]) => void;
  /** Live ETAs (delta `myEtas`): a moved estimate replaces the truck's; null drops it. Unknown ids are ignored. */
  applyEtas: (etas: readonly { declarationId: string; eta: Eta | null }[]) => void;
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
    applyEtas: (etas) =>
      set((state) => {
        const known = etas.filter((e) => e.declarationId in state.byId);
        if (known.length === 0) return state;
        const byId = { ...state.byId };
        for (const { declarationId, eta } of known) {
          const d = byId[declarationId];
          if (!d) continue;
          // Only a truck still to clear has one (a stale estimate never lands on a cleared truck).
          if (eta && (d.state === 'queued' || d.state === 'expected')) byId[declarationId] = { ...d, eta };
          else {
            const { eta: _dropped, ...rest } = d;
            byId[declarationId] = rest;
          }
        }
        return { byId };
      }),
    clear: () => set({ byId: {} }),
  }));

/** Unfinished first (queued, then expected), then the rest; newest declaration first within each. */
const RANK: Record<DeclarationView['state'], number> = { queued: 0, expected: 1, cleared: 2, cancelled: 3 };
export const sortMine = (list: readonly DeclarationView[]): DeclarationView[] =>
  [...list].sort((a, b) => RANK[a.state] - RANK[b.state] || Date.parse(b.declaredAt) - Date.parse(a.declaredAt));

export type MyDeclarationsStore = ReturnType<typeof createMyDeclarationsStore>;
