// Referrals as the API serves them (docs/design/loyalty.md § Referrals) and the words the screens
// use for their states and fraud signals.

export type ReferralState = 'linked' | 'qualifying' | 'rewarded' | 'lapsed' | 'refused';

export interface Referral {
  id: string;
  referrer_id: string;
  referee_id: string;
  referrer_name?: string | null;
  referee_name?: string | null;
  state: ReferralState;
  signal: string | null;
  detail: string | null;
  via: 'signup' | 'order';
  order_id: string | null;
  qualifies_on: string | null;
  created_at: string;
}

export interface CustomerReferrals {
  code: string;
  link: string;
  referred_by: Referral | null;
  referrals: Referral[];
  counts: Record<ReferralState, number>;
}

export interface ReferralStats {
  by_state: Record<ReferralState, number>;
  refused_by_signal: { signal: string; count: number }[];
  months: { month: string; referred: number; rewarded: number }[];
  conversion: number;
}

export const REFERRAL_STATES: Record<ReferralState, string> = {
  linked: 'Joined, no order yet',
  qualifying: 'First order placed',
  rewarded: 'Rewarded',
  lapsed: 'First order returned',
  refused: 'Refused',
};

const SIGNALS: Record<string, string> = {
  self_referral: 'their own code',
  already_referred: 'already referred',
  not_first_order: 'not their first order',
  same_email: 'same email as the referrer',
  same_phone: 'same phone as the referrer',
  same_address: 'same address as the referrer',
  same_payment_method: 'same payment method as the referrer',
  network_burst: 'too many from one network',
  referrer_cap: 'referrer over the monthly cap',
  referrer_placed_order: 'first order placed by the referrer',
};

/** "Refused: same email as the referrer" or the state's words. */
export function referralStateText(r: Pick<Referral, 'state' | 'signal'>): string {
  if (r.state === 'refused') return `Refused: ${r.signal ? (SIGNALS[r.signal] ?? r.signal) : 'unknown'}`;
  return REFERRAL_STATES[r.state];
}

/** "62%" of the accepted referrals rewarded. */
export function conversionText(conversion: number): string {
  return `${Math.round(conversion * 100)}%`;
}
