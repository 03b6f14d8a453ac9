import { useEffect } from 'react';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { fetchPublicConfig } from './api/config.ts';
import { NoticeComposerHost } from './features/notices/NoticeComposer.tsx';
import { GateMap } from './features/map/GateMap.tsx';
import { Header } from './Header.tsx';
import { connectLive } from './socket/connect.ts';
import { SidePanel } from './SidePanel.tsx';
import { endSession, StoresProvider, type Stores } from './stores/index.tsx';
import { whenUnauthorized } from './api/http.ts';
import { useStore } from 'zustand';
import { OfflineBanner } from './offline/OfflineBanner.tsx';
import { useSavedFigures } from './offline/useSavedFigures.ts';

// The console: header, the map, the gate panels. Wires config and the live socket into the stores.

export function App({ stores, i18n }: { stores: Stores; i18n: I18n }) {
  useEffect(() => {
    const abort = new AbortController();
    void fetchPublicConfig(abort.signal).then((config) => {
      if (config) stores.config.getState().setConfig(config);
    });
    return () => abort.abort();
  }, [stores]);

  // A 401 to a signed-in request: the session ended — say so, offer to sign in again in place.
  useEffect(() => {
    whenUnauthorized((reason) => endSession(stores, reason));
    return () => whenUnauthorized(undefined);
  }, [stores]);

  // One socket per identity: signing in or out (or a refused token) reconnects with the new one.
  const token = useStore(stores.session, (s) => s.token);
  // A past moment on screen: the whole console says so (greyed map, marked cards).
  const past = useStore(stores.gates, (s) => s.past !== null);
  // The link down: every figure on screen greys (map markers too), not only the cards.
  const stale = useStore(stores.connection, (s) => s.status === 'stale' || s.status === 'reconnecting');
  // Saved figures on screen (started offline): as greyed as figures gone stale.
  const saved = useStore(stores.gates, (s) => s.savedAt !== null);
  useSavedFigures(stores);
  useEffect(() => {
    const live = connectLive(stores, token);
    return () => live.close();
  }, [stores, token]);

  return (
    <I18nextProvider i18n={i18n}>
      <StoresProvider stores={stores}>
        <div className={['app', past ? 'app--past' : '', stale || saved ? 'app--stale' : ''].filter(Boolean).join(' ')} data-stale={stale || saved}>
          <Header />
          <OfflineBanner />
          <main className="app__main">
            <GateMap />
            <SidePanel />
          </main>
          <NoticeComposerHost />
        </div>
      </StoresProvider>
    </I18nextProvider>
  );
}
