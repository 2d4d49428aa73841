// "Ask for a review by e-mail" on a customer's Reviews card (docs/design/reviews.md § Collecting):
// one request through the mail queue, and what became of it in words — sent, or recorded but not
// sent (the contact budget, no marketing consent, no address).
import { useState } from 'react';
import { api } from '../../api/client';
import { AsyncButton } from '../../ui/Buttons';

interface ReviewRequest {
  id: string;
  status: 'sent' | 'throttled' | 'no_consent' | 'no_email' | 'completed';
}

const OUTCOMES: Record<ReviewRequest['status'], string> = {
  sent: 'Review request sent by e-mail.',
  throttled: 'Not sent: this customer was asked for something recently (the contact budget). The request is recorded.',
  no_consent: 'Not sent: no marketing consent for e-mail. The request is recorded.',
  no_email: 'Not sent: this customer has no e-mail address. The request is recorded.',
  completed: 'Already reviewed.',
};

export function ReviewRequestButton({ customerId }: { customerId: string }) {
  const [outcome, setOutcome] = useState<ReviewRequest['status'] | null>(null);
  return (
    <div className="review-request">
      <AsyncButton
        busyLabel="Asking…"
        onClick={async () => {
          const made = await api<ReviewRequest>('POST', '/reviews/requests', { body: { customer_id: customerId, delivery: 'email' } });
          setOutcome(made.status);
        }}
      >
        Ask for a review by e-mail
      </AsyncButton>
      {outcome && (
        <p role="status" className={outcome === 'sent' ? 'notice' : 'muted'}>
          {OUTCOMES[outcome]}
        </p>
      )}
    </div>
  );
}
