import { describe, expect, it } from 'vitest';
import { eventChatId, mergeMessages, type ChatMessage } from './types';

const message = (seq: number, text = `m${seq}`): ChatMessage => ({
  seq, author_kind: 'visitor', author_id: null, author_name: null, text, attachment_ids: [], attachments: [], client_id: null, created_at: '2026-01-01T00:00:00.000Z',
});

describe('mergeMessages', () => {
  it('keeps seq order without repeats when pages overlap or arrive late', () => {
    const merged = mergeMessages([message(1), message(3)], [message(2), message(3, 'again'), message(4)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(merged[2].text).toBe('again');
  });
});

describe('eventChatId', () => {
  it('names the conversation of chat events only', () => {
    expect(eventChatId({ aggregate_type: 'chat', aggregate_id: 'cht_1' })).toBe('cht_1');
    expect(eventChatId({ aggregate_type: 'ticket', aggregate_id: 'tkt_1' })).toBeNull();
  });
});
