import { useEffect } from 'react';
import type { Stores } from '../stores/index.tsx';
import { loadFigures, saveFigures, type KeyValue } from './saved-figures.ts';

// Keeps the last live gate figures on this device (at most every 5 s) and, when the console has had no live
// figures 1.5 s after it starts (offline, server unreachable), shows the saved ones, dated, until live ones come.

const SAVE_EVERY_MS = 5_000;
const WAIT_FOR_LIVE_MS = 1_500;

function deviceStorage(): KeyValue | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function useSavedFigures(stores: Stores): void {
  useEffect(() => {
    const storage = deviceStorage();
    if (!storage) return undefined;
    const showSaved = () => {
      const saved = loadFigures(storage);
      if (saved) stores.gates.getState().showSaved(saved.at, saved.gates);
    };
    const waiting = setTimeout(showSaved, WAIT_FOR_LIVE_MS);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      timer = undefined;
      const gates = stores.gates.getState();
      if (gates.savedAt !== null || gates.order.length === 0) return;
      const at = stores.connection.getState().asOf ?? new Date().toISOString();
      saveFigures(storage, at, gates.order.flatMap((id) => (gates.live[id] ? [gates.live[id]] : [])));
    };
    const unsubscribe = stores.gates.subscribe((state, before) => {
      if (state.live === before.live || state.savedAt !== null) return;
      timer ??= setTimeout(save, before.order.length === 0 ? 0 : SAVE_EVERY_MS);
    });
    return () => {
      clearTimeout(waiting);
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [stores]);
}
