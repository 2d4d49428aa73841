// A ticket's conversation, oldest first: public replies and internal notes (clearly labelled
// "Internal note", a distinct colour), the author, delivery state of outbound mail, attachments as
// download links, and a customer's HTML mail only on request (MessageHtml). Messages that arrived
// since the agent last looked are highlighted.
import { useState } from 'react';
import { staffName, type StaffMember } from '../../app/staff';
import { formatDateTime } from '../../ui/format';
import { MessageHtml } from './MessageHtml';
import type { TicketAttachment, TicketMessage } from './types';

/** A file's size in words a person reads (KB below a megabyte, else MB with one decimal). */
export function fileSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function authorOf(message: TicketMessage, staff: StaffMember[], requester: string | null | undefined, self: string): string {
  if (message.author_type === 'system') return 'System';
  if (message.author_type === 'customer') return requester ?? 'Customer';
  return staffName(staff, message.author_id, self);
}

interface Props {
  messages: TicketMessage[];
  requester: string | null | undefined;
  staff: StaffMember[];
  self: string;
  fresh: Set<string>;
}

export function Conversation({ messages, requester, staff, self, fresh }: Props) {
  return (
    <ol className="conversation" aria-label="Conversation">
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} author={authorOf(m, staff, requester, self)} fresh={fresh.has(m.id)} />
      ))}
    </ol>
  );
}

function MessageItem({ message, author, fresh }: { message: TicketMessage; author: string; fresh: boolean }) {
  const [showHtml, setShowHtml] = useState(false);
  const note = message.kind === 'note';
  const attachments: TicketAttachment[] = message.attachments ?? [];
  return (
    <li className={`message message-${note ? 'note' : message.author_type}${fresh ? ' message-fresh' : ''}`} aria-label={`${note ? 'Internal note' : 'Reply'} by ${author}`}>
      <div className="message-meta">
        {note ? <span className="badge badge-internal">Internal note</span> : <span className="badge">{message.author_type === 'customer' ? 'Customer' : 'Reply'}</span>}
        <strong>{author}</strong>
        <time dateTime={message.created_at}>{formatDateTime(message.created_at)}</time>
        {fresh && <span className="badge badge-new">New</span>}
        {message.delivery && <span className={`delivery delivery-${message.delivery}`}>{message.delivery === 'queued' ? 'not delivered yet' : message.delivery === 'failed' ? `failed: ${message.delivery_error ?? 'unknown error'}` : 'sent'}</span>}
      </div>
      {showHtml && message.body_html ? <MessageHtml html={message.body_html} label={`The email from ${author} as HTML`} /> : <p className="message-body">{message.body_text}</p>}
      {message.body_html && (
        <button type="button" className="small link" onClick={() => setShowHtml((s) => !s)}>
          {showHtml ? 'Show as text' : 'Show the formatted email'}
        </button>
      )}
      {attachments.length > 0 && (
        <ul className="attachments" aria-label="Attachments">
          {attachments.map((a) => (
            <li key={a.id}>
              {a.dropped ? (
                <span>
                  {a.name} <span className="muted">(not kept: larger than the attachment limit)</span>
                </span>
              ) : (
                <>
                  <a href={`/api/v1/attachments/${encodeURIComponent(a.id)}`} download={a.name}>
                    {a.name}
                  </a>
                  <span className="muted"> ({fileSize(a.size)})</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
