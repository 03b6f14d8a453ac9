import { useEffect, useState } from 'react';

// One request per distinct `key`: the latest answer wins, an older one still in flight is aborted.
// `key` null = nothing to ask yet (e.g. an invalid period).

export interface RequestState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

export function useRequest<T>(key: string | null, run: (signal: AbortSignal) => Promise<T>): RequestState<T> {
  const [state, setState] = useState<RequestState<T>>({ data: null, error: null, loading: key !== null });
  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    setState((s) => ({ data: s.data, error: null, loading: true }));
    run(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState({ data: null, error, loading: false });
      },
    );
    return () => abort.abort();
    // `run` is a fresh closure each render; `key` names everything it depends on.
  }, [key]);
  return state;
}
