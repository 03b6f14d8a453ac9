import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createConfigStore, type ConfigState } from './config.ts';
import { createConnectionStore, type ConnectionState } from './connection.ts';
import { createGatesStore, type GatesState } from './gates.ts';
import { createNoticesStore, type NoticesState } from './notices.ts';
import { createSelectionStore, type SelectionState } from './selection.ts';

// One store per concern, created per app (no module singletons: each test gets fresh state).

export const createStores = () => ({
  gates: createGatesStore(),
  notices: createNoticesStore(),
  connection: createConnectionStore(),
  config: createConfigStore(),
  selection: createSelectionStore(),
});
export type Stores = ReturnType<typeof createStores>;

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

const useStores = (): Stores => {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresProvider is missing above this component');
  return stores;
};

export const useGates = <T,>(selector: (s: GatesState) => T): T => useStore(useStores().gates, selector);
export const useNotices = <T,>(selector: (s: NoticesState) => T): T => useStore(useStores().notices, selector);
export const useConnection = <T,>(selector: (s: ConnectionState) => T): T => useStore(useStores().connection, selector);
export const useConfig = <T,>(selector: (s: ConfigState) => T): T => useStore(useStores().config, selector);
export const useSelection = <T,>(selector: (s: SelectionState) => T): T => useStore(useStores().selection, selector);

export * from './congestion.ts';
export type { LinkStatus } from './connection.ts';
