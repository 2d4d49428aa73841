// One review in a list: stars, title and text (React escapes them: a review's words are shown as
// written, never as markup), who and where from, verified, status, the moderation and the reply.
// Staff who may moderate publish, reject with a reason, and reply (If-Match: a stale version
// asks the list to reload).
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { Link } from '../../app/router';
import { formatDateTime, humanize } from '../../ui/format';
import { ErrorNote } from '../../ui/States';
import { SOURCE_NAMES, starText, type Review } from './reviewTypes';

interface Props {
  review: Review;
  productName?: string;
  showCustomer?: boolean;
  canModerate: boolean;
  onChanged: (review: Review | null) => void;
}

export function ReviewItem({ review: r, productName, showCustomer = true, canModerate, onChanged }: Props) {
  const [reason, setReason] = useState('');
  const [reply, setReply] = useState(r.reply?.text ?? '');
  const [mode, setMode] = useState<'none' | 'reject' | 'reply'>('none');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function change(body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      const saved = await api<Review>('PATCH', `/reviews/${r.id}`, { body, ifMatch: r.version });
      setMode('none');
      onChanged(saved);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) onChanged(null);
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="review-item" data-testid="review-item">
      <p>
        <span aria-hidden="true" className="stars">
          {starText(r.rating)}
        </span>{' '}
        <span className="visually-hidden">{r.rating} of 5 stars</span> <strong>{r.title || '(no title)'}</strong>{' '}
        <span className={`badge status-${r.status}`}>{humanize(r.status)}</span>
        {r.verified && <span className="badge">Verified buyer</span>}
      </p>
      {r.text && <p className="review-text">{r.text}</p>}
      <p className="muted">
        {showCustomer && (
          <>
            <Link to={`/customers/${r.customer_id}`}>Customer</Link> ·{' '}
          </>
        )}
        {productName ?? (r.product_id ? r.product_id : 'The business')} · {SOURCE_NAMES[r.source]}
        {r.source_url && (
          <>
            {' '}
            (<a href={r.source_url} rel="noopener noreferrer nofollow" target="_blank">source</a>)
          </>
        )}{' '}
        · {formatDateTime(r.created_at)}
      </p>
      {r.moderation?.reason && <p className="muted">Moderation: {r.moderation.reason}</p>}
      {r.reply && mode !== 'reply' && (
        <blockquote className="review-reply">
          <strong>Our reply:</strong> {r.reply.text}
        </blockquote>
      )}
      {canModerate && mode === 'none' && (
        <p className="actions">
          {r.status !== 'published' && (
            <button type="button" disabled={busy} onClick={() => void change({ status: 'published' })}>
              Publish
            </button>
          )}
          {r.status !== 'rejected' && (
            <button type="button" disabled={busy} onClick={() => setMode('reject')}>
              Reject…
            </button>
          )}
          <button type="button" disabled={busy} onClick={() => setMode('reply')}>
            {r.reply ? 'Edit reply' : 'Reply'}
          </button>
        </p>
      )}
      {mode === 'reject' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void change({ status: 'rejected', reason });
          }}
        >
          <label>
            Reason for rejecting <input value={reason} required maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>{' '}
          <button type="submit" disabled={busy}>
            Reject
          </button>{' '}
          <button type="button" onClick={() => setMode('none')}>
            Cancel
          </button>
        </form>
      )}
      {mode === 'reply' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void change({ reply: reply.trim() === '' ? null : reply });
          }}
        >
          <label>
            Public reply
            <textarea value={reply} rows={3} maxLength={5000} onChange={(e) => setReply(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            Save reply
          </button>{' '}
          <button type="button" onClick={() => setMode('none')}>
            Cancel
          </button>
        </form>
      )}
      {error !== null && <ErrorNote error={error} />}
    </li>
  );
}
