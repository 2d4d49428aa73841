// Stamp cards as the API serves them (docs/design/loyalty.md § Stamp cards) and the pure helpers
// the screens use: the slots of the open card and a line that says where the customer stands.

export interface StampCard {
  id: string;
  name: string;
  stamps_required: number;
  per: 'order' | 'item';
  products: string[];
  categories: string[];
  reward_product_id: string;
  valid_days: number | null;
  active: boolean;
  version?: number;
}

export interface StampFill {
  fill: number;
  voucher_id: string;
  code: string;
  filled_at: string;
  revoked_at: string | null;
  used: boolean;
}

export interface CustomerStampCard {
  card: StampCard;
  stamps: number;
  required: number;
  debt: number;
  filled: number;
  orders: number;
  fills: StampFill[];
}

/** One entry per slot of the open card: true where a stamp is. */
export function stampSlots(stamps: number, required: number): boolean[] {
  const n = Math.max(0, Math.min(required, 100));
  return Array.from({ length: n }, (_, i) => i < stamps);
}

/** "3 of 10 stamps", "owes 1 stamp" (a refund after the free item was used), plus cards filled. */
export function stampSummary(c: Pick<CustomerStampCard, 'stamps' | 'required' | 'debt' | 'filled'>): string {
  const open = c.debt > 0 ? `owes ${c.debt} stamp${c.debt === 1 ? '' : 's'}` : `${c.stamps} of ${c.required} stamps`;
  return c.filled > 0 ? `${open}; ${c.filled} card${c.filled === 1 ? '' : 's'} filled` : open;
}

/** What a fill's voucher is now. */
export function fillState(f: Pick<StampFill, 'revoked_at' | 'used'>): string {
  if (f.revoked_at) return 'withdrawn (refund)';
  return f.used ? 'used' : 'available';
}

/** "one stamp per order" / "one stamp per item", and what qualifies. */
export function cardRule(card: Pick<StampCard, 'per' | 'products' | 'categories'>): string {
  const what = [...card.categories.map((c) => `category ${c}`), ...card.products.map((p) => `product ${p}`)];
  const per = card.per === 'order' ? 'one stamp per order' : 'one stamp per item';
  return `${per} (${what.length === 0 ? 'any purchase' : what.join(', ')})`;
}
