// The list's "Views" menu: save the current view (privately or shared), apply, share or delete a
// saved one, copy a link to the current view. Saved views live on the server, so they are the
// same on every device and shareable with colleagues.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { SavedView } from '../../api/types';
import { useApi } from '../../api/useResource';
import { useSession } from '../../app/session';
import { staffName, type StaffMember } from '../../app/staff';
import { defaultView, encodeView, type ListView } from './listQuery';

interface Props {
  view: ListView;
  staff: StaffMember[];
  onApply: (view: ListView) => void;
  onShareLink: (link: string) => void;
}

export function SavedViewsMenu({ view, staff, onApply, onShareLink }: Props) {
  const { me } = useSession();
  const views = useApi<{ data: SavedView[] }>('/views?object=customers');
  const savedViews = views.data?.data ?? [];
  const [viewName, setViewName] = useState('');
  const [shareView, setShareView] = useState(false);
  const [viewError, setViewError] = useState<string | null>(null);

  const saveView = async () => {
    setViewError(null);
    try {
      await api('POST', '/views', { body: { object_type: 'customers', name: viewName.trim(), shared: shareView, definition: view } });
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
        <button type="button" onClick={() => onShareLink(`${window.location.origin}/customers?view=${encodeView(view)}`)}>
          Copy a link to this view
        </button>
        <button type="button" onClick={() => onApply(defaultView())}>
          Reset
        </button>
        {savedViews.length > 0 && (
          <ul aria-label="Saved views">
            {savedViews.map((saved) => {
              const own = saved.owner_id === me.user?.id;
              return (
                <li key={saved.id}>
                  <button type="button" className="link" onClick={() => onApply({ ...defaultView(), ...(saved.definition as Partial<ListView>) })}>
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
