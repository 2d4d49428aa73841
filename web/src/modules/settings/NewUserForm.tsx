// Adding a staff account; without a password the server makes one, shown here once.
import { useState, type FormEvent } from 'react';
import { api, ApiError, type FieldErrors } from '../../api/client';
import { CheckboxGroup, Field } from '../../ui/Field';
import { checkEmail } from '../../ui/validation';
import { FormError } from '../../ui/Notices';
import { placeErrors } from '../../ui/errors';
import type { NewUser } from './types';

export function NewUserForm({ roleOptions, onCreated }: { roleOptions: { value: string; label: string }[]; onCreated: (user: NewUser) => void }) {
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
