// One open chat: its messages (plain text: React escapes them, so a "<script>" shows as text),
// the composer with the typing notice, and the agent's actions (accept, transfer, end, convert
// to a ticket). The customer panel of the service desk sits beside a verified customer's chat.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useLiveEvents } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import type { Page } from '../../api/client';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { useStaff } from '../../app/staff';
import { formatDateTime, humanize } from '../../ui/format';
import { ErrorNote } from '../../ui/States';
import { useCannedReplies } from '../support/cannedReplies';
import { ComposerFileList, useComposerFiles } from '../support/ComposerFiles';
import { fileSize } from '../support/Conversation';
import { CustomerPanel } from '../support/CustomerPanel';
import { fillChatReply } from './cannedChat';
import { eventChatId, mergeMessages, type ChatConversation, type ChatMessage, type ChatWithMessages } from './types';

// Why the bot passed a chat on (docs/design/chatbot.md § Hand-off), in the agent's words.
const HANDOFF_REASONS: Record<string, string> = {
  asked: 'the visitor asked for a person',
  unhelpful: 'two answers did not help',
  negative: 'the visitor sounded upset',
  human_only: 'a topic only people answer',
};

const TYPING_EVERY_MS = 4000;

interface Queue { id: string; name: string }

export function ChatWindow({ id, visitorTyping = false, onClose }: { id: string; visitorTyping?: boolean; onClose: () => void }) {
  const [conversation, setConversation] = useState<ChatConversation | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [transferTo, setTransferTo] = useState('');
  const [handTo, setHandTo] = useState('');
  const { me } = useSession();
  const staff = useStaff();
  const canned = useCannedReplies();
  const lastTyping = useRef(0);
  const lastSeq = useRef(0);
  const queues = useApi<Page<Queue>>('/queues?limit=100');
  const files = useComposerFiles(id, `/chats/${id}/files`);

  const load = useCallback(async () => {
    try {
      const got = await api<ChatWithMessages>('GET', `/chats/${id}?after=${lastSeq.current}&limit=500`);
      setConversation(got.conversation);
      setMessages((shown) => mergeMessages(shown, got.messages));
      const last = got.messages.at(-1)?.seq ?? 0;
      if (last > lastSeq.current) {
        lastSeq.current = last;
        void api('POST', `/chats/${id}/read`, { body: { seq: last } }).catch(() => undefined);
      }
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);
  useLiveEvents('chat.', (event) => {
    if (eventChatId(event) === id) void load();
  });

  const act = async (path: string, body?: unknown) => {
    try {
      setConversation(await api<ChatConversation>('POST', `/chats/${id}/${path}`, body === undefined ? {} : { body }));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  };

  const send = async () => {
    const reply = text.trim();
    if ((!reply && files.ids.length === 0) || files.uploading) return;
    const body: Record<string, unknown> = { client_id: `a${Date.now()}${Math.floor(Math.random() * 1e6)}` };
    if (reply) body.text = reply;
    if (files.ids.length > 0) body.attachment_ids = files.ids;
    try {
      await api('POST', `/chats/${id}/messages`, { body });
      setText('');
      files.clear();
      await load();
    } catch (caught) {
      setError(caught);
    }
  };

  const typed = (value: string) => {
    setText(value);
    const now = Date.now();
    if (now - lastTyping.current > TYPING_EVERY_MS) {
      lastTyping.current = now;
      void api('POST', `/chats/${id}/typing`).catch(() => undefined);
    }
  };

  const state = conversation?.state ?? '';
  return (
    <section className="chat-window" aria-labelledby={`chat-${id}-title`}>
      <div className="chat-main card">
        <header className="chat-header">
          <h2 id={`chat-${id}-title`}>
            {conversation?.claimed_name ?? 'Visitor'} <span className="subtitle">{humanize(state)}</span>
          </h2>
          <button type="button" onClick={onClose} aria-label="Close this chat's window">
            Close
          </button>
        </header>
        {conversation && (
          <p className="subtitle">
            Started {formatDateTime(conversation.started_at)}
            {conversation.page_url && <> · on {conversation.page_url}</>}
            {conversation.claimed_email && <> · says they are {conversation.claimed_email} (not verified)</>}
            {conversation.handoff_reason && <> · the bot handed over: {HANDOFF_REASONS[conversation.handoff_reason] ?? conversation.handoff_reason}</>}
            {conversation.ticket_id && (
              <>
                {' · '}
                <Link to={`/support/tickets/${conversation.ticket_id}`}>ticket</Link>
              </>
            )}
          </p>
        )}
        {error !== null && <ErrorNote error={error} onRetry={() => void load()} />}
        <ol className="chat-log" aria-label="Messages" aria-live="polite">
          {messages.map((message) => (
            <li key={message.seq} className={`chat-msg chat-${message.author_kind}`}>
              <span className="chat-who">
                {message.author_kind === 'agent' ? (message.author_name ?? 'Agent') : humanize(message.author_kind)} ·{' '}
                {formatDateTime(message.created_at)}
              </span>
              {message.text}
              {message.link && (
                <a className="chat-link" href={message.link.url} target="_blank" rel="noopener noreferrer">
                  {message.link.title}
                </a>
              )}
              {message.buttons && message.buttons.length > 0 && (
                <span className="chat-offered">Offered: {message.buttons.map((button) => button.label).join(' · ')}</span>
              )}
              {message.attachments.length > 0 && (
                <ul className="chat-files" aria-label="Files">
                  {message.attachments.map((file) => (
                    <li key={file.id}>
                      <a href={`/api/v1/chat-files/${encodeURIComponent(file.id)}`} download={file.name}>
                        {file.name}
                      </a>{' '}
                      <span className="muted">({fileSize(file.size)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
        <p className="chat-typing-note subtitle" aria-live="polite">
          {visitorTyping && state !== 'ended' ? 'Visitor is typing…' : ''}
        </p>
        {conversation && conversation.agent_read_seq < conversation.last_seq && <p className="subtitle">Unread messages</p>}
        <div className="chat-actions">
          {(state === 'waiting' || state === 'bot') && (
            <button type="button" onClick={() => void act('accept')}>
              Accept
            </button>
          )}
          {state !== 'ended' && (
            <>
              <label>
                Transfer to queue{' '}
                <select value={transferTo} onChange={(event) => setTransferTo(event.target.value)}>
                  <option value="">choose…</option>
                  {queues.data?.data.map((queue) => (
                    <option key={queue.id} value={queue.id}>
                      {queue.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={!transferTo} onClick={() => void act('transfer', { queue_id: transferTo })}>
                Transfer
              </button>
              <label>
                Hand to agent{' '}
                <select value={handTo} onChange={(event) => setHandTo(event.target.value)}>
                  <option value="">choose…</option>
                  {staff
                    .filter((member) => member.status === 'active' && member.id !== me.user?.id && member.id !== conversation?.assignee_id)
                    .map((member) => (
                      <option key={member.id} value={member.id}>
                        {member.name}
                      </option>
                    ))}
                </select>
              </label>
              <button type="button" disabled={!handTo} onClick={() => void act('transfer', { assignee_id: handTo }).then(() => setHandTo(''))}>
                Hand over
              </button>
              <button type="button" onClick={() => void act('end')}>
                End chat
              </button>
            </>
          )}
          {!conversation?.ticket_id && (
            <button type="button" onClick={() => void act('convert-to-ticket')}>
              Convert to ticket
            </button>
          )}
        </div>
        {state !== 'ended' && (
          <form
            className="chat-composer"
            onSubmit={(event) => {
              event.preventDefault();
              void send();
            }}
          >
            <div className="chat-composer-head">
              <label htmlFor={`chat-${id}-reply`}>Reply</label>
              {canned && canned.length > 0 && (
                <label>
                  <span className="visually-hidden">Insert a canned reply</span>
                  <select
                    value=""
                    onChange={(event) => {
                      const reply = canned.find((c) => c.id === event.target.value);
                      if (!reply) return;
                      const body = fillChatReply(reply.body ?? '', {
                        agentName: me.user?.name,
                        agentEmail: me.user?.email,
                        visitorName: conversation?.claimed_name,
                      });
                      typed(text ? `${text}\n\n${body}` : body);
                    }}
                  >
                    <option value="">Canned reply…</option>
                    {canned.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            <textarea
              id={`chat-${id}-reply`}
              value={text}
              maxLength={4000}
              rows={3}
              onChange={(event) => typed(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey) {
                  event.preventDefault();
                  void send();
                }
              }}
            />
            <ComposerFileList files={files} />
            <button type="submit" disabled={files.uploading}>
              Send
            </button>
          </form>
        )}
      </div>
      {conversation?.customer_id && <CustomerPanel customerId={conversation.customer_id} ticketId="" />}
    </section>
  );
}
