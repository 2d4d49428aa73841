// Editing a staff account: name, roles, teams, status (If-Match; a stale version says so).
import { useState, type FormEvent } from 'react';
import { api, ApiError, type FieldErrors } from '../../api/client';
import type { User } from '../../api/types';
import { CheckboxGroup, Field, SelectField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { FormError, StaleNotice } from '../../ui/Notices';
import { byRoot, placeErrors } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';

export function EditUser({
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
  const { errors, formError, setFormError, busy, check, send } = useFormSubmit();
  const [stale, setStale] = useState(false);
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
    if (!check(problems)) return;
    const body: Record<string, unknown> = {};
    if (name.trim() !== user.name) body.name = name.trim();
    if (status !== user.status) body.status = status;
    if (!same(roles, user.roles)) body.roles = roles;
    if (!same(teams, user.teams)) body.teams = teams;
    if (Object.keys(body).length === 0) {
      setFormError('Nothing to save: no field was changed.');
      return;
    }
    await send(
      async () => {
        const updated = await api<User>('PATCH', `/users/${encodeURIComponent(user.id)}`, { body, ifMatch: user.version });
        onSaved(updated);
      },
      (err) => {
        if (err instanceof ApiError && err.status === 412) {
          setStale(true);
          return null;
        }
        return placeErrors(err, byRoot(['name', 'status', 'roles', 'teams']));
      },
    );
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
        <FormActions busy={busy} label="Save changes" busyLabel="Saving…" onCancel={onCancel} />
      </form>
    </section>
  );
}
