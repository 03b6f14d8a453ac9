import { createStore } from 'zustand/vanilla';
import { LoginResponse, type SessionUser } from '../../../shared/index.ts';

// Who is signed in (đăng nhập). The token lives in sessionStorage: it survives a reload, not the tab.

export const SESSION_KEY = 'cks.session';

export interface SessionState {
  token: string | null;
  user: SessionUser | null;
  expiresAt: string | null;
  signIn: (login: LoginResponse) => void;
  /** The server's word on who the socket is (snapshot.user) refreshes the user shown. */
  confirmUser: (user: SessionUser) => void;
  signOut: () => void;
  /** The server ended the session (expired, signed out elsewhere, revoked): say so, offer to sign in again. */
  ended: { reason: string; username: string } | null;
  end: (reason: string) => void;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const defaultStorage = (): StorageLike | undefined => {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
};

/** A stored session, parsed (never trusted) and dropped when expired. */
export function loadSession(storage: StorageLike | undefined, now = Date.now()): LoginResponse | null {
  try {
    const raw = storage?.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = LoginResponse.safeParse(JSON.parse(raw));
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= now) {
      storage?.removeItem(SESSION_KEY);
      return null;
    }
    return parsed.data;
  } catch {
    return null;
  }
}

export const createSessionStore = (storage: StorageLike | undefined = defaultStorage(), now = Date.now) => {
  const stored = loadSession(storage, now());
  const save = (value: LoginResponse | null) => {
    try {
      if (value) storage?.setItem(SESSION_KEY, JSON.stringify(value));
      else storage?.removeItem(SESSION_KEY);
    } catch {
      // storage disabled: the session lasts for this page only
    }
  };
  return createStore<SessionState>()((set, get) => ({
    token: stored?.token ?? null,
    user: stored?.user ?? null,
    expiresAt: stored?.expiresAt ?? null,
    ended: null,
    signIn: (login) => {
      save(login);
      set({ token: login.token, user: login.user, expiresAt: login.expiresAt, ended: null });
    },
    confirmUser: (user) => {
      const { token, expiresAt } = get();
      if (token && expiresAt) save({ token, expiresAt, user });
      set({ user });
    },
    signOut: () => {
      save(null);
      set({ token: null, user: null, expiresAt: null, ended: null });
    },
    end: (reason) => {
      const { token, user } = get();
      if (!token) return;
      save(null);
      set({ token: null, user: null, expiresAt: null, ended: { reason, username: user?.username ?? '' } });
    },
  }));
};

export type SessionStore = ReturnType<typeof createSessionStore>;
