// Vouchers' shapes as the server serves them (Voucher, VoucherBatch in
// src/http/handlers/voucher_handlers.cpp; docs/design/loyalty.md § Vouchers) and the pure helpers
// the screens share. Written here until `make web-types` regenerates schema.d.ts.

export type VoucherValueType = 'amount_off' | 'percent_off' | 'free_product' | 'free_shipping';

export interface VoucherValue {
  type: VoucherValueType;
  amount?: string;
  percent?: number;
  product_id?: string;
}

export interface VoucherRules {
  value: VoucherValue;
  currency?: string | null;
  min_order?: string | null;
  expires_at?: string | null;
  per_customer_limit?: number | null;
  combinable?: boolean;
  return_on_cancel?: boolean;
}

export interface Voucher {
  id: string;
  batch_id: string;
  kind: string;
  code: string;
  customer_id: string | null;
  max_uses: number;
  uses: number;
  state: 'available' | 'used_up' | 'expired';
  description: string;
  rules: VoucherRules;
  created_at: string;
}

export interface VoucherBatch extends VoucherRules {
  id: string;
  kind: 'bulk' | 'shared' | 'issued' | 'reward';
  name: string;
  description: string;
  code_count: number;
  uses: number;
  max_uses: number;
  code: string | null;
  created_at: string;
  created_by: string;
}

export const VALUE_TYPES: { value: VoucherValueType; label: string }[] = [
  { value: 'amount_off', label: 'An amount off' },
  { value: 'percent_off', label: 'A percentage off' },
  { value: 'free_product', label: 'A free product' },
  { value: 'free_shipping', label: 'Free shipping' },
];

export const VOUCHER_STATES: Record<Voucher['state'], string> = {
  available: 'Available',
  used_up: 'Used',
  expired: 'Expired',
};

/** The value part of a request body from the form's fields; only the field its type needs. */
export function voucherValue(type: VoucherValueType, amount: string, percent: string, product: string): VoucherValue {
  if (type === 'amount_off') return { type, amount: amount.trim() };
  if (type === 'percent_off') return { type, percent: Number(percent) };
  if (type === 'free_product') return { type, product_id: product.trim() };
  return { type };
}

/** The server's paths ("value.amount") to the form's field names. */
export function voucherFieldOf(path: string): string | null {
  const map: Record<string, string> = {
    'value.amount': 'amount',
    'value.percent': 'percent',
    'value.product_id': 'product',
    'value.type': 'type',
  };
  if (map[path]) return map[path];
  return ['currency', 'min_order', 'expires_at', 'name', 'count', 'code', 'max_uses', 'note', 'per_customer_limit'].includes(path) ? path : null;
}

export interface Reward extends VoucherRules {
  id: string;
  programme: string;
  name: string;
  points: number;
  description: string;
  stock: number | null;
  per_customer_limit: number | null;
  valid_days: number | null;
  active: boolean;
  redeemed: number;
  version: number;
  /** Only members at this tier or above may buy it; null: every member. */
  min_tier: string | null;
  /** With ?customer_id=: whether that customer may buy it now, and why not. */
  available?: boolean;
  unavailable_reason?: string | null;
}

export interface RewardRedemption {
  reward: Reward;
  voucher: Voucher;
  balance: { available: number; pending: number; debt: number };
}
