// The reviews' records as the API serves them (docs/api.md § Reviews). Written by hand until the
// generated schema (make web-types) names them; kept to what the screens read.
export type ReviewStatus = 'pending' | 'published' | 'rejected';

export interface Review {
  id: string;
  customer_id: string;
  product_id: string | null;
  rating: number;
  title: string;
  text: string;
  source: 'invited' | 'own_site' | 'google' | 'facebook' | 'other';
  source_url: string | null;
  verified: boolean;
  language: string;
  sentiment: number | null;
  status: ReviewStatus;
  moderation: { by: string | null; at: string; reason: string | null } | null;
  reply: { text: string; by: string | null; at: string | null } | null;
  request_id: string | null;
  created_at: string;
  published_at: string | null;
  updated_at: string;
  version: number;
}

export interface ReviewStats {
  product_id: string | null;
  count: number;
  average: number | null;
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export const SOURCE_NAMES: Record<Review['source'], string> = {
  invited: 'Invited',
  own_site: 'Own site',
  google: 'Google',
  facebook: 'Facebook',
  other: 'Other',
};

/** "★★★☆☆" for 3, with the number for screen readers beside it in the markup. */
export function starText(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(Math.max(0, 5 - rating));
}
