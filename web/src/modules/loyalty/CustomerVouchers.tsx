// The customer's vouchers on the Loyalty tab (docs/design/loyalty.md § Vouchers): the codes issued
// to them with their state, and "Issue a voucher" for roles with loyalty create (support, from a
// ticket's customer too). The server checks access again.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { DataTable } from '../../ui/DataTable';
import { Field } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { placeErrors } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { EMPTY_RULES, VoucherRulesFields, rulesBody, type RulesDraft } from './VoucherRulesFields';
import { VOUCHER_STATES, voucherFieldOf, type Voucher } from './vouchers';

export function CustomerVouchers({ customerId }: { customerId: string }) {
  const { me } = useSession();
  const vouchers = useApi<{ data: Voucher[] }>(`/customers/${customerId}/loyalty/vouchers`);
  const [issued, setIssued] = useState<string | null>(null);
  if (!can(me, 'loyalty', 'read')) return null;
  return (
    <section aria-labelledby="vouchers-title">
      <h3 id="vouchers-title">Vouchers</h3>
      {issued && (
        <p className="notice" role="status">
          Issued <strong data-testid="issued-code">{issued}</strong>. Give the customer this code.
        </p>
      )}
      {can(me, 'loyalty', 'create') && <IssueForm customerId={customerId} onIssued={(code) => { setIssued(code); vouchers.reload(); }} />}
      {vouchers.error !== undefined && !vouchers.data ? (
        <ErrorNote error={vouchers.error} onRetry={vouchers.reload} />
      ) : !vouchers.data ? (
        <Loading what="vouchers" />
      ) : vouchers.data.data.length === 0 ? (
        <Empty>No vouchers issued to this customer.</Empty>
      ) : (
        <DataTable columns={['Code', 'Worth', 'State', 'Issued']} wrapClassName="table-scroll">
          {vouchers.data.data.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <code>{v.code}</code>
              </th>
              <td>{v.description}</td>
              <td data-testid={`voucher-state-${v.code}`}>{VOUCHER_STATES[v.state]}</td>
              <td>{formatDateTime(v.created_at)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function IssueForm({ customerId, onIssued }: { customerId: string; onIssued: (code: string) => void }) {
  const [draft, setDraft] = useState<RulesDraft>(EMPTY_RULES);
  const [note, setNote] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setBusy(true);
    try {
      const body = rulesBody(draft);
      if (note.trim()) body.note = note.trim();
      const voucher = await api<Voucher>('POST', `/customers/${customerId}/loyalty/vouchers`, { body });
      setDraft(EMPTY_RULES);
      setNote('');
      onIssued(voucher.code);
    } catch (err) {
      const placed = placeErrors(err, voucherFieldOf);
      setFields(placed.fields);
      setError(placed.rest);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card">
      <summary>Issue a voucher</summary>
      <form onSubmit={(e) => void submit(e)} aria-label="Issue a voucher">
        <FormError message={error} />
        <VoucherRulesFields draft={draft} setDraft={setDraft} fields={fields} />
        <Field label="Why (on the timeline)" value={note} onChange={(e) => setNote(e.target.value)} error={fields.note} maxLength={200} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Issue voucher
          </button>
        </div>
      </form>
    </details>
  );
}
