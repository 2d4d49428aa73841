// /support/new: an agent logs a call, a visit or a message that came in some other way as a new
// ticket. The agent's summary is an internal note (never mailed: a reply on a ticket whose
// requester is an e-mail address would be sent to them), the requester is found by e-mail or phone
// or created, and the ticket opens in the chosen queue. Calls onto an existing ticket are notes
// on its page. `?customer_id=` opens it for a customer already known (the customer page's link).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/useResource';
import { navigate } from '../../app/router';
import { Field, SelectField, TextAreaField } from '../../ui/Field';
import { FormCard } from '../../ui/FormCard';
import { byRoot, placeErrors } from '../../ui/errors';
import { useFormSubmit } from '../../ui/useFormSubmit';
import type { Queue, Ticket } from './types';

// "In person" is no channel of its own: a visit is logged like a call, tagged so reports can
// tell them apart.
const HOW = [
  { value: 'phone', label: 'Phone call' },
  { value: 'in_person', label: 'In person' },
  { value: 'email', label: 'E-mail (forwarded by hand)' },
  { value: 'social', label: 'Social media' },
];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'].map((p) => ({ value: p, label: p[0].toUpperCase() + p.slice(1) }));

export function NewTicket() {
  const customerId = new URLSearchParams(window.location.search).get('customer_id');
  const queues = useApi<{ data: Queue[] }>('/queues');
  const [how, setHow] = useState('phone');
  const [subject, setSubject] = useState('');
  const [contact, setContact] = useState('');
  const [name, setName] = useState('');
  const [summary, setSummary] = useState('');
  const [priority, setPriority] = useState('normal');
  const [queueId, setQueueId] = useState('');
  const { errors, formError, busy, check, send } = useFormSubmit();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!subject.trim()) problems.subject = 'Say what it is about.';
    if (!customerId && !contact.trim()) problems.requester = 'An e-mail address or a phone number.';
    if (!summary.trim()) problems.message = 'Write what was said.';
    if (!check(problems)) return;
    const requester = contact.includes('@') ? { email: contact.trim() } : { phone: contact.trim() };
    void send(
      async () => {
        const ticket = await api<Ticket>('POST', '/tickets', {
          body: {
            subject: subject.trim(),
            ...(customerId ? { customer_id: customerId } : { requester: { ...requester, ...(name.trim() ? { name: name.trim() } : {}) } }),
            channel: how === 'in_person' ? 'phone' : how,
            priority,
            ...(queueId ? { queue_id: queueId } : {}),
            ...(how === 'in_person' ? { tags: ['in-person'] } : {}),
            message: { body_text: summary, kind: 'note', author_type: 'staff' },
          },
        });
        navigate(`/support/tickets/${ticket.id}`, { replace: true });
      },
      (err) => placeErrors(err, byRoot(['subject', 'requester', 'message', 'priority', 'queue_id'])),
    );
  };

  return (
    <section>
      <div className="page-header">
        <h1>New ticket</h1>
      </div>
      <FormCard titleId="new-ticket-title" title="Log a call, visit or message" onSubmit={submit} formError={formError} busy={busy} label="Open ticket" busyLabel="Opening…">
        <SelectField label="How it came in" value={how} options={HOW} onChange={(e) => setHow(e.target.value)} />
        <Field label="Subject" value={subject} maxLength={500} error={errors.subject} onChange={(e) => setSubject(e.target.value)} />
        {!customerId && (
          <>
            <Field label="Customer's e-mail or phone" value={contact} error={errors.requester} onChange={(e) => setContact(e.target.value)} />
            <Field label="Customer's name (when new)" value={name} onChange={(e) => setName(e.target.value)} />
          </>
        )}
        <TextAreaField label="What was said (internal note)" value={summary} rows={5} error={errors.message} onChange={(e) => setSummary(e.target.value)} />
        <SelectField label="Priority" value={priority} options={PRIORITIES} error={errors.priority} onChange={(e) => setPriority(e.target.value)} />
        <SelectField
          label="Queue"
          value={queueId}
          error={errors.queue_id}
          options={[{ value: '', label: 'By the routing rules' }, ...(queues.data?.data ?? []).map((q) => ({ value: q.id, label: q.name }))]}
          onChange={(e) => setQueueId(e.target.value)}
        />
      </FormCard>
    </section>
  );
}
