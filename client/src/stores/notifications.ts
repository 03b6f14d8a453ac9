import { createStore } from 'zustand/vanilla';
import type { LiveNotification, Notification } from '../../../shared/index.ts';

// The signed-in user's notifications (thông báo): the newest page from GET /notifications, then each
// new one from the live `notification` event, added by id (hearing one twice changes nothing).

const CAP = 200;

export interface NotificationsState {
  /** Newest first. */
  list: readonly Notification[];
  unread: number;
  /** The last notification heard live (browser notifications follow it). */
  lastLive: LiveNotification | null;
  replace: (list: readonly Notification[], unread: number) => void;
  add: (n: LiveNotification) => void;
  markRead: (ids: readonly string[], unread: number) => void;
  markAllRead: () => void;
  clear: () => void;
}

export const createNotificationsStore = () =>
  createStore<NotificationsState>()((set) => ({
    list: [],
    unread: 0,
    lastLive: null,
    replace: (list, unread) => set({ list: [...list].slice(0, CAP), unread }),
    add: (n) =>
      set((s) => {
        if (s.list.some((m) => m.id === n.id)) return s;
        const list = [{ ...n, read: false }, ...s.list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, CAP);
        return { list, unread: s.unread + 1, lastLive: n };
      }),
    markRead: (ids, unread) => set((s) => ({ list: s.list.map((n) => (ids.includes(n.id) ? { ...n, read: true } : n)), unread })),
    markAllRead: () => set((s) => ({ list: s.list.map((n) => ({ ...n, read: true })), unread: 0 })),
    clear: () => set({ list: [], unread: 0, lastLive: null }),
  }));
