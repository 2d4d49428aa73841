// The rule fields every voucher form shares (docs/design/loyalty.md § Vouchers): what it is worth,
// its currency, a minimum order and an expiry date. The form owns the state; `rulesBody` turns it
// into the request's rule fields.
import { Field, SelectField } from '../../ui/Field';
import { VALUE_TYPES, voucherValue, type VoucherValueType } from './vouchers';

export interface RulesDraft {
  type: VoucherValueType;
  amount: string;
  percent: string;
  product: string;
  currency: string;
  min_order: string;
  expires_on: string;
}

export const EMPTY_RULES: RulesDraft = { type: 'amount_off', amount: '', percent: '10', product: '', currency: 'EUR', min_order: '', expires_on: '' };

export function rulesBody(d: RulesDraft): Record<string, unknown> {
  const body: Record<string, unknown> = { value: voucherValue(d.type, d.amount, d.percent, d.product) };
  if (d.currency.trim()) body.currency = d.currency.trim().toUpperCase();
  if (d.min_order.trim()) body.min_order = d.min_order.trim();
  // A date means the end of that day, UTC.
  if (d.expires_on) body.expires_at = `${d.expires_on}T23:59:59Z`;
  return body;
}

interface Props {
  draft: RulesDraft;
  setDraft: (d: RulesDraft) => void;
  fields: Record<string, string>;
  /** False where the expiry comes from elsewhere (a reward's validity in days). */
  withExpiry?: boolean;
}

export function VoucherRulesFields({ draft, setDraft, fields, withExpiry = true }: Props) {
  const set = (key: keyof RulesDraft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });
  return (
    <>
      <SelectField label="Worth" value={draft.type} onChange={set('type')} options={VALUE_TYPES} error={fields.type} />
      {draft.type === 'amount_off' && <Field label="Amount off" value={draft.amount} onChange={set('amount')} error={fields.amount} placeholder="5.00" required />}
      {draft.type === 'percent_off' && <Field label="Percent off" type="number" min={1} max={100} step={1} value={draft.percent} onChange={set('percent')} error={fields.percent} required />}
      {draft.type === 'free_product' && <Field label="Free product (its id)" value={draft.product} onChange={set('product')} error={fields.product} required />}
      <Field label="Currency" value={draft.currency} onChange={set('currency')} error={fields.currency} maxLength={3} hint="Needed for an amount off or a minimum order." />
      <Field label="Minimum order (optional)" value={draft.min_order} onChange={set('min_order')} error={fields.min_order} placeholder="50.00" />
      {withExpiry && <Field label="Valid until (optional)" type="date" value={draft.expires_on} onChange={set('expires_on')} error={fields.expires_at} />}
    </>
  );
}
