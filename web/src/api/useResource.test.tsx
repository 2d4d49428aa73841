// The loading hooks in jsdom: loading/error/data/reload, answers for an old key dropped, the
// request aborted when the key changes or the component goes away, and cursor paging.
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { testRoot } from '../testing/testRoot';
import type { Page } from './client';
import { usePages, type Pages } from './usePages';
import { useResource, type Resource } from './useResource';

/** A load the test answers by hand, recording the signal it was given. */
interface Pending<T> {
  key: string;
  signal: AbortSignal;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function loader<T>() {
  const calls: Pending<T>[] = [];
  const load = (key: string) => (signal: AbortSignal) =>
    new Promise<T>((resolve, reject) => calls.push({ key, signal, resolve, reject }));
  return { calls, load };
}

const t = testRoot();

function renderResource<T>(load: (key: string) => (signal: AbortSignal) => Promise<T>, key: string | null) {
  const seen: { current: Resource<T> | null } = { current: null };
  function Probe({ k }: { k: string | null }) {
    seen.current = useResource(load(k ?? ''), k);
    return null;
  }
  act(() => t.root.render(<Probe k={key} />));
  return { seen, rerender: (k: string | null) => act(() => t.root.render(<Probe k={k} />)) };
}

const settle = () => act(async () => undefined);

describe('useResource', () => {
  it('loads, then shows the data; reload keeps it shown while loading again', async () => {
    const { calls, load } = loader<string>();
    const { seen } = renderResource(load, 'a');
    expect(seen.current).toMatchObject({ loading: true, data: undefined, error: undefined });
    calls[0].resolve('first');
    await settle();
    expect(seen.current).toMatchObject({ loading: false, data: 'first' });
    act(() => seen.current!.reload());
    expect(calls).toHaveLength(2);
    expect(seen.current).toMatchObject({ loading: true, data: 'first' });
    calls[1].resolve('second');
    await settle();
    expect(seen.current).toMatchObject({ loading: false, data: 'second' });
  });

  it('shows a failure, and a reload clears it', async () => {
    const { calls, load } = loader<string>();
    const { seen } = renderResource(load, 'a');
    const failure = new Error('down');
    calls[0].reject(failure);
    await settle();
    expect(seen.current).toMatchObject({ loading: false, error: failure });
    act(() => seen.current!.reload());
    expect(seen.current!.error).toBeUndefined();
    calls[1].resolve('back');
    await settle();
    expect(seen.current).toMatchObject({ loading: false, data: 'back', error: undefined });
  });

  it('aborts the load for an old key and drops its answer', async () => {
    const { calls, load } = loader<string>();
    const { seen, rerender } = renderResource(load, 'a');
    rerender('b');
    expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
    expect(calls[0].signal.aborted).toBe(true);
    calls[1].resolve('for b');
    calls[0].resolve('for a');
    await settle();
    expect(seen.current).toMatchObject({ loading: false, data: 'for b' });
  });

  it('aborts on unmount, and loads nothing for a null key', async () => {
    const { calls, load } = loader<string>();
    const { seen, rerender } = renderResource(load, null);
    expect(calls).toHaveLength(0);
    expect(seen.current!.loading).toBe(false);
    rerender('a');
    act(() => t.root.unmount());
    expect(calls[0].signal.aborted).toBe(true);
    t.root = createRoot(t.container);
  });
});

describe('usePages', () => {
  type Row = { id: string };
  const page = (ids: string[], next: string | null): Page<Row> => ({ data: ids.map((id) => ({ id })), next_cursor: next });

  function renderPages(key: string) {
    const calls: { cursor: string | null; signal: AbortSignal; resolve: (p: Page<Row>) => void; reject: (e: unknown) => void }[] = [];
    const seen: { current: Pages<Row> | null } = { current: null };
    function Probe({ k }: { k: string }) {
      seen.current = usePages<Row>((cursor, signal) => new Promise((resolve, reject) => calls.push({ cursor, signal, resolve, reject })), k);
      return null;
    }
    act(() => t.root.render(<Probe k={key} />));
    return { calls, seen, rerender: (k: string) => act(() => t.root.render(<Probe k={k} />)) };
  }

  it('appends the next page without repeating rows, until there are no more', async () => {
    const { calls, seen } = renderPages('q');
    calls[0].resolve(page(['1', '2'], 'c1'));
    await settle();
    expect(seen.current).toMatchObject({ loaded: true, hasMore: true });
    act(() => seen.current!.loadMore());
    expect(calls[1].cursor).toBe('c1');
    expect(seen.current!.moreBusy).toBe(true);
    calls[1].resolve(page(['2', '3'], null));
    await settle();
    expect(seen.current!.items.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(seen.current).toMatchObject({ hasMore: false, moreBusy: false });
  });

  it('keeps a failed next page apart from the rows shown', async () => {
    const { calls, seen } = renderPages('q');
    calls[0].resolve(page(['1'], 'c1'));
    await settle();
    act(() => seen.current!.loadMore());
    const failure = new Error('down');
    calls[1].reject(failure);
    await settle();
    expect(seen.current).toMatchObject({ moreError: failure, moreBusy: false, error: undefined });
    expect(seen.current!.items.map((r) => r.id)).toEqual(['1']);
  });

  it('drops a next page still on its way when the key changes', async () => {
    const { calls, seen, rerender } = renderPages('q');
    calls[0].resolve(page(['1'], 'c1'));
    await settle();
    act(() => seen.current!.loadMore());
    rerender('other');
    expect(calls[1].signal.aborted).toBe(true);
    expect(seen.current!.moreBusy).toBe(false);
    calls[2].resolve(page(['9'], null));
    calls[1].resolve(page(['2'], null));
    await settle();
    expect(seen.current!.items.map((r) => r.id)).toEqual(['9']);
  });
});
