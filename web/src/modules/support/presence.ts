// Who else is on a ticket (collision warnings, docs/design/stream.md § Presence): the page
// announces itself over the live stream ("viewing", "typing" while the agent writes, "left"),
// and keeps what others announce until it expires. The state functions are pure and tested;
// usePresence wires them to the stream.
import { useCallback, useEffect, useRef, useState } from 'react';
import { liveStream, type PresenceFrame } from '../../api/stream';

export interface PresenceEntry {
  userId: string;
  /** Typing is shown for a few seconds after the last keystroke message, then viewing. */
  typingUntil: number;
  until: number;
}

/** How long "typing" is shown after its last message, and how often a typist repeats it. */
export const TYPING_SHOWN_MS = 8_000;
export const TYPING_REPEAT_MS = 4_000;
/** How often an open page repeats "viewing" (the server forgets after 60 s). */
export const VIEWING_REPEAT_MS = 25_000;

/** The entries after one frame for `ticket`; frames about oneself or another ticket change nothing. */
export function applyPresence(entries: PresenceEntry[], frame: PresenceFrame, ticket: string, self: string, now: number): PresenceEntry[] {
  if (frame.ticket !== ticket || frame.user_id === self) return entries;
  const others = entries.filter((e) => e.userId !== frame.user_id);
  if (frame.state === 'left') return others;
  const until = now + (frame.expires_in ?? 60) * 1000;
  const previous = entries.find((e) => e.userId === frame.user_id);
  const typingUntil = frame.state === 'typing' ? now + TYPING_SHOWN_MS : Math.min(previous?.typingUntil ?? 0, now);
  return [...others, { userId: frame.user_id, typingUntil, until }];
}

/** Entries still alive at `now`. */
export function livePresence(entries: PresenceEntry[], now: number): PresenceEntry[] {
  return entries.filter((e) => e.until > now);
}

/** "Ana is viewing", "Ana is typing…", "Ana and Ben are viewing"; '' when nobody. */
export function describePresence(entries: PresenceEntry[], now: number, name: (id: string) => string): string {
  const live = livePresence(entries, now);
  const typing = live.filter((e) => e.typingUntil > now).map((e) => name(e.userId));
  const viewing = live.filter((e) => e.typingUntil <= now).map((e) => name(e.userId));
  const parts: string[] = [];
  if (typing.length) parts.push(`${list(typing)} ${typing.length === 1 ? 'is' : 'are'} typing…`);
  if (viewing.length) parts.push(`${list(viewing)} ${viewing.length === 1 ? 'is' : 'are'} viewing`);
  return parts.join('; ');
}

function list(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Announces this page on `ticket` and follows the others there; `typing()` on each keystroke. */
export function usePresence(ticket: string, self: string): { entries: PresenceEntry[]; now: number; typing: () => void } {
  const [entries, setEntries] = useState<PresenceEntry[]>([]);
  const [now, setNow] = useState(() => Date.now());
  const lastTyping = useRef(0);

  useEffect(() => {
    const stream = liveStream();
    const announce = () => stream.send({ type: 'presence', ticket, state: 'viewing' });
    announce();
    const offStatus = stream.onStatus((status) => {
      if (status === 'live') announce();
    });
    const offPresence = stream.onPresence((frame) => setEntries((current) => applyPresence(current, frame, ticket, self, Date.now())));
    const repeat = setInterval(announce, VIEWING_REPEAT_MS);
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      stream.send({ type: 'presence', ticket, state: 'left' });
      offStatus();
      offPresence();
      clearInterval(repeat);
      clearInterval(tick);
    };
  }, [ticket, self]);

  const typing = useCallback(() => {
    const at = Date.now();
    if (at - lastTyping.current < TYPING_REPEAT_MS) return;
    lastTyping.current = at;
    liveStream().send({ type: 'presence', ticket, state: 'typing' });
  }, [ticket]);

  return { entries: livePresence(entries, now), now, typing };
}
