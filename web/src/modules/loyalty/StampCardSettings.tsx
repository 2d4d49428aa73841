// Settings → Loyalty → Stamp cards (docs/design/loyalty.md § Stamp cards): "buy N, get one free" —
// which products or categories stamp, one stamp per order or per item, and the product a full
// card's voucher gives free. Adding needs loyalty_programmes create, pausing and resuming edit;
// the server validates and checks again.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { DataTable } from '../../ui/DataTable';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { errorText, placeErrors } from '../../ui/errors';
import { Disclosure } from './Disclosure';
import { cardRule, type StampCard } from './stamps';

interface Product {
  id: string;
  name: string;
  sku: string;
  category: string | null;
}

/** A card's id from its name: lower case letters, digits and hyphens, at most 40. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export function StampCardSettings() {
  const { me } = useSession();
  const cards = useApi<{ data: StampCard[] }>('/loyalty/stamp-cards');
  const products = useApi<{ data: Product[] }>('/products?limit=100');
  const [problem, setProblem] = useState<string | null>(null);
  const editable = can(me, 'loyalty_programmes', 'edit');
  const productName = (id: string) => products.data?.data.find((p) => p.id === id)?.name ?? id;
  const toggle = async (card: StampCard) => {
    setProblem(null);
    const { id, version, ...settings } = card;
    try {
      await api<StampCard>('PUT', `/loyalty/stamp-cards/${id}`, { body: { ...settings, active: !card.active }, ifMatch: version });
      cards.reload();
    } catch (err) {
      setProblem(errorText(err));
    }
  };
  return (
    <section className="card" aria-labelledby="stamp-cards-title">
      <h2 id="stamp-cards-title">Stamp cards</h2>
      <p>Buy N, get one free: orders stamp the card, and a full card gives the customer a single-use voucher for a free item. A refund takes its stamps back.</p>
      {can(me, 'loyalty_programmes', 'create') && <StampCardForm products={products.data?.data ?? []} onCreated={cards.reload} />}
      <FormError message={problem} />
      {cards.error !== undefined && !cards.data ? (
        <ErrorNote error={cards.error} onRetry={cards.reload} />
      ) : !cards.data ? (
        <Loading what="stamp cards" />
      ) : cards.data.data.length === 0 ? (
        <Empty>No stamp cards yet.</Empty>
      ) : (
        <DataTable columns={['Card', 'Stamps', 'Rule', 'Free item', 'Stamping']} wrapClassName="table-scroll">
          {cards.data.data.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.name}</th>
              <td>{c.stamps_required}</td>
              <td>{cardRule(c)}</td>
              <td>{productName(c.reward_product_id)}</td>
              <td>
                {c.active ? 'on' : 'paused'}{' '}
                {editable && (
                  <button type="button" onClick={() => void toggle(c)}>
                    {c.active ? 'Pause' : 'Resume'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

const PER = [
  { value: 'order', label: 'One stamp per order' },
  { value: 'item', label: 'One stamp per item' },
];

function StampCardForm({ products, onCreated }: { products: Product[]; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [required, setRequired] = useState('10');
  const [per, setPer] = useState('order');
  const [categories, setCategories] = useState('');
  const [reward, setReward] = useState('');
  const [validDays, setValidDays] = useState('90');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    const body: Record<string, unknown> = {
      name,
      stamps_required: Number(required),
      per,
      categories: categories.split(',').map((c) => c.trim()).filter(Boolean),
      reward_product_id: reward,
    };
    if (validDays.trim()) body.valid_days = Number(validDays);
    try {
      await api<StampCard>('PUT', `/loyalty/stamp-cards/${slugOf(name) || 'card'}`, { body });
      setName('');
      onCreated();
    } catch (err) {
      const placed = placeErrors(err, (path) => (path.startsWith('categories') ? 'categories' : path === 'id' ? 'name' : path));
      setFields(placed.fields);
      setError(placed.rest);
    }
  };
  return (
    <Disclosure summary="New stamp card">
      <form onSubmit={(e) => void submit(e)} aria-label="New stamp card">
        <FormError message={error} />
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} required maxLength={200} />
        <Field label="Stamps to fill a card" type="number" min={2} max={100} step={1} value={required} onChange={(e) => setRequired(e.target.value)} error={fields.stamps_required} required />
        <SelectField label="Stamps" value={per} onChange={(e) => setPer(e.target.value)} options={PER} error={fields.per} />
        <Field label="Categories that stamp (comma-separated; empty: any purchase)" value={categories} onChange={(e) => setCategories(e.target.value)} error={fields.categories} />
        <SelectField
          label="Free item"
          value={reward}
          onChange={(e) => setReward(e.target.value)}
          options={[{ value: '', label: 'Choose a product' }, ...products.map((p) => ({ value: p.id, label: `${p.name} (${p.sku})` }))]}
          error={fields.reward_product_id}
        />
        <Field label="Voucher valid for (days)" type="number" min={1} max={3650} step={1} value={validDays} onChange={(e) => setValidDays(e.target.value)} error={fields.valid_days} />
        <div className="actions">
          <button type="submit" className="primary">
            Add stamp card
          </button>
        </div>
      </form>
    </Disclosure>
  );
}
