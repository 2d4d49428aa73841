// The agent's inbox (/support): views with live counts (mine, unassigned, breaching soon,
// pending, unsolved, all), search, saved and shared views, keyboard navigation (j/k to move,
// Enter to open, x to select), bulk actions, and live updates: a ticket opened or answered
// anywhere shows here without a reload (the live stream's ticket.* events).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Page } from '../../api/client';
import { useLiveEvents, useLiveReset } from '../../api/useLive';
import { usePages } from '../../api/usePages';
import { useApi } from '../../api/useResource';
import { Link, navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { staffName, useStaff } from '../../app/staff';
import { SavedViewsMenu, ShareLinkNote, type ViewList } from '../customers/SavedViewsMenu';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ErrorNote } from '../../ui/States';
import { useDebounced } from '../../ui/useDebounced';
import { formatCountdown, urgency } from './countdown';
import { DEFAULT_DEFINITION, INBOX_VIEWS, breachingFirst, isViewKey, moveCursor, viewCount, viewFilter, type InboxDefinition } from './inboxViews';
import { TicketBulkActions } from './TicketBulkActions';
import { useNow } from './useNow';
import { nextDue, type Ticket, type TicketCounts } from './types';

const PAGE_SIZE = 50;
const COLUMNS = ['Ticket', 'Requester', 'Status', 'Priority', 'Assignee', 'Due', 'Updated'];

const TICKET_VIEWS: ViewList<InboxDefinition> = {
  objectType: 'tickets',
  defaultView: () => DEFAULT_DEFINITION,
  link: (d) => `${window.location.origin}/support?view=${d.view}${d.q ? `&q=${encodeURIComponent(d.q)}` : ''}`,
  fromSaved: (definition) => {
    const d = (definition ?? {}) as Partial<InboxDefinition>;
    return { view: isViewKey(d.view) ? d.view : 'mine', q: typeof d.q === 'string' ? d.q : '' };
  },
};

function initialDefinition(): InboxDefinition {
  const params = new URLSearchParams(window.location.search);
  return TICKET_VIEWS.fromSaved({ view: params.get('view') ?? 'mine', q: params.get('q') ?? '' });
}

export function Inbox() {
  const { me } = useSession();
  const self = me.user?.id ?? '';
  const staff = useStaff();
  const [definition, setDefinition] = useState<InboxDefinition>(initialDefinition);
  const [searchText, setSearchText] = useState(definition.q);
  const [shareLink, setShareLink] = useState<string | null>(null);
  const q = useDebounced(searchText, 250);
  if (q !== definition.q && q === searchText) setDefinition((d) => ({ ...d, q }));

  const counts = useApi<TicketCounts>('/tickets/counts');
  const filter = viewFilter(definition.view, self);
  const key = JSON.stringify([definition, self]);
  const breaching = definition.view === 'breaching';
  const list = usePages<Ticket>(
    (cursor, signal) =>
      api<Page<Ticket>>('POST', '/tickets/search', {
        body: {
          filter: filter ?? undefined,
          q: definition.q || undefined,
          // Breaching soon: the server lists tickets with a target still owed, earliest due first.
          sort: breaching ? 'sla_due_at' : undefined,
          limit: PAGE_SIZE,
          cursor: cursor ?? undefined,
        },
        signal,
      }),
    key,
  );
  const rows = useMemo(() => (breaching ? breachingFirst(list.items) : list.items), [breaching, list.items]);

  // Live: anything that happens to a ticket may change what a view lists and counts. Reloads are
  // coalesced, so a burst of events costs one request.
  const { reload } = list;
  const reloadCounts = counts.reload;
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      reload();
      reloadCounts();
    }, 300);
  }, [reload, reloadCounts]);
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);
  useLiveEvents('ticket.', refresh);
  useLiveReset(refresh);

  const [cursor, setCursor] = useState(-1);
  const [selection, setSelection] = useState<{ key: string; ids: Set<string> }>({ key, ids: new Set() });
  const selected = selection.key === key ? selection.ids : new Set<string>();
  const toggle = useCallback(
    (id: string) =>
      setSelection((s) => {
        const ids = new Set(s.key === key ? s.ids : []);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { key, ids };
      }),
    [key],
  );

  // j/k move, Enter opens, x selects — unless the agent is typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) || target?.isContentEditable) return;
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault();
        setCursor((c) => moveCursor(c, e.key === 'j' ? 1 : -1, rows.length));
      } else if (e.key === 'Enter' && rows[cursor] && target?.tagName !== 'BUTTON' && target?.tagName !== 'A') {
        e.preventDefault();
        navigate(`/support/tickets/${rows[cursor].id}`);
      } else if (e.key === 'x' && rows[cursor]) {
        e.preventDefault();
        toggle(rows[cursor].id);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows, cursor, toggle]);
  useEffect(() => {
    if (cursor >= 0) document.getElementById(`ticket-row-${cursor}`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const choose = (d: InboxDefinition) => {
    setSearchText(d.q);
    setDefinition(d);
    setCursor(-1);
    window.history.replaceState(null, '', `/support?view=${d.view}${d.q ? `&q=${encodeURIComponent(d.q)}` : ''}`);
  };
  const now = useNow(15_000);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <div className="page-header">
        <h1 id="inbox-title">Support</h1>
        <p className="muted keyboard-hint">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens, <kbd>x</kbd> selects
        </p>
        <span className="actions">
          <Link to="/support/new">New ticket</Link> <Link to="/support/reports">Reports</Link>
        </span>
      </div>
      <div className="inbox-layout">
        <nav className="inbox-views" aria-label="Inbox views">
          <ul>
            {INBOX_VIEWS.map((v) => (
              <li key={v.key}>
                <button type="button" aria-current={definition.view === v.key ? 'page' : undefined} onClick={() => choose({ ...definition, view: v.key })}>
                  <span>{v.label}</span>
                  {v.count && counts.data && <span className="count">{viewCount(counts.data, v.count)}</span>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="inbox-main">
          <div className="toolbar">
            <label className="toolbar-search">
              <span className="visually-hidden">Search tickets</span>
              <input type="search" placeholder="Search #number or subject…" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
            </label>
            <SavedViewsMenu view={definition} staff={staff} onApply={choose} onShareLink={setShareLink} list={TICKET_VIEWS} />
          </div>
          {shareLink && <ShareLinkNote link={shareLink} onDone={() => setShareLink(null)} />}
          {selected.size > 0 && (
            <TicketBulkActions
              tickets={rows.filter((r) => selected.has(r.id))}
              onDone={() => {
                setSelection({ key, ids: new Set() });
                refresh();
              }}
            />
          )}
          {list.error !== undefined && <ErrorNote error={list.error} onRetry={list.reload} />}
          <p className="list-count" role="status" aria-live="polite">
            {list.loading && rows.length === 0 ? 'Loading tickets…' : `${rows.length}${list.hasMore ? '+' : ''} tickets`}
            {selected.size > 0 && ` · ${selected.size} selected`}
          </p>
          {list.loaded && rows.length === 0 ? (
            <Empty>{breaching ? 'No unsolved ticket has a response target due.' : 'No tickets in this view.'}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="data-table ticket-table" aria-labelledby="inbox-title">
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label="Select all tickets shown"
                        checked={allSelected}
                        onChange={() => setSelection({ key, ids: allSelected ? new Set() : new Set(rows.map((r) => r.id)) })}
                      />
                    </th>
                    {COLUMNS.map((c) => (
                      <th scope="col" key={c}>
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((t, i) => {
                    const due = nextDue(t);
                    return (
                      <tr key={t.id} id={`ticket-row-${i}`} className={i === cursor ? 'cursor' : undefined} aria-selected={selected.has(t.id)}>
                        <td>
                          <input type="checkbox" aria-label={`Select ticket #${t.number}`} checked={selected.has(t.id)} onChange={() => toggle(t.id)} />
                        </td>
                        <td>
                          <Link to={`/support/tickets/${t.id}`}>
                            <span className="ticket-number">#{t.number}</span> {t.subject}
                          </Link>
                        </td>
                        <td>{t.requester ?? '—'}</td>
                        <td>
                          <span className={`status status-${t.status}`}>{humanize(t.status)}</span>
                        </td>
                        <td>
                          <span className={`priority priority-${t.priority}`}>{humanize(t.priority)}</span>
                        </td>
                        <td>{staffName(staff, t.assignee_id, self)}</td>
                        <td>{due ? <span className={`due due-${urgency(due.dueAt, now)}`}>{formatCountdown(due.dueAt, now)}</span> : '—'}</td>
                        <td>{formatDateTime(t.updated_at)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {list.hasMore && (
            <button type="button" disabled={list.moreBusy} onClick={list.loadMore}>
              Load more
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
