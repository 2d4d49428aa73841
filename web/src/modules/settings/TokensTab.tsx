// API tokens: mine (administrators see everyone's), create one — the secret is shown once —
// and revoke.
import { useState, type FormEvent } from 'react';
import { api, type FieldErrors } from '../../api/client';
import { useSession } from '../../app/session';
import { Field } from '../../ui/Field';
import { formatDateTime } from '../../ui/format';
import { DataTable } from '../../ui/DataTable';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { ConfirmButton } from '../../ui/Buttons';
import { FormCard } from '../../ui/FormCard';
import { SecretField } from '../../ui/SecretField';
import { placeErrors } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';
import type { ListOf, NewToken, Token } from './types';

const SCOPE = /^[a-z_*]+:[a-z_*]+$/;

function parseScopes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}

function tokenStatus(t: Token): string {
  if (t.revoked_at) return `Revoked ${formatDateTime(t.revoked_at)}`;
  if (t.expires_at && new Date(t.expires_at).getTime() <= Date.now()) return `Expired ${formatDateTime(t.expires_at)}`;
  return 'Active';
}

function isLive(t: Token): boolean {
  return !t.revoked_at && !(t.expires_at && new Date(t.expires_at).getTime() <= Date.now());
}

export function TokensTab() {
  const { me } = useSession();
  const tokens = useApi<ListOf<Token>>('/tokens');
  const [created, setCreated] = useState<NewToken | null>(null);

  const revoke = async (id: string) => {
    await api('DELETE', `/tokens/${encodeURIComponent(id)}`);
    const now = new Date().toISOString();
    tokens.setData((current) =>
      current ? { data: current.data.map((t) => (t.id === id ? { ...t, revoked_at: t.revoked_at ?? now } : t)) } : current,
    );
    tokens.reload();
  };

  const list = tokens.data?.data ?? [];
  const showOwner = me.access.admin;

  return (
    <>
      <section className="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        <p>
          Tokens let scripts and other systems use the Rapport API as you, with your roles. Scopes narrow what a token may do.
          {me.access.admin && ' As an administrator you see everyone’s tokens.'}
        </p>
        {created && (
          <SecretField
            label={`Token “${created.name}”`}
            value={created.token}
            warning="Copy this token now and keep it somewhere safe. Rapport stores only a fingerprint of it, so it cannot be shown again. If you lose it, revoke it and create a new one."
            onDone={() => setCreated(null)}
          />
        )}
        {tokens.loading && !tokens.data && <Loading what="tokens" />}
        {tokens.error !== undefined && <ErrorNote error={tokens.error} onRetry={tokens.reload} />}
        {tokens.data && list.length === 0 && <Empty>No tokens yet.</Empty>}
        {list.length > 0 && (
          <DataTable columns={['Name', 'Prefix', ...(showOwner ? ['Owner'] : []), 'Scopes', 'Created', 'Last used', 'Expires', 'Status']} actions labelledBy="tokens-title">
            {list.map((t) => (
              <tr key={t.id}>
                <td>{t.name || '—'}</td>
                <td>
                  <code>{t.prefix}</code>
                </td>
                {showOwner && <td>{t.user_id ? (t.user_id === me.user?.id ? 'You' : t.user_id) : '—'}</td>}
                <td>{t.scopes && t.scopes.length ? t.scopes.join(', ') : 'Full access'}</td>
                <td>{formatDateTime(t.created_at)}</td>
                <td>{t.last_used_at ? formatDateTime(t.last_used_at) : 'Never'}</td>
                <td>{t.expires_at ? formatDateTime(t.expires_at) : 'Never'}</td>
                <td>{tokenStatus(t)}</td>
                <td>
                  {isLive(t) && (
                    <ConfirmButton
                      label={`Revoke token ${t.name || t.prefix}`}
                      question={`Revoke “${t.name || t.prefix}”? Anything using it stops working at once.`}
                      confirmLabel="Revoke token"
                      busyLabel="Revoking…"
                      onConfirm={() => revoke(t.id)}
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <NewTokenForm
        onCreated={(token) => {
          setCreated(token);
          const { token: _secret, ...rest } = token;
          tokens.setData((current) => (current ? { data: [rest, ...current.data.filter((t) => t.id !== rest.id)] } : current));
        }}
      />
    </>
  );
}

function NewTokenForm({ onCreated }: { onCreated: (token: NewToken) => void }) {
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [scopes, setScopes] = useState('');
  const { errors, formError, busy, check, send } = useFormSubmit();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems: FieldErrors = {};
    if (!name.trim()) problems.name = 'is required: name the script or system that will use it';
    let expiresAt: string | undefined;
    if (expires) {
      const end = new Date(`${expires}T23:59:59`);
      if (Number.isNaN(end.getTime())) problems.expires_at = 'must be a date';
      else if (end.getTime() <= Date.now()) problems.expires_at = 'must be in the future';
      else expiresAt = end.toISOString();
    }
    const scopeList = parseScopes(scopes);
    const bad = scopeList.filter((s) => !SCOPE.test(s));
    if (bad.length) problems.scopes = `${bad.join(', ')}: each scope is object:action, such as customers:read or interactions:*`;
    if (!check(problems)) return;

    await send(
      async () => {
        const token = await api<NewToken>('POST', '/tokens', {
          body: { name: name.trim(), ...(expiresAt ? { expires_at: expiresAt } : {}), ...(scopeList.length ? { scopes: scopeList } : {}) },
        });
        setName('');
        setExpires('');
        setScopes('');
        onCreated(token);
      },
      (err) => placeErrors(err, (path) => (path === 'name' || path === 'expires_at' ? path : path.startsWith('scopes') ? 'scopes' : null)),
    );
  };

  return (
    <FormCard titleId="new-token-title" title="Create a token" onSubmit={submit} formError={formError} busy={busy} label="Create token" busyLabel="Creating…">
      <div className="form-grid">
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required maxLength={200} hint="What will use it, e.g. “Nightly export”" />
        <Field
          label="Expires on (optional)"
          type="date"
          value={expires}
          onChange={(e) => setExpires(e.target.value)}
          error={errors.expires_at}
          min={new Date().toISOString().slice(0, 10)}
          hint="At the end of that day. Leave empty for a token that does not expire."
        />
        <Field
          label="Scopes (optional)"
          value={scopes}
          onChange={(e) => setScopes(e.target.value)}
          error={errors.scopes}
          spellCheck={false}
          autoComplete="off"
          hint="Comma-separated, e.g. customers:read, interactions:*. Leave empty for all of your access."
        />
      </div>
    </FormCard>
  );
}
