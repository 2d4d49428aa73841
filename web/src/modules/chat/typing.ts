// "Visitor is typing…" in the chat inbox: the server pushes an ephemeral `chat_typing` frame over
// the staff stream (never stored, at most one per conversation every 2 s, only to agents who
// may read the chat; docs/design/chat.md § The visitor's typing). Each frame holds the notice
// for `expires_in` seconds; a later one extends it, silence clears it.
import { useEffect, useState } from 'react';
import { liveStream, type ChatTypingFrame } from '../../api/stream';

/** When each chat's notice ends (ms since the epoch). */
export type TypingDeadlines = ReadonlyMap<string, number>;

/** The deadlines after `frame` arrived at `now`; expired entries are dropped on the way. */
export function noteTyping(deadlines: TypingDeadlines, frame: ChatTypingFrame, now: number): Map<string, number> {
  const next = new Map([...deadlines].filter(([, until]) => until > now));
  const seconds = Number.isFinite(frame.expires_in) ? Math.min(Math.max(frame.expires_in, 1), 30) : 5;
  next.set(frame.chat, now + seconds * 1000);
  return next;
}

/** The chats whose visitor is typing at `now`. */
export function typingChats(deadlines: TypingDeadlines, now: number): Set<string> {
  return new Set([...deadlines].filter(([, until]) => until > now).map(([chat]) => chat));
}

/** The chats whose visitor types now; re-renders when a notice comes and when one runs out. */
export function useVisitorTyping(): ReadonlySet<string> {
  const [deadlines, setDeadlines] = useState<TypingDeadlines>(new Map());
  // The time the notices are judged at: set when a notice comes and when one runs out (reading
  // the clock while rendering would make the render impure).
  const [now, setNow] = useState(0);
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const stop = liveStream().onChatTyping((frame) => {
      const arrived = Date.now();
      setNow(arrived);
      setDeadlines((current) => noteTyping(current, frame, arrived));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setNow(Date.now());
      }, Math.min(Math.max(frame.expires_in, 1), 30) * 1000 + 50);
      timers.add(timer);
    });
    return () => {
      stop();
      for (const timer of timers) clearTimeout(timer);
    };
  }, []);
  return typingChats(deadlines, now);
}
