// The home screen (/): what needs the signed-in member of staff now — their tasks overdue and due
// today, their open tickets and those breaching soon — each a short list linking to its record,
// updated live: my customers at risk and recent detractors (customer health), and the upcoming
// birthdays and renewals of my customers.
import { useSession, can } from '../../app/session';
import { Link } from '../../app/router';
import { TaskWindow } from '../tasks/MyTasks';
import { MyTickets } from './MyTickets';
import { AtRiskCustomers, RecentDetractors } from './HealthSections';
import { UpcomingDates } from './UpcomingDates';

/** How many rows each home list shows; the full lists are one link away. */
export const HOME_LIST_LENGTH = 5;

export function Home() {
  const { me } = useSession();
  const name = me.user?.name ?? me.actor;
  return (
    <section className="home" aria-labelledby="home-title">
      <h1 id="home-title">Good to see you, {name}</h1>
      <div className="home-grid">
        {can(me, 'tasks', 'read') && (
          <section className="home-card" aria-labelledby="home-tasks">
            <h2 id="home-tasks">
              My tasks <Link to="/tasks">All tasks</Link>
            </h2>
            <TaskWindow due="overdue" limit={HOME_LIST_LENGTH} headingLevel="h3" />
            <TaskWindow due="today" limit={HOME_LIST_LENGTH} headingLevel="h3" />
          </section>
        )}
        {can(me, 'tickets', 'read') && me.user && <MyTickets userId={me.user.id} limit={HOME_LIST_LENGTH} />}
        <AtRiskCustomers />
        <RecentDetractors />
        {can(me, 'customers', 'read') && me.user && <UpcomingDates limit={HOME_LIST_LENGTH} />}
      </div>
    </section>
  );
}
