// What the reviews' screens share: the records' names (aliases over the generated schema in
// api/types.ts) and how a source and a rating read.
import type { Review } from '../../api/types';

export type { Review, ReviewStats } from '../../api/types';
export type ReviewStatus = Review['status'];

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
