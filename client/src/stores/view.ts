import { createStore } from 'zustand/vanilla';

// What the side panel shows (tab) and which gate the notice composer is open for. Lets one feature
// (a gate panel's "compose" button) open another (the composer) without importing it.

export type Tab = 'gates' | 'notices' | 'alerts' | 'lookup' | 'audit' | 'worklist' | 'mine' | 'trade' | 'history';

export interface ViewState {
  tab: Tab;
  /** Gate the stop-receiving notice composer is open for; null = closed. */
  composeFor: string | null;
  /** Gate the history tab shows (lịch sử); null = the first gate. */
  historyGate: string | null;
  setTab: (tab: Tab) => void;
  openComposer: (gateId: string) => void;
  closeComposer: () => void;
  /** A gate panel's "Lịch sử" button: switch to the history tab on that gate. */
  openHistory: (gateId: string) => void;
}

export const createViewStore = () =>
  createStore<ViewState>()((set) => ({
    tab: 'gates',
    composeFor: null,
    historyGate: null,
    setTab: (tab) => set({ tab }),
    openComposer: (gateId) => set({ composeFor: gateId }),
    closeComposer: () => set({ composeFor: null }),
    openHistory: (gateId) => set({ tab: 'history', historyGate: gateId }),
  }));

export type ViewStore = ReturnType<typeof createViewStore>;
