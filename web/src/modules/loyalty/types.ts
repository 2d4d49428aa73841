// Loyalty's shapes as the server serves them (LoyaltyMember, LoyaltyMovement, LoyaltyProgramme in
// src/http/handlers/loyalty_handlers.cpp), and the pure helpers its screens share. Written here
// until `make web-types` regenerates schema.d.ts from the server with these schemas; then they
// become aliases of components['schemas'] like api/types.ts.

export interface LoyaltyBalance {
  available: number;
  pending: number;
  /** ≤ 0: points taken back after they were spent. */
  debt: number;
}

export interface LoyaltyProgrammeSummary {
  id: string;
  name: string;
  points_name: string;
}

export interface LoyaltyHistoryEntry {
  seq: number;
  kind: 'earn' | 'release' | 'redeem' | 'reverse' | 'expire' | 'adjust';
  cause: string;
  date: string;
  created_at: string;
  actor: string;
  points: number;
  postings: Record<string, number>;
}

export interface TierProgress {
  basis: 'points_earned' | 'money_spent';
  /** Points, or an amount like "120.00" with money_spent. */
  value: number | string;
  next: { name: string; threshold: number | string; remaining: number | string } | null;
}

export interface MemberTier {
  current: { name: string; since: string; multiplier: string; free_shipping: boolean; support_priority: string; review_on: string } | null;
  progress: TierProgress;
}

export interface LoyaltyMember {
  programme: LoyaltyProgrammeSummary;
  customer_id: string;
  member_id: string | null;
  balance: LoyaltyBalance;
  /** Present when the programme has tiers. */
  tier?: MemberTier;
  history: { data: LoyaltyHistoryEntry[]; next_cursor: string | null };
}

export interface LoyaltyMovement {
  id: string;
  customer_id: string;
  programme: LoyaltyProgrammeSummary;
  member_id: string;
  transaction: Record<string, unknown>;
  balance: LoyaltyBalance;
}

export type CapPeriod = 'day' | 'month' | 'year';

/** An order rule (docs/design/loyalty.md § Earn rules): its points and which orders count. */
export interface OrderBonusRule {
  points: number;
  /** The least eligible total: the order's total less the excluded lines. */
  min_order: string;
  /** Product ids or SKUs whose lines do not count. */
  excluded_products: string[];
  /** Product categories (exact) whose lines do not count. */
  excluded_categories: string[];
  cap: { points: number; period: CapPeriod } | null;
  /** Whether the member's tier multiplies these points. */
  tier_multiplier: boolean;
}

/** A bonus for an event; `cap` only on those that recur for a member (reviews, surveys, referrals). */
export interface EventBonusRule {
  points: number;
  cap?: { points: number; period: CapPeriod } | null;
  tier_multiplier: boolean;
}

export interface LoyaltyProgramme {
  id: string;
  name: string;
  points_name: string;
  currency: string;
  starts_on: string | null;
  ends_on: string | null;
  pending_days: number;
  expiry: { mode: 'none' | 'per_lot' | 'inactivity'; months: number | null; warning_days: number };
  earn: {
    spend: OrderBonusRule & { per: string };
    per_order: OrderBonusRule;
    /** No cap: a member's first order earns it once. */
    first_order: Omit<OrderBonusRule, 'cap'>;
    signup: EventBonusRule;
    birthday: EventBonusRule;
    review_published: EventBonusRule;
    survey_answered: EventBonusRule;
    referral: EventBonusRule;
    goodwill_max: number;
  };
  /** Referral fraud limits (every programme's apply): per network neighbourhood a week, per referrer a period. */
  referral_limits?: { network_per_week: number; referrer_cap: number; referrer_cap_days: number };
  /** What each side of a rewarded referral gets: the earn.referral points, or a voucher (its rules). */
  referral_rewards?: Record<'referrer' | 'referee', { kind: 'points' | 'voucher'; voucher?: Record<string, unknown> }>;
  /** What a published review gets: the earn.review_published points, or a voucher (its rules). */
  review_reward?: { kind: 'points' | 'voucher'; voucher?: Record<string, unknown> };
  version: number;
  created_at: string;
  updated_at: string;
}

export type MovementKind = 'grants' | 'adjustments' | 'redemptions';

/** What a history entry did, in words a member of staff reads at a glance. */
export function describeEntry(entry: Pick<LoyaltyHistoryEntry, 'kind' | 'cause'>): string {
  switch (entry.kind) {
    case 'earn':
      if (entry.cause.startsWith('order:')) return `Earned for order ${entry.cause.slice('order:'.length)}`;
      if (entry.cause.startsWith('bonus:')) return `Bonus: ${entry.cause.slice('bonus:'.length).replace(/_/g, ' ')}`;
      if (entry.cause.startsWith('referral:')) return entry.cause.endsWith(':referee') ? 'Referral reward (joined with a code)' : 'Referral reward (brought a customer)';
      return `Earned (${entry.cause})`;
    case 'release':
      return 'Became available (return window passed)';
    case 'redeem':
      return `Redeemed — ${entry.cause.replace(/^reward: /, '')}`;
    case 'reverse':
      return entry.cause.startsWith('order:') ? `Taken back: order ${entry.cause.slice('order:'.length)} refunded or cancelled` : `Taken back (${entry.cause})`;
    case 'expire':
      return 'Expired';
    case 'adjust':
      return entry.cause.replace(/^goodwill: /, 'Goodwill: ').replace(/^adjustment: /, 'Adjustment: ');
  }
  return entry.cause;
}

/** Signed points as a reader expects them: "+40", "−15", "0". */
export function signedPoints(points: number): string {
  if (points > 0) return `+${points}`;
  if (points < 0) return `\u2212${-points}`;
  return '0';
}

/** The movements a role may make: grants and redemptions need create, adjustments edit. */
export function allowedMovements(canCreate: boolean, canEdit: boolean): MovementKind[] {
  const kinds: MovementKind[] = [];
  if (canCreate) kinds.push('grants');
  if (canEdit) kinds.push('adjustments');
  if (canCreate) kinds.push('redemptions');
  return kinds;
}

/** "180 points to Gold", "Top tier" — and how far along the way, 0 to 1. */
export function tierProgress(progress: TierProgress, unit: string): { text: string; ratio: number } {
  if (!progress.next) return { text: 'Top tier', ratio: 1 };
  const value = Number(progress.value);
  const threshold = Number(progress.next.threshold);
  const remaining = progress.basis === 'money_spent' ? `${progress.next.remaining} spent` : `${progress.next.remaining} ${unit}`;
  return { text: `${remaining} to ${progress.next.name}`, ratio: threshold > 0 ? Math.min(1, value / threshold) : 0 };
}
