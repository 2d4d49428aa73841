// Adding a staff account; without a password the server makes one, shown here once.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type FieldErrors } from '../../api/client';
import { CheckboxGroup, Field } from '../../ui/Field';
import { checkEmail } from '../../ui/validation';
import { FormCard } from '../../ui/FormCard';
import { byRoot, placeErrors } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';
import type { NewUser } from './types';

export function NewUserForm({ roleOptions, onCreated }: { roleOptions: { value: string; label: string }[]; onCreated: (user: NewUser) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const { errors, formError, busy, check, send } = useFormSubmit();

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
    if (!check(problems)) return;
    await send(
      async () => {
        const user = await api<NewUser>('POST', '/users', {
          body: { email: email.trim(), name: name.trim(), roles, ...(password ? { password } : {}) },
        });
        setEmail('');
        setName('');
        setRoles([]);
        setPassword('');
        onCreated(user);
      },
      (err) => {
        const placed = placeErrors(err, byRoot(['email', 'name', 'roles', 'password']));
        if (err instanceof ApiError && err.status === 409 && !placed.fields.email && Object.keys(placed.fields).length === 0) {
          placed.fields.email = err.message;
          placed.rest = 'Some fields need attention.';
        }
        return placed;
      },
    );
  };

  return (
    <FormCard titleId="new-user-title" title="Add a user" onSubmit={submit} formError={formError} busy={busy} label="Add user" busyLabel="Adding…">
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
    </FormCard>
  );
}
