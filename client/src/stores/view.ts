import { createStore } from 'zustand/vanilla';

// What the side panel shows (tab) and which gate the notice composer is open for. Lets one feature
// (a gate panel's "compose" button) open another (the composer) without importing it.

export type Tab = 'gates' | 'notices' | 'alerts' | 'lookup' | 'audit' | 'worklist' | 'mine';

export interface ViewState {
  tab: Tab;
  /** Gate the stop-receiving notice composer is open for; null = closed. */
  composeFor: string | null;
  setTab: (tab: Tab) => void;
  openComposer: (gateId: string) => void;
  closeComposer: () => void;
}

export const createViewStore = () =>
  createStore<ViewState>()((set) => ({
    tab: 'gates',
    composeFor: null,
    setTab: (tab) => set({ tab }),
    openComposer: (gateId) => set({ composeFor: gateId }),
    closeComposer: () => set({ composeFor: null }),
  }));

export type ViewStore = ReturnType<typeof createViewStore>;
