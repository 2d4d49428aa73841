import { describe, expect, it } from 'vitest';
import { noteTyping, typingChats } from './typing';

const frame = (chat: string, expires_in = 5) => ({ type: 'chat_typing' as const, chat, author_kind: 'visitor' as const, expires_in });

describe('visitor typing notices', () => {
  it('shows a chat for expires_in seconds after its last notice, then clears it', () => {
    let deadlines = noteTyping(new Map(), frame('cht_a'), 1000);
    expect([...typingChats(deadlines, 5999)]).toEqual(['cht_a']);
    expect(typingChats(deadlines, 6000).size).toBe(0);
    deadlines = noteTyping(deadlines, frame('cht_a'), 4000);  // a later notice extends it
    deadlines = noteTyping(deadlines, frame('cht_b'), 4000);
    expect([...typingChats(deadlines, 8000)].sort()).toEqual(['cht_a', 'cht_b']);
    expect(typingChats(deadlines, 9000).size).toBe(0);
  });

  it('drops expired chats and bounds a strange expires_in', () => {
    const deadlines = noteTyping(noteTyping(new Map(), frame('cht_old'), 0), frame('cht_new', 3600), 10_000);
    expect([...deadlines.keys()]).toEqual(['cht_new']);
    expect(deadlines.get('cht_new')).toBe(40_000);
  });
});
