// The conversation as an agent sees it: notes labelled internal and styled apart from replies; a
// customer's HTML only on request, sanitised, in a frame that may run nothing.
import { act } from 'react';
import { expect, it, vi } from 'vitest';
import { testRoot } from '../../testing/testRoot';
import { Conversation } from './Conversation';
import type { TicketMessage } from './types';

const t = testRoot();
const message = (over: Partial<TicketMessage>): TicketMessage => ({
  id: 'tmg_1', ticket_id: 'tkt_1', kind: 'reply', author_type: 'customer', body_text: 'text', created_at: '2026-12-06T10:00:00Z', ...over,
});

it('labels notes as internal and shows a customer\'s HTML only sanitised in a sandboxed frame', async () => {
  const messages = [
    message({ id: 'tmg_1', body_text: 'Plain words', body_html: '<p>Rich <script>alert(1)</script><img src="https://t.example/x.gif"></p>' }),
    message({ id: 'tmg_2', kind: 'note', author_type: 'staff', author_id: 'usr_ana', body_text: 'Only for us' }),
    message({ id: 'tmg_3', author_type: 'staff', author_id: 'usr_me', body_text: 'Hello', delivery: 'failed', delivery_error: 'mailbox full' }),
  ];
  await act(async () =>
    t.root.render(<Conversation messages={messages} requester="grace@example.com" staff={[{ id: 'usr_ana', name: 'Ana', status: 'active', teams: [] }]} self="usr_me" fresh={new Set(['tmg_2'])} />),
  );
  const items = [...t.container.querySelectorAll('li.message')];
  expect(items.map((li) => li.className)).toEqual(['message message-customer', 'message message-note message-fresh', 'message message-staff']);
  expect(items[1].getAttribute('aria-label')).toBe('Internal note by Ana');
  expect(items[1].textContent).toContain('Internal note');
  expect(items[2].textContent).toContain('failed: mailbox full');
  expect(items[2].getAttribute('aria-label')).toBe('Reply by You');
  // Text first: no frame until asked.
  expect(t.container.querySelector('iframe')).toBeNull();
  expect(items[0].textContent).toContain('Plain words');
  const show = [...items[0].querySelectorAll('button')].find((b) => b.textContent === 'Show the formatted email')!;
  await act(async () => show.click());
  // The sanitiser is loaded on first use.
  const frame = await vi.waitFor(async () => {
    await act(async () => {});
    const found = t.container.querySelector('iframe');
    if (!found) throw new Error('no frame yet');
    return found;
  });
  expect(frame.getAttribute('sandbox')).toBe('');
  const doc = frame.getAttribute('srcdoc')!;
  expect(doc).toContain('Rich');
  expect(doc).not.toMatch(/script|t\.example/);
  expect(t.container.textContent).toContain('1 remote image was blocked');
});

it('lists a message\'s files as downloads from /attachments/{id}, and names the ones not kept', async () => {
  const file = (over: object) => ({ id: 'att_1', name: 'invoice.pdf', type: 'application/pdf', size: 2_400_000, created_at: '2026-12-06T10:00:00Z', ...over });
  const messages = [message({ attachments: [file({}), file({ id: 'att_2', name: 'video.mov', size: 0, dropped: 'too_large' })] })];
  await act(async () => t.root.render(<Conversation messages={messages} requester={null} staff={[]} self="usr_me" fresh={new Set()} />));
  const list = t.container.querySelector('ul[aria-label="Attachments"]')!;
  const link = list.querySelector('a')!;
  expect(link.getAttribute('href')).toBe('/api/v1/attachments/att_1');
  expect(link.getAttribute('download')).toBe('invoice.pdf');
  expect(list.textContent).toContain('invoice.pdf (2.3 MB)');
  expect(list.querySelectorAll('a')).toHaveLength(1);
  expect(list.textContent).toContain('video.mov (not kept: larger than the attachment limit)');
});
