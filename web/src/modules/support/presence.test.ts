import { describe, expect, it } from 'vitest';
import type { PresenceFrame } from '../../api/stream';
import { applyPresence, describePresence, livePresence, TYPING_SHOWN_MS, type PresenceEntry } from './presence';

const frame = (user_id: string, state: PresenceFrame['state'], ticket = 'tkt_1'): PresenceFrame => ({ type: 'presence', ticket, user_id, state, expires_in: 60 });
const names: Record<string, string> = { usr_ana: 'Ana', usr_ben: 'Ben', usr_cy: 'Cy' };
const name = (id: string) => names[id] ?? id;

describe('presence state', () => {
  it('keeps others on this ticket, ignores oneself and other tickets, forgets who left', () => {
    let entries: PresenceEntry[] = [];
    entries = applyPresence(entries, frame('usr_ana', 'viewing'), 'tkt_1', 'usr_me', 0);
    entries = applyPresence(entries, frame('usr_me', 'viewing'), 'tkt_1', 'usr_me', 0);
    entries = applyPresence(entries, frame('usr_ben', 'viewing', 'tkt_2'), 'tkt_1', 'usr_me', 0);
    expect(describePresence(entries, 1, name)).toBe('Ana is viewing');
    entries = applyPresence(entries, frame('usr_ben', 'typing'), 'tkt_1', 'usr_me', 1000);
    entries = applyPresence(entries, frame('usr_cy', 'viewing'), 'tkt_1', 'usr_me', 1000);
    expect(describePresence(entries, 2000, name)).toBe('Ben is typing…; Ana and Cy are viewing');
    // Typing fades back to viewing when no keystroke message follows.
    expect(describePresence(entries, 1000 + TYPING_SHOWN_MS + 1, name)).toBe('Ana, Ben and Cy are viewing');
    entries = applyPresence(entries, frame('usr_ana', 'left'), 'tkt_1', 'usr_me', 3000);
    expect(entries.map((e) => e.userId)).toEqual(['usr_ben', 'usr_cy']);
  });

  it('lets entries expire when they are not repeated', () => {
    const entries = applyPresence([], frame('usr_ana', 'viewing'), 'tkt_1', 'usr_me', 0);
    expect(livePresence(entries, 59_999)).toHaveLength(1);
    expect(livePresence(entries, 60_000)).toHaveLength(0);
    expect(describePresence(entries, 60_000, name)).toBe('');
  });
});
