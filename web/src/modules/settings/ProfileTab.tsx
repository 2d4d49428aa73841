// My profile (from the session) and my signed-in sessions: end one, or all of them.
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { formatDateTime, humanize } from '../../ui/format';
import { DataTable } from '../../ui/DataTable';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { useApi } from '../../api/useResource';
import { AsyncButton, ConfirmButton } from '../../ui/Buttons';
import type { ListOf, SignInSession, Team } from './types';

export function ProfileTab() {
  const { me } = useSession();
  const user = me.user;
  const teams = useApi<ListOf<Team>>('/teams');

  const teamNames = (ids: string[]) => {
    if (ids.length === 0) return 'None';
    if (!teams.data) return ids.join(', ');
    return ids.map((id) => teams.data!.data.find((t) => t.id === id)?.name ?? id).join(', ');
  };

  return (
    <>
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        {user ? (
          <>
            <dl className="details">
              <dt>Name</dt>
              <dd>{user.name}</dd>
              <dt>Email</dt>
              <dd>{user.email}</dd>
              <dt>Roles</dt>
              <dd>{user.roles.length ? user.roles.map(humanize).join(', ') : 'None'}</dd>
              <dt>Teams</dt>
              <dd>
                {teamNames(user.teams)}
                {teams.loading && user.teams.length > 0 && <span className="field-hint"> (loading team names…)</span>}
              </dd>
              <dt>Administrator</dt>
              <dd>{me.access.admin ? 'Yes' : 'No'}</dd>
              <dt>Last sign-in</dt>
              <dd>{formatDateTime(user.last_sign_in_at)}</dd>
            </dl>
            {teams.error !== undefined && user.teams.length > 0 && (
              <p className="notice notice-error" role="alert">
                Team names could not be loaded, so team ids are shown.{' '}
                <button type="button" onClick={teams.reload}>
                  Try again
                </button>
              </p>
            )}
            <p className="field-hint">Ask an administrator to change your name, roles or teams.</p>
          </>
        ) : (
          <p>
            Signed in as <code>{me.actor}</code>.
          </p>
        )}
      </section>
      <Sessions />
    </>
  );
}

function describeAgent(agent: string | null): string {
  if (!agent) return 'Unknown device';
  const browser = /(Edg|OPR|Firefox|Chrome|Safari)\/[\d.]+/.exec(agent)?.[1];
  const os = /(Windows|Mac OS X|Android|iPhone|iPad|Linux)/.exec(agent)?.[1];
  const names: Record<string, string> = { Edg: 'Edge', OPR: 'Opera', 'Mac OS X': 'macOS' };
  if (!browser && !os) return agent;
  return [browser && (names[browser] ?? browser), os && (names[os] ?? os)].filter(Boolean).join(' on ');
}

function Sessions() {
  const { signOut } = useSession();
  const sessions = useApi<ListOf<SignInSession>>('/auth/sessions');

  const revoke = async (id: string) => {
    await api('DELETE', `/auth/sessions/${encodeURIComponent(id)}`);
    sessions.setData((current) => (current ? { data: current.data.filter((s) => s.id !== id) } : current));
  };

  const everywhere = async () => {
    await api('POST', '/auth/logout-everywhere');
    await signOut();
  };

  const list = sessions.data?.data ?? [];
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">My sessions</h2>
      <p>Where you are signed in. Sign out of a session you do not recognise.</p>
      {sessions.loading && !sessions.data && <Loading what="your sessions" />}
      {sessions.error !== undefined && <ErrorNote error={sessions.error} onRetry={sessions.reload} />}
      {sessions.data && list.length === 0 && <Empty>No active sessions.</Empty>}
      {list.length > 0 && (
        <DataTable columns={['Device', 'Address', 'Signed in', 'Last active', 'Expires']} actions labelledBy="sessions-title">
          {list.map((s) => (
            <tr key={s.id} aria-current={s.current ? 'true' : undefined}>
              <td>
                <span title={s.user_agent ?? undefined}>{describeAgent(s.user_agent)}</span>
                {s.current && <strong className="badge"> (this session)</strong>}
              </td>
              <td>{s.address || '—'}</td>
              <td>{formatDateTime(s.created_at)}</td>
              <td>{formatDateTime(s.last_seen_at)}</td>
              <td>{formatDateTime(s.expires_at)}</td>
              <td>
                {s.current ? (
                  <AsyncButton busyLabel="Signing out…" onClick={signOut} label="Sign out of this session">
                    Sign out
                  </AsyncButton>
                ) : (
                  <AsyncButton
                    busyLabel="Signing out…"
                    onClick={() => revoke(s.id)}
                    label={`Sign out the session on ${describeAgent(s.user_agent)} from ${s.address || 'an unknown address'}, signed in ${formatDateTime(s.created_at)}`}
                  >
                    Sign out
                  </AsyncButton>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="actions">
        <ConfirmButton
          question="Sign out on every device, including this one?"
          confirmLabel="Sign out everywhere"
          busyLabel="Signing out…"
          onConfirm={everywhere}
        >
          Sign out everywhere
        </ConfirmButton>
      </div>
    </section>
  );
}
