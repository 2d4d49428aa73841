// Cursor paging on top of useResource: the first page loads with the key; `loadMore()` appends
// the next one (dropped when the key changed meanwhile, or the component went away). Items
// already shown are not repeated when a later page overlaps (a record edited while paging).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from './client';
import { useResource } from './useResource';

export interface Pages<T> {
  items: T[];
  /** The first page has arrived (for this key or an earlier one). */
  loaded: boolean;
  /** The first page is loading (for a new key or a reload). */
  loading: boolean;
  error: unknown;
  /** More pages exist after what is shown. */
  hasMore: boolean;
  moreBusy: boolean;
  moreError: unknown;
  loadMore: () => void;
  reload: () => void;
  /** Replaces the items shown (a row edited or removed in place). */
  setItems: (update: (current: T[]) => T[]) => void;
}

type LoadPage<T> = (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>;

export function usePages<T extends { id: string }>(loadPage: LoadPage<T>, key: string | null): Pages<T> {
  const first = useResource((signal) => loadPage(null, signal), key);
  const { data, setData } = first;
  const [more, setMore] = useState<{ key: string | null; busy: boolean; error: unknown }>({ key, busy: false, error: undefined });
  const controller = useRef<AbortController | null>(null);

  // A new key (or leaving the screen) cancels a next page still on its way.
  useEffect(
    () => () => {
      controller.current?.abort();
      controller.current = null;
    },
    [key],
  );

  const loadMore = useCallback(() => {
    const from = data;
    if (!from?.next_cursor || controller.current) return;
    const own = new AbortController();
    controller.current = own;
    setMore({ key, busy: true, error: undefined });
    loadPage(from.next_cursor, own.signal).then(
      (page) => {
        if (own.signal.aborted) return;
        controller.current = null;
        // Appended only to the page it continues: a reload meanwhile replaced that.
        setData((current) => (current === from ? appendPage(current, page) : current));
        setMore({ key, busy: false, error: undefined });
      },
      (error: unknown) => {
        if (own.signal.aborted) return;
        controller.current = null;
        setMore({ key, busy: false, error });
      },
    );
  }, [data, key, loadPage, setData]);

  const setItems = useCallback(
    (update: (current: T[]) => T[]) => setData((current) => current && { ...current, data: update(current.data) }),
    [setData],
  );
  const moreNow = more.key === key ? more : { busy: false, error: undefined };
  return {
    items: data?.data ?? [],
    loaded: data !== undefined,
    loading: first.loading,
    error: first.error,
    hasMore: Boolean(data?.next_cursor),
    moreBusy: moreNow.busy,
    moreError: moreNow.error,
    loadMore,
    reload: first.reload,
    setItems,
  };
}

function appendPage<T extends { id: string }>(current: Page<T>, page: Page<T>): Page<T> {
  const seen = new Set(current.data.map((item) => item.id));
  return { data: [...current.data, ...page.data.filter((item) => !seen.has(item.id))], next_cursor: page.next_cursor };
}
