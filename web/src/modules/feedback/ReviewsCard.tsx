// The customer page's Reviews card: the customer's reviews, newest first, with their status;
// staff who may moderate publish, reject and reply here too (ReviewItem); staff who may record
// reviews ask for one by e-mail (ReviewRequestButton).
import { useApi } from '../../api/useResource';
import { can, useSession } from '../../app/session';
import { Empty, ErrorNote, Loading } from '../../ui/States';
import { ReviewItem } from './ReviewItem';
import { ReviewRequestButton } from './ReviewRequestButton';
import type { Review } from './reviewTypes';

export function ReviewsCard({ customerId }: { customerId: string }) {
  const { me } = useSession();
  const reviews = useApi<{ data: Review[]; next_cursor: string | null }>(
    `/reviews?customer_id=${encodeURIComponent(customerId)}&limit=20`
  );
  return (
    <section className="card" aria-labelledby="reviews-card-title">
      <h2 id="reviews-card-title">Reviews</h2>
      {can(me, 'reviews', 'create') && <ReviewRequestButton customerId={customerId} />}
      {reviews.error !== undefined && <ErrorNote error={reviews.error} onRetry={reviews.reload} />}
      {!reviews.data && reviews.error === undefined && <Loading what="reviews" />}
      {reviews.data && reviews.data.data.length === 0 && <Empty>No reviews from this customer.</Empty>}
      {reviews.data && reviews.data.data.length > 0 && (
        <ul className="review-list">
          {reviews.data.data.map((r) => (
            <ReviewItem
              key={r.id}
              review={r}
              showCustomer={false}
              canModerate={can(me, 'reviews', 'edit')}
              onChanged={() => reviews.reload()}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
