// The one way screens load data: `useResource` runs a loader whenever its key changes (or on
// `reload()`), aborts the request it no longer needs (key changed, component unmounted) and
// drops its answer; `useApi` is the common case, a GET of one path. The last data stays while
// a new load runs (`loading` is true), so a reload after a change does not blank the screen.
// `usePages` (usePages.ts) builds cursor paging on top. Pure React state: no cache between
// screens, so what another tab changed shows on the next visit.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { api } from './client';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  /** A load for the current key (or a reload) has not answered yet. */
  loading: boolean;
  reload: () => void;
  /** Replaces the data in place (an edit's answer, a page appended). */
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

interface Settled<T> {
  /** The key and reload generation this answer belongs to. */
  token: string;
  data: T | undefined;
  error: unknown;
}

/** Loads with `load` for each `key`; a null key loads nothing (and is not loading). */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, key: string | null): Resource<T> {
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<T>>({ token: '', data: undefined, error: undefined });
  const token = key === null ? '' : `${generation}\n${key}`;
  const run = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    if (token === '') return;
    const controller = new AbortController();
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ token, data, error: undefined });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled((s) => ({ token, data: s.data, error }));
      },
    );
    return () => controller.abort();
  }, [token]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback(
    (update: (current: T | undefined) => T | undefined) => setSettled((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  const current = settled.token === token;
  return { data: settled.data, error: current ? settled.error : undefined, loading: !current, reload, setData };
}

/** GET `path` (relative to /api/v1); null loads nothing. */
export function useApi<T>(path: string | null): Resource<T> {
  return useResource((signal) => api<T>('GET', path ?? '', { signal }), path);
}
