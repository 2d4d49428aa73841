// A list's "Views" menu: save the current view (privately or shared), apply, share or delete a
// saved one, copy a link to the current view. Saved views live on the server, so they are the
// same on every device and shareable with colleagues. Used by the customers list and, with its
// own definition, the support inbox (object type "tickets").
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { SavedView } from '../../api/types';
import { useApi } from '../../api/useResource';
import { useSession } from '../../app/session';
import { staffName, type StaffMember } from '../../app/staff';
import { defaultView, encodeView, type ListView } from './listQuery';

interface Props<V> {
  view: V;
  staff: StaffMember[];
  onApply: (view: V) => void;
  onShareLink: (link: string) => void;
  /** The list the views belong to; the customers list when absent. */
  list?: ViewList<V>;
}

/** What the menu needs of a list: its object type, default view, link and stored form. */
export interface ViewList<V> {
  objectType: 'customers' | 'tickets';
  defaultView: () => V;
  link: (view: V) => string;
  fromSaved: (definition: unknown) => V;
}

const CUSTOMERS: ViewList<ListView> = {
  objectType: 'customers',
  defaultView,
  link: (view) => `${window.location.origin}/customers?view=${encodeView(view)}`,
  fromSaved: (definition) => ({ ...defaultView(), ...(definition as Partial<ListView>) }),
};

export function SavedViewsMenu<V = ListView>({ view, staff, onApply, onShareLink, list }: Props<V>) {
  const { me } = useSession();
  const of = list ?? (CUSTOMERS as unknown as ViewList<V>);
  const views = useApi<{ data: SavedView[] }>(`/views?object=${of.objectType}`);
  const savedViews = views.data?.data ?? [];
  const [viewName, setViewName] = useState('');
  const [shareView, setShareView] = useState(false);
  const [viewError, setViewError] = useState<string | null>(null);

  const saveView = async () => {
    setViewError(null);
    try {
      await api('POST', '/views', { body: { object_type: of.objectType, name: viewName.trim(), shared: shareView, definition: view } });
      setViewName('');
      setShareView(false);
      views.reload();
    } catch (e) {
      setViewError(e instanceof ApiError ? (Object.values(e.fieldErrors)[0] ?? e.message) : 'Saving the view failed.');
    }
  };
  const changeView = async (saved: SavedView, action: 'delete' | 'share') => {
    setViewError(null);
    try {
      if (action === 'delete') await api('DELETE', `/views/${saved.id}`);
      else await api('PATCH', `/views/${saved.id}`, { body: { shared: !saved.shared }, ifMatch: saved.version });
      views.reload();
    } catch (e) {
      setViewError(e instanceof ApiError ? e.message : 'Changing the view failed.');
    }
  };

  return (
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
        <button type="button" onClick={() => onShareLink(of.link(view))}>
          Copy a link to this view
        </button>
        <button type="button" onClick={() => onApply(of.defaultView())}>
          Reset
        </button>
        {savedViews.length > 0 && (
          <ul aria-label="Saved views">
            {savedViews.map((saved) => {
              const own = saved.owner_id === me.user?.id;
              return (
                <li key={saved.id}>
                  <button type="button" className="link" onClick={() => onApply(of.fromSaved(saved.definition))}>
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
  );
}

/** The link to a view, ready to copy, until the user is done with it. */
export function ShareLinkNote({ link, onDone }: { link: string; onDone: () => void }) {
  return (
    <div className="notice" role="status">
      <label>
        Link to this view: <input readOnly value={link} onFocus={(e) => e.target.select()} className="share-link" />
      </label>
      <button type="button" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
