// The customer page's cards: contact points (primary marked, phones formatted for reading and
// dialled in E.164), profile, value (money in its currency) and custom fields.
import type { CustomField, Overview } from '../../api/types';
import { useSession } from '../../app/session';
import { staffName, useStaff } from '../../app/staff';
import { formatDate, formatDateTime, formatMoney, formatPhone, humanize } from '../../ui/format';
import { formatAddress } from '../../ui/address';

interface Props {
  overview: Overview;
  customFields: CustomField[];
}

export function CustomerProfile({ overview, customFields }: Props) {
  const { me } = useSession();
  const staff = useStaff();
  const { customer } = overview;
  return (
  <div className="profile-grid">
    <section className="card" aria-labelledby="contact-title">
      <h2 id="contact-title">Contact</h2>
      <dl>
        {customer.emails.map((e) => (
          <div key={e.address}>
            <dt>Email{e.label ? ` (${e.label})` : ''}</dt>
            <dd>
              <a href={`mailto:${e.address}`}>{e.address}</a> {e.primary && <span className="badge">Primary</span>}
            </dd>
          </div>
        ))}
        {customer.phones.map((p) => (
          <div key={p.number}>
            <dt>Phone{p.label ? ` (${p.label})` : ''}</dt>
            <dd>
              <a href={`tel:${p.number}`}>{formatPhone(p)}</a> {p.primary && <span className="badge">Primary</span>}
            </dd>
          </div>
        ))}
        {customer.emails.length === 0 && customer.phones.length === 0 && (
          <div>
            <dt>Contact</dt>
            <dd>No email or phone yet.</dd>
          </div>
        )}
        {(customer.addresses ?? []).map((a, i) => (
          <div key={i}>
            <dt>Address{a.label ? ` (${a.label})` : ''}</dt>
            <dd>{formatAddress(a)}</dd>
          </div>
        ))}
      </dl>
    </section>
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <dl>
        {'birthday' in customer && (
          <div>
            <dt>Birthday</dt>
            <dd>{formatDate(customer.birthday)}</dd>
          </div>
        )}
        <div>
          <dt>Owner</dt>
          <dd>{staffName(staff, customer.owner_id, me.user?.id)}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{customer.language ?? '—'}</dd>
        </div>
        <div>
          <dt>Preferred channel</dt>
          <dd>{customer.preferred_channel ? humanize(customer.preferred_channel) : '—'}</dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>{customer.tags.length ? customer.tags.map((t) => <span key={t} className="tag">{t}</span>) : '—'}</dd>
        </div>
        <div>
          <dt>Customer since</dt>
          <dd>{formatDate(customer.created_at)}</dd>
        </div>
        {overview.last_contact_at !== null && (
          <div>
            <dt>Last contact</dt>
            <dd>{formatDateTime(overview.last_contact_at)}</dd>
          </div>
        )}
      </dl>
    </section>
    {overview.value && (
      <section className="card" aria-labelledby="value-title">
        <h2 id="value-title">Value</h2>
        <dl>
          <div>
            <dt>Lifetime value</dt>
            <dd>{formatMoney(overview.value.lifetime_value, overview.value.currency)}</dd>
          </div>
          <div>
            <dt>Orders</dt>
            <dd>{overview.value.order_count}</dd>
          </div>
          <div>
            <dt>Average order</dt>
            <dd>{formatMoney(overview.value.average_order_value, overview.value.currency)}</dd>
          </div>
          <div>
            <dt>Last purchase</dt>
            <dd>
              {overview.value.last_purchase_at
                ? `${formatDate(overview.value.last_purchase_at)} (${overview.value.days_since_last_purchase} days ago)`
                : '—'}
            </dd>
          </div>
          <div>
            <dt>Favourite category</dt>
            <dd>{overview.value.favourite_category ?? '—'}</dd>
          </div>
        </dl>
      </section>
    )}
    {customFields.length > 0 && (
      <section className="card" aria-labelledby="custom-title">
        <h2 id="custom-title">More</h2>
        <dl>
          {customFields.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{customer.custom_fields[f.key] === undefined ? '—' : String(customer.custom_fields[f.key])}</dd>
            </div>
          ))}
        </dl>
      </section>
    )}
  </div>
  );
}
