// Settings: a tab per section, each its own address (/settings/<tab>). Profile and API tokens
// are everyone's; users, teams, roles, custom fields, the chat and the feedback rules' follow-ups
// are for administrators only.
import type { ReactNode } from 'react';
import { Link } from '../../app/router';
import { can, useSession } from '../../app/session';
import type { Me } from '../../api/types';
import { ChatSettingsTab } from '../chat/ChatSettingsTab';
import { FollowUpSettingsTab } from '../health/FollowUpSettingsTab';
import { LoyaltyReportsTab } from '../loyalty/LoyaltyReports';
import { LoyaltySettingsTab } from '../loyalty/LoyaltySettingsTab';
import { CustomFieldsTab } from './CustomFieldsTab';
import { ProfileTab } from './ProfileTab';
import { RolesTab } from './RolesTab';
import { TeamsTab } from './TeamsTab';
import { TokensTab } from './TokensTab';
import { UsersTab } from './UsersTab';

interface TabDef {
  id: string;
  label: string;
  admin: boolean;
  render: () => ReactNode;
  /** Shown only when this says so (beside the admin flag). */
  shown?: (me: Me) => boolean;
}

const TABS: TabDef[] = [
  { id: 'profile', label: 'Profile', admin: false, render: () => <ProfileTab /> },
  { id: 'tokens', label: 'API tokens', admin: false, render: () => <TokensTab /> },
  { id: 'users', label: 'Users', admin: true, render: () => <UsersTab /> },
  { id: 'teams', label: 'Teams', admin: true, render: () => <TeamsTab /> },
  { id: 'roles', label: 'Roles', admin: true, render: () => <RolesTab /> },
  { id: 'custom-fields', label: 'Custom fields', admin: true, render: () => <CustomFieldsTab /> },
  { id: 'chat', label: 'Chat', admin: true, render: () => <ChatSettingsTab /> },
  { id: 'follow-ups', label: 'Follow-ups', admin: true, render: () => <FollowUpSettingsTab /> },
  { id: 'loyalty', label: 'Loyalty', admin: false, render: () => <LoyaltySettingsTab />, shown: (me) => can(me, 'loyalty_programmes', 'read') },
  { id: 'loyalty-reports', label: 'Loyalty reports', admin: false, render: () => <LoyaltyReportsTab />, shown: (me) => can(me, 'loyalty', 'read') },
];

export function Settings({ tab }: { tab: string }) {
  const { me } = useSession();
  const current = tab || 'profile';
  const visible = TABS.filter((t) => (!t.admin || me.access.admin) && (!t.shown || t.shown(me)));
  const active = visible.find((t) => t.id === current);
  const adminOnly = !active && TABS.some((t) => t.id === current && t.admin);

  return (
    <section className="settings" aria-labelledby="settings-title">
      <div className="page-header">
        <h1 id="settings-title">Settings</h1>
      </div>
      <nav className="tabs" aria-label="Settings sections">
        <ul>
          {visible.map((t) => (
            <li key={t.id}>
              <Link to={`/settings/${t.id}`} aria-current={t.id === current ? 'page' : undefined}>
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        {active ? (
          <div key={active.id}>{active.render()}</div>
        ) : (
          <section aria-labelledby="settings-missing-title">
            <h2 id="settings-missing-title">{adminOnly ? 'Administrators only' : 'Not found'}</h2>
            <p className="notice notice-error">
              {adminOnly
                ? 'This section is for administrators. Ask an administrator if you need a change here.'
                : `There is no settings section called “${current}”.`}{' '}
              <Link to="/settings/profile">Go to your profile</Link>.
            </p>
          </section>
        )}
      </div>
    </section>
  );
}
