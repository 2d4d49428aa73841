// Staff accounts (administrators): the list, adding an account (a generated initial password is
// shown once), and changing name, roles, teams and status with If-Match.
import { useState } from 'react';
import type { User } from '../../api/types';
import { useSession } from '../../app/session';
import { formatDateTime, humanize } from '../../ui/format';
import { DataTable } from '../../ui/DataTable';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { SecretField } from '../../ui/SecretField';
import type { ListOf, Role, Team } from './types';
import { EditUser } from './EditUser';
import { NewUserForm } from './NewUserForm';

export function UsersTab() {
  const { me } = useSession();
  const users = useApi<ListOf<User>>('/users');
  const roles = useApi<ListOf<Role>>('/roles');
  const teams = useApi<ListOf<Team>>('/teams');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const roleOptions = (roles.data?.data ?? []).map((r) => ({ value: r.name, label: humanize(r.name) }));
  const teamOptions = (teams.data?.data ?? []).map((t) => ({ value: t.id, label: t.name }));
  const teamName = (id: string) => teams.data?.data.find((t) => t.id === id)?.name ?? id;
  const list = users.data?.data ?? [];
  const editing = list.find((u) => u.id === editingId);

  const replace = (user: User) =>
    users.setData((current) => (current ? { data: current.data.map((u) => (u.id === user.id ? user : u)) } : current));

  return (
    <>
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        {secret && (
          <SecretField
            label={`Initial password for ${secret.email}`}
            value={secret.password}
            warning="Give this password to the new user over a safe channel. It cannot be shown again."
            onDone={() => setSecret(null)}
          />
        )}
        {saved && (
          <p className="notice" role="status">
            {saved}
          </p>
        )}
        {(roles.error !== undefined || teams.error !== undefined) && (
          <ErrorNote
            error={roles.error ?? teams.error}
            onRetry={() => {
              if (roles.error !== undefined) roles.reload();
              if (teams.error !== undefined) teams.reload();
            }}
          />
        )}
        {users.loading && !users.data && <Loading what="users" />}
        {users.error !== undefined && <ErrorNote error={users.error} onRetry={users.reload} />}
        {users.data && list.length === 0 && <Empty>No users yet.</Empty>}
        {editing && (
          <EditUser
            key={`${editing.id}:${editing.version}`}
            user={editing}
            isMe={editing.id === me.user?.id}
            roleOptions={roleOptions}
            teamOptions={teamOptions}
            reloading={users.loading}
            onReload={users.reload}
            onSaved={(user) => {
              replace(user);
              setEditingId(null);
              setSaved(`Saved the changes to ${user.name}.`);
            }}
            onCancel={() => setEditingId(null)}
          />
        )}
        {list.length > 0 && (
          <DataTable columns={['Name', 'Email', 'Roles', 'Teams', 'Status', 'Last sign-in']} actions labelledBy="users-title">
            {list.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.name}
                  {u.id === me.user?.id && <span className="badge"> (you)</span>}
                </td>
                <td>{u.email}</td>
                <td>{u.roles.length ? u.roles.map(humanize).join(', ') : 'None'}</td>
                <td>{u.teams.length ? u.teams.map(teamName).join(', ') : '—'}</td>
                <td>{humanize(u.status)}</td>
                <td>{u.last_sign_in_at ? formatDateTime(u.last_sign_in_at) : 'Never'}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Edit ${u.name}`}
                    aria-expanded={editingId === u.id}
                    onClick={() => {
                      setSaved(null);
                      setEditingId(editingId === u.id ? null : u.id);
                    }}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <NewUserForm
        roleOptions={roleOptions}
        onCreated={(user) => {
          const { initial_password, ...rest } = user;
          users.setData((current) => (current ? { data: [...current.data, rest] } : current));
          setSaved(`Added ${user.name}.`);
          if (initial_password) setSecret({ email: user.email, password: initial_password });
        }}
      />
    </>
  );
}
