// The agent's chat inbox (docs/design/chat.md): waiting / mine / all, several chats open at once,
// live through the staff stream (chat.* events reload the list and the open chats; the visitor's
// typing shows as "typing…"), and a visual and sound notice when a new chat arrives.
import { useState } from 'react';
import { useLiveEvents } from '../../api/useLive';
import { useApi } from '../../api/useResource';
import { formatDateTime, humanize } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/States';
import { ChatWindow } from './ChatWindow';
import { playNewChatTone } from './notice';
import { useVisitorTyping } from './typing';
import { CHAT_VIEWS, type ChatConversation, type ChatView } from './types';

const MAX_OPEN = 4;

export function ChatInbox() {
  const [view, setView] = useState<ChatView>('waiting');
  const [open, setOpen] = useState<string[]>([]);
  const [fresh, setFresh] = useState(0);
  const list = useApi<{ data: ChatConversation[] }>(`/chats?view=${view}&limit=100`);
  const typing = useVisitorTyping();

  useLiveEvents('chat.', (event) => {
    list.reload();
    if (event.type === 'chat.started') {
      setFresh((count) => count + 1);
      playNewChatTone();
    }
  });

  const openChat = (id: string) => {
    setFresh(0);
    setOpen((shown) => (shown.includes(id) ? shown : [id, ...shown].slice(0, MAX_OPEN)));
  };

  return (
    <div className="chat-inbox">
      <h1>Chats</h1>
      {fresh > 0 && (
        <div className="notice" role="alert">
          <p>
            {fresh === 1 ? 'A new chat is waiting.' : `${fresh} new chats are waiting.`}{' '}
            <button type="button" onClick={() => { setView('waiting'); setFresh(0); }}>
              Show waiting chats
            </button>
          </p>
        </div>
      )}
      <div className="tabs" role="tablist" aria-label="Chat views">
        {CHAT_VIEWS.map((name) => (
          <button key={name} type="button" role="tab" aria-selected={view === name} onClick={() => setView(name)}>
            {humanize(name)}
          </button>
        ))}
      </div>
      <div className="chat-layout">
        <div className="chat-list card" role="tabpanel" aria-label={`${humanize(view)} chats`}>
          {list.loading && !list.data && <Loading what="chats" />}
          {list.error !== undefined && <ErrorNote error={list.error} onRetry={list.reload} />}
          {list.data && list.data.data.length === 0 && <p>No chats here.</p>}
          <ul>
            {list.data?.data.map((chat) => (
              <li key={chat.id}>
                <button type="button" onClick={() => openChat(chat.id)}>
                  {chat.claimed_name ?? 'Visitor'} · {humanize(chat.state)} · {formatDateTime(chat.started_at)}
                  {typing.has(chat.id) && <span className="chat-typing"> · typing…</span>}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="chat-open">
          {open.length === 0 && <p className="subtitle">Open a chat from the list; several can be open at once.</p>}
          {open.map((id) => (
            <ChatWindow key={id} id={id} visitorTyping={typing.has(id)} onClose={() => setOpen((shown) => shown.filter((other) => other !== id))} />
          ))}
        </div>
      </div>
    </div>
  );
}
