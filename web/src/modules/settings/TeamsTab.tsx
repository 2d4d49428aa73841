// Teams (administrators): list with member counts, add, rename (If-Match) and delete.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type FieldErrors } from '../../api/client';
import { Field } from '../../ui/Field';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { ConfirmButton } from '../../ui/Buttons';
import { FormError, StaleNotice } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import type { ListOf, Team } from './types';

function nameErrors(err: unknown): { fields: FieldErrors; rest: string | null } {
  const placed = placeErrors(err, (path) => (path === 'name' ? 'name' : null));
  if (err instanceof ApiError && err.status === 409 && !placed.fields.name) {
    return { fields: { name: err.message }, rest: null };
  }
  return placed;
}

export function TeamsTab() {
  const teams = useApi<ListOf<Team>>('/teams');
  const [renaming, setRenaming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = teams.data?.data ?? [];

  const remove = async (team: Team) => {
    await api('DELETE', `/teams/${encodeURIComponent(team.id)}`, { ifMatch: team.version }).catch((e) => {
      if (e instanceof ApiError && e.status === 412) {
        teams.reload();
        throw new ApiError(412, 'The team was changed by someone else meanwhile; the list has been reloaded. Check it and try again.');
      }
      throw e;
    });
    teams.setData((current) => (current ? { data: current.data.filter((t) => t.id !== team.id) } : current));
    setNotice(`Deleted the team ${team.name}.`);
  };

  return (
    <>
      <section className="card" aria-labelledby="teams-title">
        <h2 id="teams-title">Teams</h2>
        <p>Teams group users; roles can grant access to records owned by someone in the same team.</p>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {teams.loading && !teams.data && <Loading what="teams" />}
        {teams.error !== undefined && <ErrorNote error={teams.error} onRetry={teams.reload} />}
        {teams.data && list.length === 0 && <Empty>No teams yet.</Empty>}
        {list.length > 0 && (
          <div className="table-wrap">
            <table className="data-table" aria-labelledby="teams-title">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Members</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((t) => (
                  <tr key={t.id}>
                    <td>
                      {renaming === t.id ? (
                        <RenameTeam
                          key={t.version}
                          team={t}
                          reloading={teams.loading}
                          onReload={teams.reload}
                          onDone={(updated) => {
                            if (updated) {
                              teams.setData((current) =>
                                current ? { data: current.data.map((x) => (x.id === updated.id ? { ...x, ...updated } : x)) } : current,
                              );
                              setNotice(`Renamed the team to ${updated.name}.`);
                            }
                            setRenaming(null);
                          }}
                        />
                      ) : (
                        t.name
                      )}
                    </td>
                    <td>{t.member_count}</td>
                    <td>
                      <div className="actions">
                        {renaming !== t.id && (
                          <button
                            type="button"
                            aria-label={`Rename ${t.name}`}
                            onClick={() => {
                              setNotice(null);
                              setRenaming(t.id);
                            }}
                          >
                            Rename
                          </button>
                        )}
                        <ConfirmButton
                          label={`Delete ${t.name}`}
                          question={`Delete ${t.name}? Its ${t.member_count} ${t.member_count === 1 ? 'member stays' : 'members stay'}, without this team.`}
                          confirmLabel="Delete team"
                          busyLabel="Deleting…"
                          onConfirm={() => remove(t)}
                        >
                          Delete
                        </ConfirmButton>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <NewTeamForm
        onCreated={(team) => {
          teams.setData((current) => (current ? { data: [...current.data, team] } : current));
          setNotice(`Added the team ${team.name}.`);
        }}
      />
    </>
  );
}

function RenameTeam({
  team,
  reloading,
  onReload,
  onDone,
}: {
  team: Team;
  reloading: boolean;
  onReload: () => void;
  onDone: (updated: Team | null) => void;
}) {
  const [name, setName] = useState(team.name);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setErrors({ name: 'is required' });
      return;
    }
    if (name.trim() === team.name) {
      onDone(null);
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const updated = await api<Team>('PATCH', `/teams/${encodeURIComponent(team.id)}`, { body: { name: name.trim() }, ifMatch: team.version });
      onDone(updated);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
      } else {
        const placed = nameErrors(err);
        setErrors(placed.fields);
        setFormError(placed.rest);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={`Rename ${team.name}`}>
      {stale && <StaleNotice what="This team" onReload={onReload} busy={reloading} />}
      <FormError message={formError} />
      <Field label={`New name for ${team.name}`} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required autoFocus />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={() => onDone(null)} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function NewTeamForm({ onCreated }: { onCreated: (team: Team) => void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setErrors({ name: 'is required' });
      setFormError(null);
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const team = await api<Team>('POST', '/teams', { body: { name: name.trim() } });
      setName('');
      onCreated({ ...team, member_count: team.member_count ?? 0 });
    } catch (err) {
      const placed = nameErrors(err);
      setErrors(placed.fields);
      setFormError(placed.rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="new-team-title">
      <h2 id="new-team-title">Add a team</h2>
      <form onSubmit={submit} noValidate aria-labelledby="new-team-title">
        <FormError message={formError} />
        <Field label="Team name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required hint="Unique, ignoring case" />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add team'}
          </button>
        </div>
      </form>
    </section>
  );
}
