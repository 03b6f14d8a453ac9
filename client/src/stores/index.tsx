import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { clockRate, createClockStore, serverNowAt, type ClockState } from './clock.ts';
import { createConfigStore, type ConfigState } from './config.ts';
import { createConnectionStore, type ConnectionState } from './connection.ts';
import { createGatesStore, type GatesState } from './gates.ts';
import { createNoticesStore, type NoticesState } from './notices.ts';
import { createSelectionStore, type SelectionState } from './selection.ts';
import { createAlertsStore, type AlertsState } from './alerts.ts';
import { createMyDeclarationsStore, type MyDeclarationsState } from './my-declarations.ts';
import { createNotificationsStore, type NotificationsState } from './notifications.ts';
import { createSessionStore, type SessionState } from './session.ts';
import { createViewStore, type ViewState } from './view.ts';
import { createWorklistStore, type WorklistState } from './worklist.ts';

// One store per concern, created per app (no module singletons: each test gets fresh state).

export const createStores = () => ({
  gates: createGatesStore(),
  notices: createNoticesStore(),
  connection: createConnectionStore(),
  config: createConfigStore(),
  selection: createSelectionStore(),
  session: createSessionStore(),
  alerts: createAlertsStore(),
  worklist: createWorklistStore(),
  myDeclarations: createMyDeclarationsStore(),
  notifications: createNotificationsStore(),
  view: createViewStore(),
  clock: createClockStore(),
});
export type Stores = ReturnType<typeof createStores>;

/**
 * The server ended this session (a 401, a refused handshake, `session {reason}`): the console says so and
 * offers to sign in again, coming back to the tab the user was on — never a silent drop to the public board.
 */
export function endSession(stores: Stores, reason: string): void {
  if (!stores.session.getState().token) return;
  stores.view.getState().setResumeTab(stores.view.getState().tab);
  stores.session.getState().end(reason);
}

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export const useStores = (): Stores => {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresProvider is missing above this component');
  return stores;
};

export const useGates = <T,>(selector: (s: GatesState) => T): T => useStore(useStores().gates, selector);
export const useNotices = <T,>(selector: (s: NoticesState) => T): T => useStore(useStores().notices, selector);
export const useConnection = <T,>(selector: (s: ConnectionState) => T): T => useStore(useStores().connection, selector);
export const useConfig = <T,>(selector: (s: ConfigState) => T): T => useStore(useStores().config, selector);
export const useSelection = <T,>(selector: (s: SelectionState) => T): T => useStore(useStores().selection, selector);

export const useSession = <T,>(selector: (s: SessionState) => T): T => useStore(useStores().session, selector);
export const useAlerts = <T,>(selector: (s: AlertsState) => T): T => useStore(useStores().alerts, selector);
export const useWorklist = <T,>(selector: (s: WorklistState) => T): T => useStore(useStores().worklist, selector);
export const useMyDeclarations = <T,>(selector: (s: MyDeclarationsState) => T): T => useStore(useStores().myDeclarations, selector);
export const useNotifications = <T,>(selector: (s: NotificationsState) => T): T => useStore(useStores().notifications, selector);
export const useView = <T,>(selector: (s: ViewState) => T): T => useStore(useStores().view, selector);
export const useClock = <T,>(selector: (s: ClockState) => T): T => useStore(useStores().clock, selector);

/**
 * The server clock now (ms), ticking every `everyMs`: the last asOf (or clock status, whichever is
 * newer) plus the wall time since it arrived × the clock's speed (0 while a replay is paused).
 */
export function useServerNow(everyMs = 15_000): number {
  const asOf = useConnection((s) => s.asOf);
  const appliedAtMs = useConnection((s) => s.appliedAtMs);
  const clock = useClock((s) => s.status);
  const clockAtMs = useClock((s) => s.receivedAtMs);
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  // While the link is down the server clock is not known to move: it stays where the figures were last fresh.
  const frozenAt = useConnection((s) => (s.status === 'live' ? null : s.staleSince));
  const at = frozenAt ?? tick;
  const rate = clockRate(clock);
  const fromAsOf = asOf !== null && appliedAtMs !== null ? serverNowAt(asOf, appliedAtMs, rate, at) : null;
  const fromClock = clock !== null && clockAtMs !== null ? serverNowAt(clock.now, clockAtMs, rate, at) : null;
  if (fromAsOf === null && fromClock === null) return at;
  return Math.max(fromAsOf ?? -Infinity, fromClock ?? -Infinity);
}

export * from './congestion.ts';
export { sortMine } from './my-declarations.ts';
export type { ComposePrefill, Tab } from './view.ts';
export { clockRate, serverNowAt } from './clock.ts';
export type { LinkStatus } from './connection.ts';
