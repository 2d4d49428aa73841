// The live stream's client rules against a stand-in socket: events reach subscribers once and
// in order, a reconnect asks for what was missed, a reset reaches onReset, stop means stop.
import { describe, expect, it, vi } from 'vitest';
import { LiveStream, type SocketLike, type StreamEvent } from './stream';

class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  closedWith: number | null = null;
  constructor(readonly url: string) {}
  close(code?: number) {
    this.closedWith = code ?? 1000;
  }
  frame(value: unknown) {
    this.onmessage?.({ data: JSON.stringify(value) });
  }
  drop() {
    this.onclose?.({ code: 1006 });
  }
}

const event = (seq: number, type = 'customer.created'): { type: 'event'; event: StreamEvent } => ({
  type: 'event',
  event: { seq, id: `evt_${seq}`, type, aggregate_type: 'customer', aggregate_id: `cus_${seq}`,
    occurred_at: '2026-12-06T00:00:00.000Z', actor: 'user:usr_1', payload: {} },
});

function setUp() {
  const sockets: FakeSocket[] = [];
  const stream = new LiveStream({
    url: 'ws://here/api/v1/stream',
    connect: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoff: () => 10,
  });
  return { stream, sockets };
}

describe('LiveStream', () => {
  it('delivers events by prefix, once each, and reconnects from the last seq', async () => {
    vi.useFakeTimers();
    const { stream, sockets } = setUp();
    const customers: number[] = [];
    const orders: number[] = [];
    stream.subscribe('customer.', (e) => customers.push(e.seq));
    stream.subscribe('order.', (e) => orders.push(e.seq));
    stream.start();
    expect(sockets[0].url).toBe('ws://here/api/v1/stream');
    sockets[0].frame({ type: 'ready', seq: 4 });
    expect(stream.status).toBe('live');
    sockets[0].frame(event(5));
    sockets[0].frame(event(6, 'order.placed'));
    sockets[0].drop();
    expect(stream.status).toBe('offline');
    vi.advanceTimersByTime(10);
    expect(sockets[1].url).toBe('ws://here/api/v1/stream?after=6');
    sockets[1].frame(event(6, 'order.placed'));  // repeated after the reconnect: dropped
    sockets[1].frame(event(7));
    sockets[1].frame({ type: 'ready', seq: 7 });
    expect(customers).toEqual([5, 7]);
    expect(orders).toEqual([6]);
    vi.useRealTimers();
  });

  it('tells onReset listeners to reload and follows from the seq the server names', () => {
    vi.useFakeTimers();
    const { stream, sockets } = setUp();
    let resets = 0;
    stream.onReset(() => resets++);
    stream.start();
    sockets[0].frame({ type: 'reset', seq: 900 });
    expect(resets).toBe(1);
    sockets[0].drop();
    vi.advanceTimersByTime(10);
    expect(sockets[1].url).toBe('ws://here/api/v1/stream?after=900');
    vi.useRealTimers();
  });

  it('hands a visitor\'s typing notice to onChatTyping listeners only, with no seq to follow', () => {
    const { stream, sockets } = setUp();
    const typing: string[] = [];
    const events: number[] = [];
    stream.onChatTyping((frame) => typing.push(frame.chat));
    stream.subscribe('chat.', (e) => events.push(e.seq));
    stream.start();
    sockets[0].frame({ type: 'ready', seq: 3 });
    sockets[0].frame({ type: 'chat_typing', chat: 'cht_1', author_kind: 'visitor', expires_in: 5 });
    expect(typing).toEqual(['cht_1']);
    expect(events).toEqual([]);
    stream.stop();
  });

  it('stops for good: closes the socket and does not reconnect', () => {
    vi.useFakeTimers();
    const { stream, sockets } = setUp();
    stream.start();
    stream.stop();
    expect(sockets[0].closedWith).toBe(1000);
    sockets[0].drop();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(1);
    vi.useRealTimers();
  });
});
