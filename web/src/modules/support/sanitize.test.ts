import { describe, expect, it, vi } from 'vitest';
import { changedFields, newMessageIds } from './ticketChanges';
import { frameDocument, sanitizeEmailHtml, withoutEventHandlers } from './sanitize';
import type { Ticket, TicketMessage } from './types';

describe('email HTML sanitiser', () => {
  const hostile = `<p onclick="steal()">Hello <b>there</b></p><script>alert(1)</script>
    <img src="https://tracker.example/pixel.gif" alt="logo"><img src="cid:part1"><img src="data:image/png;base64,AAAA">
    <a href="javascript:alert(1)">x</a><a href="https://shop.example/order">order</a>
    <form action="https://evil.example"><input name="card"></form><iframe src="https://evil.example"></iframe>
    <div style="background:url(https://tracker.example/bg)">styled</div><style>body{background:url(https://t.example)}</style>`;

  it('drops scripts, handlers, forms, frames, styles and javascript: links', () => {
    const { html } = sanitizeEmailHtml(hostile, false);
    for (const bad of ['<script', 'onclick', 'javascript:', '<form', '<input', '<iframe', 'style=', '<style', 'evil.example']) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain('<b>there</b>');
    expect(html).toContain('href="https://shop.example/order"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('blocks remote images until asked, never loads cid: parts, keeps inline data images', () => {
    const blocked = sanitizeEmailHtml(hostile, false);
    expect(blocked.blockedImages).toBe(1);
    expect(blocked.html).not.toContain('tracker.example');
    expect(blocked.html).toContain('[image blocked: logo]');
    expect(blocked.html).not.toContain('cid:');
    expect(blocked.html).toContain('data:image/png');
    const shown = sanitizeEmailHtml(hostile, true);
    expect(shown.blockedImages).toBe(0);
    expect(shown.html).toContain('src="https://tracker.example/pixel.gif"');
  });

  it('never hands an event handler to the browser\'s parser', () => {
    const tricky = '<img/onerror="a()" src=x><P ONCLICK=b()>hi</P><svg><a onmouseover=c()>x</a></svg>'
      + '<template><b onfocus="d()">t</b></template><div title="onload=e()" data-x="1">keep</div>';
    const parsed: string[] = [];
    const original = DOMParser.prototype.parseFromString;
    const spy = vi.spyOn(DOMParser.prototype, 'parseFromString').mockImplementation(function (this: DOMParser, text, type) {
      parsed.push(String(text));
      return original.call(this, text, type);
    });
    try {
      const { html } = sanitizeEmailHtml(tricky, false);
      expect(html).toContain('keep');
    } finally {
      spy.mockRestore();
    }
    expect(parsed.length).toBeGreaterThan(0);
    for (const text of parsed) expect(text).not.toMatch(/\son[a-z]+=/i);
    const stripped = withoutEventHandlers(tricky);
    expect(stripped).toContain('title="onload=e()"');  // a value that looks like one stays text
    expect(stripped).toContain('<p>hi</p>');
  });

  it('wraps the body in a document that allows no script', () => {
    const doc = frameDocument('<p>hi</p>');
    expect(doc).toContain("default-src 'none'");
    expect(doc).toContain('<p>hi</p>');
    expect(doc).not.toContain('script');
  });
});

describe('what changed meanwhile', () => {
  const base = { id: 'tkt_1', subject: 'Zip', status: 'open', priority: 'normal', type: null, queue_id: null, assignee_id: null, tags: [] } as unknown as Ticket;
  it('names the changed fields in words', () => {
    const after = { ...base, status: 'pending', assignee_id: 'usr_ana', tags: ['vip'] } as Ticket;
    expect(changedFields(base, after, (_f, id) => (id === 'usr_ana' ? 'Ana' : 'Nobody'))).toEqual([
      'Status: Open → Pending', 'Assignee: Nobody → Ana', 'Tags: none → vip',
    ]);
    expect(changedFields(base, { ...base }, () => '')).toEqual([]);
  });
  it('finds the new messages', () => {
    const m = (id: string) => ({ id }) as TicketMessage;
    expect([...newMessageIds([m('a')], [m('a'), m('b')])]).toEqual(['b']);
  });
});
