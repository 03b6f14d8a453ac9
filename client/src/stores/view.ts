import { createStore } from 'zustand/vanilla';
import type { NoticeDraft } from '../../../shared/index.ts';

// What the side panel shows (tab) and which gate the notice composer is open for. Lets one feature
// (a gate panel's "compose" button) open another (the composer) without importing it.

export type Tab = 'gates' | 'notices' | 'alerts' | 'lookup' | 'audit' | 'worklist' | 'mine' | 'trade' | 'history' | 'procedures' | 'customs' | 'bulletin';

/**
 * A recommended notice (đề xuất) as the composer's starting point: the draft it suggests, reason written in
 * both languages, and its id — sent back with the notice so the audit log says "as suggested" or "edited".
 */
export interface ComposePrefill {
  recommendationId: string;
  draft: NoticeDraft;
  /** When the forecast has the yard full (said at the top of the composer). */
  fullAt: string;
}

export interface ViewState {
  tab: Tab;
  /** Gate the stop-receiving notice composer is open for; null = closed. */
  composeFor: string | null;
  /** What the composer opens filled in with (a recommended notice); null = the gate panel's defaults. */
  composePrefill: ComposePrefill | null;
  /** Gate the history tab shows (lịch sử); null = the first gate. */
  historyGate: string | null;
  setTab: (tab: Tab) => void;
  /** The tab to come back to after signing in again (an ended session). */
  resumeTab: Tab | null;
  setResumeTab: (tab: Tab | null) => void;
  /** Open the composer for a gate, or (one click on a recommendation) filled in with its draft. */
  openComposer: (gateId: string, prefill?: ComposePrefill) => void;
  closeComposer: () => void;
  /** A gate panel's "Lịch sử" button: switch to the history tab on that gate. */
  openHistory: (gateId: string) => void;
}

export const createViewStore = () =>
  createStore<ViewState>()((set) => ({
    tab: 'gates',
    composeFor: null,
    composePrefill: null,
    historyGate: null,
    setTab: (tab) => set({ tab }),
    resumeTab: null,
    setResumeTab: (resumeTab) => set({ resumeTab }),
    openComposer: (gateId, prefill) => set({ composeFor: gateId, composePrefill: prefill ?? null }),
    closeComposer: () => set({ composeFor: null, composePrefill: null }),
    openHistory: (gateId) => set({ tab: 'history', historyGate: gateId }),
  }));

export type ViewStore = ReturnType<typeof createViewStore>;
