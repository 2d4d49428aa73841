// Staff accounts (administrators): the list, adding an account (a generated initial password is
// shown once), and changing name, roles, teams and status with If-Match.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type FieldErrors } from '../../api/client';
import type { User } from '../../api/types';
import { useSession } from '../../app/session';
import { CheckboxGroup, Field, SelectField } from '../../ui/Field';
import { formatDateTime, humanize } from '../../ui/format';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { checkEmail } from '../../ui/validation';
import { FormError, StaleNotice } from '../../ui/Notices';
import { SecretField } from '../../ui/SecretField';
import { placeErrors } from '../../ui/errors';
import type { ListOf, NewUser, Role, Team } from './types';

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
          <div className="table-wrap">
            <table className="data-table" aria-labelledby="users-title">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Teams</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
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

function EditUser({
  user,
  isMe,
  roleOptions,
  teamOptions,
  reloading,
  onReload,
  onSaved,
  onCancel,
}: {
  user: User;
  isMe: boolean;
  roleOptions: { value: string; label: string }[];
  teamOptions: { value: string; label: string }[];
  reloading: boolean;
  onReload: () => void;
  onSaved: (user: User) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(user.name);
  const [status, setStatus] = useState(user.status);
  const [roles, setRoles] = useState(user.roles);
  const [teams, setTeams] = useState(user.teams);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
  // Roles or teams the lists do not know (yet) are still offered, so they are not dropped silently.
  const withCurrent = (options: { value: string; label: string }[], values: string[]) => [
    ...options,
    ...values.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v })),
  ];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems: FieldErrors = {};
    if (!name.trim()) problems.name = 'is required';
    setErrors(problems);
    if (Object.keys(problems).length) {
      setFormError('Some fields need attention.');
      return;
    }
    const body: Record<string, unknown> = {};
    if (name.trim() !== user.name) body.name = name.trim();
    if (status !== user.status) body.status = status;
    if (!same(roles, user.roles)) body.roles = roles;
    if (!same(teams, user.teams)) body.teams = teams;
    if (Object.keys(body).length === 0) {
      setFormError('Nothing to save: no field was changed.');
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const updated = await api<User>('PATCH', `/users/${encodeURIComponent(user.id)}`, { body, ifMatch: user.version });
      onSaved(updated);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) {
        setStale(true);
      } else {
        const placed = placeErrors(err, (path) => {
          const root = path.split(/[.[]/)[0];
          return ['name', 'status', 'roles', 'teams'].includes(root) ? root : null;
        });
        setErrors(placed.fields);
        setFormError(placed.rest);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="edit-user-title">
      <h3 id="edit-user-title">Edit {user.name}</h3>
      {stale && <StaleNotice what="This account" onReload={onReload} busy={reloading} />}
      <form onSubmit={submit} noValidate aria-labelledby="edit-user-title">
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required autoFocus />
          <Field label="Email" value={user.email} readOnly disabled hint="Email addresses cannot be changed." />
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => setStatus(e.target.value as User['status'])}
            error={errors.status}
            options={[
              { value: 'active', label: 'Active' },
              { value: 'disabled', label: 'Disabled — cannot sign in; sessions and tokens end' },
            ]}
          />
          <CheckboxGroup
            legend="Roles"
            options={withCurrent(roleOptions, user.roles)}
            value={roles}
            onChange={setRoles}
            error={errors.roles}
            hint={isMe ? 'These are your own roles: removing admin takes away your access to this page.' : undefined}
          />
          <CheckboxGroup legend="Teams" options={withCurrent(teamOptions, user.teams)} value={teams} onChange={setTeams} error={errors.teams} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save changes'}
          </button>
          <button type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function NewUserForm({ roleOptions, onCreated }: { roleOptions: { value: string; label: string }[]; onCreated: (user: NewUser) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems: FieldErrors = {};
    if (!email.trim()) problems.email = 'is required';
    else {
      const bad = checkEmail(email);
      if (bad) problems.email = bad;
    }
    if (!name.trim()) problems.name = 'is required';
    if (roles.length === 0) problems.roles = 'choose at least one role';
    if (password && password.length < 12) problems.password = 'must be at least 12 characters';
    setErrors(problems);
    if (Object.keys(problems).length) {
      setFormError('Some fields need attention.');
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const user = await api<NewUser>('POST', '/users', {
        body: { email: email.trim(), name: name.trim(), roles, ...(password ? { password } : {}) },
      });
      setEmail('');
      setName('');
      setRoles([]);
      setPassword('');
      onCreated(user);
    } catch (err) {
      const placed = placeErrors(err, (path) => {
        const root = path.split(/[.[]/)[0];
        return ['email', 'name', 'roles', 'password'].includes(root) ? root : null;
      });
      if (err instanceof ApiError && err.status === 409 && !placed.fields.email && Object.keys(placed.fields).length === 0) {
        placed.fields.email = err.message;
        placed.rest = 'Some fields need attention.';
      }
      setErrors(placed.fields);
      setFormError(placed.rest);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="new-user-title">
      <h2 id="new-user-title">Add a user</h2>
      <form onSubmit={submit} noValidate aria-labelledby="new-user-title">
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} required />
          <Field label="Name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required />
          <CheckboxGroup legend="Roles" options={roleOptions} value={roles} onChange={setRoles} error={errors.roles} />
          <Field
            label="Password (optional)"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
            hint="At least 12 characters. Leave empty to generate one, shown once after the account is added."
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add user'}
          </button>
        </div>
      </form>
    </section>
  );
}
