// Teams (administrators): list with member counts, add, rename (If-Match) and delete.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type FieldErrors } from '../../api/client';
import { Field } from '../../ui/Field';
import { DataTable } from '../../ui/DataTable';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { DeleteButton } from '../../ui/Buttons';
import { FormActions } from '../../ui/FormActions';
import { FormCard } from '../../ui/FormCard';
import { FormError, StaleNotice } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';
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
          <DataTable columns={['Name', 'Members']} actions labelledBy="teams-title">
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
                    <DeleteButton
                      label={`Delete ${t.name}`}
                      question={`Delete ${t.name}? Its ${t.member_count} ${t.member_count === 1 ? 'member stays' : 'members stay'}, without this team.`}
                      confirmLabel="Delete team"
                      onConfirm={() => remove(t)}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
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
  const { errors, setErrors, formError, busy, send } = useFormSubmit();
  const [stale, setStale] = useState(false);

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
    await send(
      async () => {
        const updated = await api<Team>('PATCH', `/teams/${encodeURIComponent(team.id)}`, { body: { name: name.trim() }, ifMatch: team.version });
        onDone(updated);
      },
      (err) => {
        if (err instanceof ApiError && err.status === 412) {
          setStale(true);
          return null;
        }
        return nameErrors(err);
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="inline-form" aria-label={`Rename ${team.name}`}>
      {stale && <StaleNotice what="This team" onReload={onReload} busy={reloading} />}
      <FormError message={formError} />
      <Field label={`New name for ${team.name}`} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required autoFocus />
      <FormActions busy={busy} label="Save" busyLabel="Saving…" onCancel={() => onDone(null)} />
    </form>
  );
}

function NewTeamForm({ onCreated }: { onCreated: (team: Team) => void }) {
  const [name, setName] = useState('');
  const { errors, setErrors, formError, setFormError, busy, send } = useFormSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setErrors({ name: 'is required' });
      setFormError(null);
      return;
    }
    await send(async () => {
      const team = await api<Team>('POST', '/teams', { body: { name: name.trim() } });
      setName('');
      onCreated({ ...team, member_count: team.member_count ?? 0 });
    }, nameErrors);
  };

  return (
    <FormCard titleId="new-team-title" title="Add a team" onSubmit={submit} formError={formError} busy={busy} label="Add team" busyLabel="Adding…">
      <Field label="Team name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required hint="Unique, ignoring case" />
    </FormCard>
  );
}
