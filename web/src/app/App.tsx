// The app shell: sign-in gate, navigation, global search, the signed-in user, and the screens.
import { useCallback, useEffect, useState } from 'react';
import { api, onUnauthenticated, setCsrfToken } from '../api/client';
import { liveStream } from '../api/stream';
import type { Me } from '../api/types';
import { useLiveStatus } from '../api/useLive';
import { SignIn } from '../modules/auth/SignIn';
import { CompanyList } from '../modules/companies/CompanyList';
import { CompanyPage } from '../modules/companies/CompanyPage';
import { CustomerForm } from '../modules/customers/CustomerForm';
import { CustomerList } from '../modules/customers/CustomerList';
import { CustomerPage } from '../modules/customers/CustomerPage';
import { Settings } from '../modules/settings/Settings';
import { HelpCenter } from '../modules/helpcenter/HelpCenter';
import { SurveyPage } from '../modules/feedback/SurveyPage';
import { Surveys } from '../modules/feedback/Surveys';
import { Reviews } from '../modules/feedback/Reviews';
import { Inbox } from '../modules/support/Inbox';
import { ChatInbox } from '../modules/chat/ChatInbox';
import { NewTicket } from '../modules/support/NewTicket';
import { Reports } from '../modules/support/Reports';
import { TicketPage } from '../modules/support/TicketPage';
import { Home } from '../modules/home/Home';
import { MyTasks } from '../modules/tasks/MyTasks';
import { ReminderNotices } from '../modules/tasks/ReminderNotices';
import { mayTransfer } from '../modules/transfer/objects';
import { TransferPage } from '../modules/transfer/TransferPage';
import { Loading } from '../ui/States';
import { GlobalSearch } from './GlobalSearch';
import { HealthPage } from '../modules/health/HealthPage';
import { Link, match, navigate, usePath } from './router';
import { SessionContext, can } from './session';

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [expired, setExpired] = useState(false);

  const signedIn = useCallback((next: Me) => {
    setCsrfToken(next.csrf_token ?? null);
    setMe(next);
    setExpired(false);
  }, []);

  useEffect(() => {
    api<Me>('GET', '/auth/me', { quiet401: true })
      .then(signedIn)
      .catch(() => undefined)
      .finally(() => setChecked(true));
    return onUnauthenticated(() => {
      setMe((current) => {
        if (current) setExpired(true);
        return null;
      });
    });
  }, [signedIn]);

  const signOut = useCallback(async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setMe(null);
    navigate('/', { replace: true });
  }, []);

  if (!checked) return <Loading what="Rapport" />;
  if (!me) return <SignIn expired={expired} onSignedIn={signedIn} />;
  return (
    <SessionContext.Provider value={{ me, signOut }}>
      <Shell me={me} signOut={signOut} />
    </SessionContext.Provider>
  );
}

function Shell({ me, signOut }: { me: Me; signOut: () => Promise<void> }) {
  const path = usePath();
  // Open on the page it was opened on: following a link closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === path;
  const section = path.split('/')[1] || 'home';
  // One live connection for the signed-in app; screens subscribe to it (api/useLive.ts).
  useEffect(() => {
    const stream = liveStream();
    stream.start();
    return () => stream.stop();
  }, []);
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          Rapport
        </Link>
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpenOn(menuOpen ? null : path)}>
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" className={menuOpen ? 'open' : undefined}>
          <Link to="/" aria-current={section === 'home' ? 'page' : undefined}>
            Home
          </Link>
          {can(me, 'tasks', 'read') && (
            <Link to="/tasks" aria-current={section === 'tasks' ? 'page' : undefined}>
              Tasks
            </Link>
          )}
          {can(me, 'customers', 'read') && (
            <Link to="/customers" aria-current={section === 'customers' ? 'page' : undefined}>
              Customers
            </Link>
          )}
          {can(me, 'companies', 'read') && (
            <Link to="/companies" aria-current={section === 'companies' ? 'page' : undefined}>
              Companies
            </Link>
          )}
          {can(me, 'customers', 'read') && (
            <Link to="/health" aria-current={section === 'health' ? 'page' : undefined}>
              Health
            </Link>
          )}
          {can(me, 'tickets', 'read') && (
            <Link to="/support" aria-current={section === 'support' ? 'page' : undefined}>
              Support
            </Link>
          )}
          {can(me, 'knowledge_base', 'read') && (
            <Link to="/kb" aria-current={section === 'kb' ? 'page' : undefined}>
              Help center
            </Link>
          )}
          {can(me, 'tickets', 'read') && (
            <Link to="/chats" aria-current={section === 'chats' ? 'page' : undefined}>
              Chats
            </Link>
          )}
          {can(me, 'surveys', 'read') && (
            <Link to="/surveys" aria-current={section === 'surveys' ? 'page' : undefined}>
              Surveys
            </Link>
          )}
          {can(me, 'reviews', 'read') && (
            <Link to="/reviews" aria-current={section === 'reviews' ? 'page' : undefined}>
              Reviews
            </Link>
          )}
          {mayTransfer(me) && (
            <Link to="/transfer" aria-current={section === 'transfer' ? 'page' : undefined}>
              Import &amp; export
            </Link>
          )}
          <Link to="/settings" aria-current={section === 'settings' ? 'page' : undefined}>
            Settings
          </Link>
        </nav>
        <GlobalSearch />
        <div className="user-menu">
          <LiveIndicator />
          <span className="user-name" title={me.user?.email}>
            {me.user?.name ?? me.actor}
          </span>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ReminderNotices />
        <Screen path={path} />
      </main>
    </div>
  );
}

function Screen({ path }: { path: string }) {
  let params: Record<string, string> | null;
  if (path === '/') return <Home />;
  if (path === '/tasks') return <MyTasks />;
  if (path === '/customers') return <CustomerList />;
  if (path === '/customers/new') return <CustomerForm />;
  if ((params = match('/customers/:id', path))) return <CustomerPage key={params.id} id={params.id} />;
  if (path === '/companies') return <CompanyList />;
  if (path === '/companies/new') return <CompanyList creating />;
  if ((params = match('/companies/:id', path))) return <CompanyPage key={params.id} id={params.id} />;
  if (path === '/health') return <HealthPage />;
  if (path === '/support') return <Inbox />;
  if (path === '/chats') return <ChatInbox />;
  if (path === '/support/reports') return <Reports />;
  if (path === '/support/new') return <NewTicket />;
  if ((params = match('/support/tickets/:id', path))) return <TicketPage key={params.id} id={params.id} />;
  if (path === '/kb' || path.startsWith('/kb/')) return <HelpCenter path={path} />;
  if (path === '/surveys') return <Surveys />;
  if ((params = match('/surveys/:id', path))) return <SurveyPage key={params.id} id={params.id} />;
  if (path === '/reviews') return <Reviews />;
  if (path === '/transfer') return <TransferPage />;
  if (path === '/settings' || path.startsWith('/settings/')) return <Settings tab={path.split('/')[2] ?? 'profile'} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        There is no page at {path}. <Link to="/customers">Go to customers</Link>.
      </p>
    </section>
  );
}

/** Whether live updates are flowing: a dot with words, announced politely when it changes. */
function LiveIndicator() {
  const status = useLiveStatus();
  const label = status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Offline: reconnecting';
  return (
    <span className={`live-indicator live-${status}`} role="status" title="Live updates">
      {label}
    </span>
  );
}
