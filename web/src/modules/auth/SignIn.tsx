// The sign-in screen: clear answers for a wrong password, throttling and an expired session.
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { useSubmit } from '../../ui/useSubmit';

interface Props {
  expired: boolean;
  onSignedIn: (me: Me) => void;
}

function signInFailure(err: unknown): string {
  if (err instanceof ApiError && err.status === 401) return 'The email or password is wrong, or the account is disabled.';
  if (err instanceof ApiError && err.status === 429) return `Too many failed attempts. Wait ${err.retryAfter ?? 'a few'} seconds and try again.`;
  return err instanceof ApiError ? err.message : 'Signing in failed.';
}

export function SignIn({ expired, onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await api('POST', '/auth/login', { body: { email, password }, quiet401: true });
    const me = await api<Me>('GET', '/auth/me', { quiet401: true });
    onSignedIn(me);
  }, signInFailure);

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Rapport</h1>
        {expired && !error && (
          <p className="notice" role="status">
            Your session ended. Sign in again to continue.
          </p>
        )}
        <FormError message={error} />
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
