// The sign-in screen: clear answers for a wrong password, throttling and an expired session.
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { Field } from '../../ui/Field';

interface Props {
  expired: boolean;
  onSignedIn: (me: Me) => void;
}

export function SignIn({ expired, onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/auth/login', { body: { email, password }, quiet401: true });
      const me = await api<Me>('GET', '/auth/me', { quiet401: true });
      onSignedIn(me);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setError('The email or password is wrong, or the account is disabled.');
      } else if (err instanceof ApiError && err.status === 429) {
        setError(`Too many failed attempts. Wait ${err.retryAfter ?? 'a few'} seconds and try again.`);
      } else {
        setError(err instanceof ApiError ? err.message : 'Signing in failed.');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Rapport</h1>
        {expired && !error && (
          <p className="notice" role="status">
            Your session ended. Sign in again to continue.
          </p>
        )}
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <Field label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
