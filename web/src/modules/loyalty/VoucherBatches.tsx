// Settings → Loyalty → Vouchers (docs/design/loyalty.md § Vouchers): the batches with their uses,
// generating single-use codes in bulk or one shared code with a usage limit, and downloading a
// batch's codes as CSV. Generating needs loyalty_programmes create, the download edit (the codes
// are spendable); the server checks both again.
import { useState, type FormEvent } from 'react';
import { api, apiText } from '../../api/client';
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { DataTable } from '../../ui/DataTable';
import { Field, SelectField } from '../../ui/Field';
import { FormError } from '../../ui/Notices';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { errorText, placeErrors } from '../../ui/errors';
import { Disclosure } from './Disclosure';
import { EMPTY_RULES, VoucherRulesFields, rulesBody, type RulesDraft } from './VoucherRulesFields';
import { voucherFieldOf, type VoucherBatch } from './vouchers';

async function downloadCodes(batch: VoucherBatch) {
  const csv = await apiText(`/loyalty/voucher-batches/${batch.id}/codes`);
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `vouchers-${batch.id}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

export function VoucherBatches() {
  const { me } = useSession();
  const batches = useApi<{ data: VoucherBatch[] }>('/loyalty/voucher-batches');
  const [problem, setProblem] = useState<string | null>(null);
  const exportable = can(me, 'loyalty_programmes', 'edit');
  return (
    <section className="card" aria-labelledby="voucher-batches-title">
      <h2 id="voucher-batches-title">Vouchers</h2>
      <p>Codes a customer types at checkout. Generated codes are single-use and unguessable (like K7QM-X4RT-9HWC); a shared code has a usage limit.</p>
      {can(me, 'loyalty_programmes', 'create') && <BatchForm onCreated={batches.reload} />}
      <FormError message={problem} />
      {batches.error !== undefined && !batches.data ? (
        <ErrorNote error={batches.error} onRetry={batches.reload} />
      ) : !batches.data ? (
        <Loading what="voucher batches" />
      ) : batches.data.data.length === 0 ? (
        <Empty>No vouchers yet.</Empty>
      ) : (
        <DataTable columns={['Name', 'Worth', 'Codes', 'Used', 'Export']} wrapClassName="table-scroll">
          {batches.data.data.map((b) => (
            <tr key={b.id}>
              <th scope="row">{b.name}</th>
              <td>{b.description}</td>
              <td>{b.kind === 'shared' ? <code>{b.code}</code> : b.code_count}</td>
              <td>
                {b.uses} of {b.max_uses}
              </td>
              <td>
                {exportable && b.kind === 'bulk' && (
                  <button type="button" onClick={() => void downloadCodes(b).catch((err) => setProblem(errorText(err)))}>
                    Download codes (CSV)
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

function BatchForm({ onCreated }: { onCreated: () => void }) {
  const [kind, setKind] = useState<'bulk' | 'shared'>('bulk');
  const [name, setName] = useState('');
  const [count, setCount] = useState('100');
  const [code, setCode] = useState('');
  const [maxUses, setMaxUses] = useState('100');
  const [draft, setDraft] = useState<RulesDraft>(EMPTY_RULES);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    setError(null);
    setDone(null);
    const body: Record<string, unknown> = { ...rulesBody(draft), name, kind };
    if (kind === 'bulk') body.count = Number(count);
    else Object.assign(body, { code, max_uses: Number(maxUses) });
    try {
      const batch = await api<VoucherBatch>('POST', '/loyalty/voucher-batches', { body });
      setDone(kind === 'bulk' ? `Generated ${batch.code_count} codes.` : `Created ${batch.code}.`);
      onCreated();
    } catch (err) {
      const placed = placeErrors(err, voucherFieldOf);
      setFields(placed.fields);
      setError(placed.rest);
    }
  };
  return (
    <Disclosure summary="New vouchers">
      <form onSubmit={(e) => void submit(e)} aria-label="New vouchers">
        <FormError message={error} />
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fields.name} required maxLength={200} />
        <SelectField
          label="Codes"
          value={kind}
          onChange={(e) => setKind(e.target.value as 'bulk' | 'shared')}
          options={[
            { value: 'bulk', label: 'Generate single-use codes' },
            { value: 'shared', label: 'One shared code with a usage limit' },
          ]}
        />
        {kind === 'bulk' ? (
          <Field label="How many (up to 10,000)" type="number" min={1} max={10000} step={1} value={count} onChange={(e) => setCount(e.target.value)} error={fields.count} />
        ) : (
          <>
            <Field label="Code" value={code} onChange={(e) => setCode(e.target.value)} error={fields.code} placeholder="SUMMER10" maxLength={40} />
            <Field label="Uses in all" type="number" min={1} step={1} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} error={fields.max_uses} />
          </>
        )}
        <VoucherRulesFields draft={draft} setDraft={setDraft} fields={fields} />
        <div className="actions">
          <button type="submit" className="primary">
            Create
          </button>
        </div>
      </form>
    </Disclosure>
  );
}
