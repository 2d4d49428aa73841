// Two home sections whose data is still being built, each self-contained with its empty state so
// that filling one touches only its own component:
// - AtRiskCustomers: my customers whose `churn_risk` trait is high (customer health, issue 15);
//   fill with a customers search on the trait, owner = me, sorted by health_score.
// - RecentDetractors: recent survey answers of 0–6 from my customers (surveys, issue 15).
import { Empty } from '../../ui/States';

export function AtRiskCustomers() {
  return (
    <section className="home-card" aria-labelledby="home-at-risk">
      <h2 id="home-at-risk">My customers at risk</h2>
      <Empty>No customers at risk.</Empty>
    </section>
  );
}

export function RecentDetractors() {
  return (
    <section className="home-card" aria-labelledby="home-detractors">
      <h2 id="home-detractors">Recent detractors</h2>
      <Empty>No recent detractors.</Empty>
    </section>
  );
}
