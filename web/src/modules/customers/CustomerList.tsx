// The customers list: a virtualised table that stays smooth over 100,000 customers (keyset pages
// of 100 are fetched as the user scrolls; only the visible rows are in the DOM), search as you
// type, a filter builder over the API's filter language, sort, a column chooser, saved and
// shareable views, and bulk actions with progress.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useCustomFields } from '../../app/customFields';
import { api, ApiError, query, type Page } from '../../api/client';
import type { Customer } from '../../api/types';
import { Link, navigate } from '../../app/router';
import { can, useSession } from '../../app/session';
import { staffName, useStaff, type StaffMember } from '../../app/staff';
import { formatDateTime, humanize, primaryOf } from '../../ui/format';
import { Empty, ErrorNote } from '../../ui/States';
import { BulkActions } from './BulkActions';
import { FilterBuilder } from './FilterBuilder';
import {
  ALL_COLUMNS, FILTER_FIELDS, SORTS, buildFilter, decodeView, defaultView, encodeView, visibleRange,
  type FieldKind, type ListView,
} from './listQuery';

const ROW_HEIGHT = 44;
const PAGE_SIZE = 100;

function storageKey(userId: string, what: string) {
  return `rapport.${userId}.customers.${what}`;
}

interface SavedView {
  id: string;
  name: string;
  owner_id: string;
  shared: boolean;
  definition: ListView;
  version: number;
}

function cell(customer: Customer, column: string, staff: StaffMember[]): string {
  switch (column) {
    case 'email':
      return primaryOf(customer.emails)?.address ?? '';
    case 'phone':
      return primaryOf(customer.phones)?.number ?? '';
    case 'lifecycle_stage':
      return humanize(customer.lifecycle_stage);
    case 'tags':
      return customer.tags.join(', ');
    case 'owner_id':
      return customer.owner_id ? staffName(staff, customer.owner_id) : '';
    case 'language':
      return customer.language ?? '';
    case 'created_at':
      return formatDateTime(customer.created_at);
    case 'updated_at':
      return formatDateTime(customer.updated_at);
    default:
      return '';
  }
}

export function CustomerList() {
  const { me } = useSession();
  const userId = me.user?.id ?? me.actor;
  const staff = useStaff();
  const [view, setView] = useState<ListView>(() => {
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
  });
  const [searchText, setSearchText] = useState(view.q);
  const [rows, setRows] = useState<Customer[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const customFields = useCustomFields('customer');
  const [savedViews, setSavedViews] = useState<SavedView[]>([]);
  const [viewName, setViewName] = useState('');
  const [shareView, setShareView] = useState(false);
  const [viewError, setViewError] = useState<string | null>(null);
  const [shareLink, setShareLink] = useState<string | null>(null);
  const [showFilters, setShowFilters] = useState(view.conditions.length > 0);
  const scroller = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 600 });
  const request = useRef(0);

  const loadViews = useCallback(() => {
    api<{ data: SavedView[] }>('GET', '/views?object=customers')
      .then((r) => setSavedViews(r.data))
      .catch(() => undefined);
  }, []);
  useEffect(loadViews, [loadViews]);


  // Search as you type, without a request per keystroke.
  useEffect(() => {
    const timer = window.setTimeout(() => setView((v) => (v.q === searchText ? v : { ...v, q: searchText })), 250);
    return () => window.clearTimeout(timer);
  }, [searchText]);

  useEffect(() => {
    localStorage.setItem(storageKey(userId, 'last'), JSON.stringify(view));
  }, [view, userId]);

  const kinds = useMemo(() => {
    const map: Record<string, FieldKind> = {};
    for (const f of FILTER_FIELDS) map[f.key] = f.kind;
    for (const f of customFields) {
      map[`custom_fields.${f.key}`] = f.type === 'number' ? 'number' : f.type === 'boolean' ? 'boolean' : f.type === 'date' ? 'date' : 'text';
    }
    return map;
  }, [customFields]);
  const filter = useMemo(() => buildFilter(view, kinds), [view, kinds]);
  const queryKey = JSON.stringify([view.q, view.sort, filter]);

  const fetchPage = useCallback(
    async (after: string | null, id: number) => {
      setLoading(true);
      try {
        const page = filter
          ? await api<Page<Customer>>('POST', '/customers/search', {
              body: { filter, q: view.q || undefined, sort: view.sort, limit: PAGE_SIZE, cursor: after ?? undefined },
            })
          : await api<Page<Customer>>('GET', `/customers${query({ q: view.q, sort: view.sort, limit: PAGE_SIZE, cursor: after })}`);
        if (id !== request.current) return;
        setRows((current) => (after ? [...current, ...page.data] : page.data));
        setCursor(page.next_cursor);
        setDone(!page.next_cursor);
        setError(null);
      } catch (e) {
        if (id === request.current) setError(e);
      } finally {
        if (id === request.current) setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [queryKey],
  );

  useEffect(() => {
    const id = ++request.current;
    setRows([]);
    setCursor(null);
    setDone(false);
    setSelected(new Set());
    scroller.current?.scrollTo({ top: 0 });
    void fetchPage(null, id);
  }, [fetchPage]);

  const { first, last } = visibleRange(scroll.top, scroll.height, ROW_HEIGHT, rows.length);
  useEffect(() => {
    if (!loading && !done && !error && cursor && last >= rows.length - 30) void fetchPage(cursor, request.current);
  }, [last, rows.length, loading, done, error, cursor, fetchPage]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const update = () => setScroll({ top: element.scrollTop, height: element.clientHeight });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const columns = ALL_COLUMNS.filter((c) => view.columns.includes(c.key));
  const toggleColumn = (key: string) =>
    setView((v) => ({ ...v, columns: v.columns.includes(key) ? v.columns.filter((c) => c !== key) : [...v.columns, key] }));

  // Saved views live on the server: the same on every device, and shareable with colleagues.
  const saveView = async () => {
    setViewError(null);
    try {
      await api('POST', '/views', { body: { object_type: 'customers', name: viewName.trim(), shared: shareView, definition: view } });
      setViewName('');
      setShareView(false);
      loadViews();
    } catch (e) {
      setViewError(e instanceof ApiError ? (Object.values(e.fieldErrors)[0] ?? e.message) : 'Saving the view failed.');
    }
  };
  const changeView = async (saved: SavedView, action: 'delete' | 'share') => {
    setViewError(null);
    try {
      if (action === 'delete') await api('DELETE', `/views/${saved.id}`);
      else await api('PATCH', `/views/${saved.id}`, { body: { shared: !saved.shared }, ifMatch: saved.version });
      loadViews();
    } catch (e) {
      setViewError(e instanceof ApiError ? e.message : 'Changing the view failed.');
    }
  };
  const applyView = (v: ListView) => {
    setSearchText(v.q);
    setView(v);
    setShowFilters(v.conditions.length > 0);
  };

  // Arrow keys move between rows; the focused row scrolls into view.
  const onRowKey = (e: KeyboardEvent<HTMLElement>, index: number) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const next = Math.max(0, Math.min(rows.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)));
    const element = scroller.current;
    if (!element) return;
    const top = next * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
    window.requestAnimationFrame(() => element.querySelector<HTMLElement>(`[data-row="${next}"] a`)?.focus());
  };

  const toggleRow = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

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
        <details className="views">
          <summary>Views</summary>
          <div className="views-menu">
            <form
              className="save-view"
              onSubmit={(e) => {
                e.preventDefault();
                void saveView();
              }}
            >
              <label>
                <span>Save this view as</span>
                <input value={viewName} required maxLength={100} onChange={(e) => setViewName(e.target.value)} />
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={shareView} onChange={(e) => setShareView(e.target.checked)} /> Share with everyone
              </label>
              <button type="submit" disabled={!viewName.trim()}>
                Save view
              </button>
            </form>
            {viewError && (
              <p className="field-error" role="alert">
                {viewError}
              </p>
            )}
            <button type="button" onClick={() => setShareLink(`${window.location.origin}/customers?view=${encodeView(view)}`)}>
              Copy a link to this view
            </button>
            <button type="button" onClick={() => applyView(defaultView())}>
              Reset
            </button>
            {savedViews.length > 0 && (
              <ul aria-label="Saved views">
                {savedViews.map((saved) => {
                  const own = saved.owner_id === me.user?.id;
                  return (
                    <li key={saved.id}>
                      <button type="button" className="link" onClick={() => applyView({ ...defaultView(), ...saved.definition })}>
                        {saved.name}
                      </button>
                      <span className="muted">{own ? (saved.shared ? 'shared' : 'private') : `by ${staffName(staff, saved.owner_id)}`}</span>
                      {own && (
                        <button type="button" className="small" onClick={() => void changeView(saved, 'share')}>
                          {saved.shared ? 'Unshare' : 'Share'}
                        </button>
                      )}
                      {(own || me.access.admin) && (
                        <button type="button" className="small" aria-label={`Delete view ${saved.name}`} onClick={() => void changeView(saved, 'delete')}>
                          Delete
                        </button>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        </details>
      </div>
      {shareLink && (
        <div className="notice" role="status">
          <label>
            Link to this view: <input readOnly value={shareLink} onFocus={(e) => e.target.select()} className="share-link" />
          </label>
          <button type="button" onClick={() => setShareLink(null)}>
            Done
          </button>
        </div>
      )}
      {showFilters && (
        <FilterBuilder
          view={view}
          customFields={customFields}
          onChange={(conditions, match) => setView((v) => ({ ...v, conditions, match }))}
          error={error instanceof ApiError && error.status === 422 ? error : undefined}
        />
      )}
      {selected.size > 0 && (
        <BulkActions
          ids={[...selected]}
          rows={rows}
          onDone={() => {
            const id = ++request.current;
            setSelected(new Set());
            void fetchPage(null, id);
          }}
        />
      )}
      {error !== null && !(error instanceof ApiError && error.status === 422) && <ErrorNote error={error} onRetry={() => void fetchPage(cursor, request.current)} />}
      <p className="list-count" role="status" aria-live="polite">
        {loading && rows.length === 0 ? 'Loading customers…' : `${rows.length}${done ? '' : '+'} customers`}
        {selected.size > 0 && ` · ${selected.size} selected`}
      </p>
      <div className="grid" role="table" aria-label="Customers" aria-rowcount={done ? rows.length + 1 : -1}>
        <div className="grid-head" role="rowgroup">
          <div className="grid-row" role="row" aria-rowindex={1}>
            <span className="grid-cell grid-check" role="columnheader">
              <input
                type="checkbox"
                aria-label="Select all loaded customers"
                checked={rows.length > 0 && selected.size === rows.length}
                onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
              />
            </span>
            <span className="grid-cell grid-name" role="columnheader">
              Name
            </span>
            {columns.map((c) => (
              <span key={c.key} className={`grid-cell col-${c.key}`} role="columnheader">
                {c.label}
              </span>
            ))}
          </div>
        </div>
        <div className="grid-body" ref={scroller} role="rowgroup" onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}>
          {rows.length === 0 && !loading && !error && <Empty>No customers match. Change the search or the filters.</Empty>}
          <div className="grid-spacer" style={{ height: rows.length * ROW_HEIGHT }}>
            {rows.slice(first, last).map((customer, offset) => {
              const index = first + offset;
              return (
                <div
                  key={customer.id}
                  className={selected.has(customer.id) ? 'grid-row selected' : 'grid-row'}
                  role="row"
                  aria-rowindex={index + 2}
                  data-row={index}
                  style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
                >
                  <span className="grid-cell grid-check" role="cell">
                    <input type="checkbox" aria-label={`Select ${customer.display_name}`} checked={selected.has(customer.id)} onChange={() => toggleRow(customer.id)} />
                  </span>
                  <span className="grid-cell grid-name" role="cell">
                    <Link to={`/customers/${customer.id}`} onKeyDown={(e) => onRowKey(e, index)}>
                      {customer.display_name}
                    </Link>
                  </span>
                  {columns.map((c) => (
                    <span key={c.key} className={`grid-cell col-${c.key}`} role="cell">
                      {cell(customer, c.key, staff)}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
          {loading && rows.length > 0 && <p className="loading-more">Loading more…</p>}
        </div>
      </div>
    </section>
  );
}
