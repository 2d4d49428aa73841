// The customers list: a virtualised table that stays smooth over 100,000 customers (keyset pages
// of 100 are fetched as the user scrolls; only the visible rows are in the DOM), search as you
// type, a filter builder over the API's filter language, sort, a column chooser, saved and
// shareable views, and bulk actions with progress.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, query, type Page } from '../../api/client';
import type { Customer } from '../../api/types';
import { useLiveEvents } from '../../api/useLive';
import { usePages } from '../../api/usePages';
import { useCustomFields } from '../../app/customFields';
import { navigate } from '../../app/router';
import { can, useSession } from '../../app/session';
import { useStaff } from '../../app/staff';
import { ErrorNote } from '../../ui/States';
import { useDebounced } from '../../ui/useDebounced';
import { BulkActions } from './BulkActions';
import { CustomerGrid } from './CustomerGrid';
import { SendSurveyForm } from '../feedback/SurveySends';
import { FilterBuilder } from './FilterBuilder';
import { ALL_COLUMNS, SORTS, buildFilter, decodeView, defaultView, filterKinds, type ListView } from './listQuery';
import { SavedViewsMenu, ShareLinkNote } from './SavedViewsMenu';

const PAGE_SIZE = 100;
const NO_SELECTION = new Set<string>();

function storageKey(userId: string, what: string) {
  return `rapport.${userId}.customers.${what}`;
}

/** A view from a shared link, else the user's last one, else the default. */
function initialView(userId: string): ListView {
  const shared = new URLSearchParams(window.location.search).get('view');
  const fromLink = shared ? decodeView(shared) : null;
  if (fromLink) return fromLink;
  try {
    const last = localStorage.getItem(storageKey(userId, 'last'));
    if (last) return { ...defaultView(), ...JSON.parse(last) };
  } catch {
    // Ignore a damaged stored view.
  }
  return defaultView();
}

export function CustomerList() {
  const { me } = useSession();
  const userId = me.user?.id ?? me.actor;
  const staff = useStaff();
  const [view, setView] = useState<ListView>(() => initialView(userId));
  const [searchText, setSearchText] = useState(view.q);
  const customFields = useCustomFields('customer');
  const [shareLink, setShareLink] = useState<string | null>(null);
  const [showFilters, setShowFilters] = useState(view.conditions.length > 0);
  const [sendingSurvey, setSendingSurvey] = useState(false);

  // Search as you type, without a request per keystroke.
  const q = useDebounced(searchText, 250);
  if (q !== view.q && q === searchText) setView((v) => ({ ...v, q }));

  useEffect(() => {
    localStorage.setItem(storageKey(userId, 'last'), JSON.stringify(view));
  }, [view, userId]);

  const kinds = useMemo(() => filterKinds(customFields), [customFields]);
  const filter = useMemo(() => buildFilter(view, kinds), [view, kinds]);
  const queryKey = JSON.stringify([view.q, view.sort, filter]);

  const list = usePages<Customer>(
    (cursor, signal) =>
      filter
        ? api<Page<Customer>>('POST', '/customers/search', {
            body: { filter, q: view.q || undefined, sort: view.sort, limit: PAGE_SIZE, cursor: cursor ?? undefined },
            signal,
          })
        : api<Page<Customer>>('GET', `/customers${query({ q: view.q, sort: view.sort, limit: PAGE_SIZE, cursor })}`, { signal }),
    queryKey,
  );
  const rows = list.items;
  const loading = list.loading || list.moreBusy;
  const error = list.error ?? list.moreError;
  const { hasMore, moreBusy, moreError, loadMore } = list;
  const nearEnd = useCallback(() => {
    if (hasMore && !moreBusy && moreError === undefined) loadMore();
  }, [hasMore, moreBusy, moreError, loadMore]);

  // The selection belongs to the query it was made in: a new query starts with none.
  const [selection, setSelection] = useState<{ key: string; ids: Set<string> }>({ key: queryKey, ids: new Set() });
  const selected = selection.key === queryKey ? selection.ids : NO_SELECTION;

  const columns = ALL_COLUMNS.filter((c) => view.columns.includes(c.key));
  const toggleColumn = (key: string) =>
    setView((v) => ({ ...v, columns: v.columns.includes(key) ? v.columns.filter((c) => c !== key) : [...v.columns, key] }));
  const applyView = (v: ListView) => {
    setSearchText(v.q);
    setView(v);
    setShowFilters(v.conditions.length > 0);
  };

  return (
    <section className="customers-list">
      <div className="page-header">
        <h1>Customers</h1>
        {can(me, 'customers', 'create') && (
          <button type="button" className="primary" onClick={() => navigate('/customers/new')}>
            New customer
          </button>
        )}
      </div>
      <NewCustomersNote onShow={list.reload} />
      <div className="toolbar">
        <label className="toolbar-search">
          <span className="visually-hidden">Search the list</span>
          <input type="search" placeholder="Search name, email, phone, company, tag…" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </label>
        <label>
          <span>Sort</span>
          <select value={view.sort} onChange={(e) => setView((v) => ({ ...v, sort: e.target.value }))}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-expanded={showFilters} onClick={() => setShowFilters((s) => !s)}>
          Filters{view.conditions.length ? ` (${view.conditions.length})` : ''}
        </button>
        <details className="column-chooser">
          <summary>Columns</summary>
          <fieldset>
            <legend>Show columns</legend>
            {ALL_COLUMNS.map((c) => (
              <label key={c.key}>
                <input type="checkbox" checked={view.columns.includes(c.key)} onChange={() => toggleColumn(c.key)} /> {c.label}
              </label>
            ))}
          </fieldset>
        </details>
        <SavedViewsMenu view={view} staff={staff} onApply={applyView} onShareLink={setShareLink} />
        {can(me, 'surveys', 'create') && (
          <button type="button" aria-expanded={sendingSurvey} onClick={() => setSendingSurvey((s) => !s)}>
            Send survey
          </button>
        )}
      </div>
      {sendingSurvey && <SendSurveyForm filter={filter} searchText={view.q} onClose={() => setSendingSurvey(false)} />}
      {shareLink && <ShareLinkNote link={shareLink} onDone={() => setShareLink(null)} />}
      {showFilters && (
        <FilterBuilder
          view={view}
          customFields={customFields}
          onChange={(conditions, match) => setView((v) => ({ ...v, conditions, match }))}
          error={list.error instanceof ApiError && list.error.status === 422 ? list.error : undefined}
        />
      )}
      {selected.size > 0 && (
        <BulkActions
          ids={[...selected]}
          rows={rows}
          onDone={() => {
            setSelection({ key: queryKey, ids: new Set() });
            list.reload();
          }}
        />
      )}
      {error !== undefined && !(error instanceof ApiError && error.status === 422) && <ErrorNote error={error} onRetry={list.error !== undefined ? list.reload : list.loadMore} />}
      <p className="list-count" role="status" aria-live="polite">
        {loading && rows.length === 0 ? 'Loading customers…' : `${rows.length}${list.hasMore || !list.loaded ? '+' : ''} customers`}
        {selected.size > 0 && ` · ${selected.size} selected`}
      </p>
      <CustomerGrid
        key={queryKey}
        rows={rows}
        columns={columns}
        staff={staff}
        selected={selected}
        onSelect={(ids) => setSelection({ key: queryKey, ids })}
        complete={!list.hasMore && list.loaded}
        loading={loading}
        failed={error !== undefined}
        onNearEnd={nearEnd}
      />
    </section>
  );
}

/** Customers others created since this list was loaded, with a way to show them (live stream). */
function NewCustomersNote({ onShow }: { onShow: () => void }) {
  const [count, setCount] = useState(0);
  useLiveEvents('customer.created', () => setCount((n) => n + 1));
  if (count === 0) return null;
  return (
    <div className="new-records" role="status">
      <span>
        {count === 1 ? '1 new customer' : `${count} new customers`} since this list was loaded.
      </span>
      <button
        type="button"
        onClick={() => {
          setCount(0);
          onShow();
        }}
      >
        Show
      </button>
    </div>
  );
}
