import { createStore } from 'zustand/vanilla';
import type { Notice } from '../../../shared/index.ts';

// Stop-receiving notices (thông báo tạm dừng tiếp nhận) keyed by id; capped so a long session stays small.

export const MAX_NOTICES = 200;

export interface NoticesState {
  byId: Readonly<Record<string, Notice>>;
  replace: (notices: readonly Notice[]) => void;
  merge: (notices: readonly Notice[]) => void;
}

/** Keep the newest `MAX_NOTICES` by issue time; active ones always survive. */
const capped = (all: Record<string, Notice>): Record<string, Notice> => {
  const list = Object.values(all);
  if (list.length <= MAX_NOTICES) return all;
  list.sort((a, b) => Number(b.active) - Number(a.active) || Date.parse(b.issuedAt) - Date.parse(a.issuedAt));
  return Object.fromEntries(list.slice(0, MAX_NOTICES).map((n) => [n.id, n]));
};

export const createNoticesStore = () =>
  createStore<NoticesState>()((set) => ({
    byId: {},
    replace: (notices) => set({ byId: capped(Object.fromEntries(notices.map((n) => [n.id, n]))) }),
    merge: (notices) =>
      set((state) => {
        if (notices.length === 0) return state;
        const byId = { ...state.byId };
        for (const notice of notices) byId[notice.id] = notice;
        return { byId: capped(byId) };
      }),
  }));

export type NoticesStore = ReturnType<typeof createNoticesStore>;
