// The web app's one connection to the live event stream, GET /api/v1/stream (DESIGN §6,
// docs/design/stream.md). Screens subscribe by event-type prefix ("customer.", "ticket.") and
// get each event the server lets this user see, once, in seq order. The connection survives
// network drops: it reconnects with backoff and asks for what it missed (?after=<last seq>);
// when the server says too much was missed ("reset"), subscribers of onReset reload instead.
// The session cookie authenticates it; the browser sends this site's Origin, which the server
// requires. One instance per signed-in app (see liveStream()); not for use in server code.

export interface StreamEvent {
  seq: number;
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  occurred_at: string;
  actor: string;
  payload: Record<string, unknown>;
}

export type StreamStatus = 'connecting' | 'live' | 'offline';

type Frame =
  | { type: 'ready'; seq: number }
  | { type: 'reset'; seq: number; detail?: string }
  | { type: 'event'; event: StreamEvent }
  | { type: 'pong' }
  | PresenceFrame
  | ChatTypingFrame
  | { type: 'error'; detail: string };

/** A website visitor types in a chat this user may read (ephemeral: never an event, no seq). */
export interface ChatTypingFrame {
  type: 'chat_typing';
  chat: string;
  author_kind: 'visitor';
  expires_in: number;
}

/** Another agent's presence on a ticket this client declared itself on (docs/design/stream.md). */
export interface PresenceFrame {
  type: 'presence';
  ticket: string;
  user_id: string;
  state: 'viewing' | 'typing' | 'left';
  expires_in?: number;
}

/** What the stream needs of a WebSocket: the browser's, or a test's stand-in. */
export interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number): void;
  send?(data: string): void;
}

export interface LiveStreamOptions {
  url: string;
  connect?: (url: string) => SocketLike;
  /** Delay before reconnect attempt `n` (0-based), in ms. */
  backoff?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) =>
  Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)) * (0.75 + Math.random() * 0.5);

export class LiveStream {
  private socket: SocketLike | null = null;
  private lastSeq: number | null = null;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private readonly listeners = new Set<{ prefix: string; fn: (event: StreamEvent) => void }>();
  private readonly resetListeners = new Set<() => void>();
  private readonly statusListeners = new Set<(status: StreamStatus) => void>();
  private readonly presenceListeners = new Set<(frame: PresenceFrame) => void>();
  private readonly chatTypingListeners = new Set<(frame: ChatTypingFrame) => void>();
  private currentStatus: StreamStatus = 'offline';
  private readonly connect: (url: string) => SocketLike;
  private readonly backoff: (attempt: number) => number;

  constructor(private readonly options: LiveStreamOptions) {
    this.connect = options.connect ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.backoff = options.backoff ?? defaultBackoff;
  }

  get status(): StreamStatus {
    return this.currentStatus;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.socket?.close(1000);
    this.socket = null;
    this.setStatus('offline');
  }

  /** Calls `fn` for each event whose type starts with `prefix`; returns the unsubscribe. */
  subscribe(prefix: string, fn: (event: StreamEvent) => void): () => void {
    const entry = { prefix, fn };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Too much was missed while offline: what a screen shows may be stale, reload it. */
  onReset(fn: () => void): () => void {
    this.resetListeners.add(fn);
    return () => this.resetListeners.delete(fn);
  }

  /** Presence of others on tickets this client announced itself on. */
  onPresence(fn: (frame: PresenceFrame) => void): () => void {
    this.presenceListeners.add(fn);
    return () => this.presenceListeners.delete(fn);
  }

  /** Visitors typing in chats this user may read. */
  onChatTyping(fn: (frame: ChatTypingFrame) => void): () => void {
    this.chatTypingListeners.add(fn);
    return () => this.chatTypingListeners.delete(fn);
  }

  /** Sends a client message while live; false when not connected (announce again on 'live'). */
  send(message: Record<string, unknown>): boolean {
    if (this.currentStatus !== 'live' || !this.socket?.send) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  onStatus(fn: (status: StreamStatus) => void): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  private open(): void {
    this.setStatus('connecting');
    const query = this.lastSeq === null ? '' : `?after=${this.lastSeq}`;
    const socket = this.connect(`${this.options.url}${query}`);
    this.socket = socket;
    socket.onmessage = (message) => {
      if (typeof message.data === 'string') this.handle(JSON.parse(message.data) as Frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setStatus('offline');
      if (this.stopped) return;
      this.retry = setTimeout(() => {
        this.retry = null;
        if (!this.stopped) this.open();
      }, this.backoff(this.attempt++));
    };
    socket.onerror = () => undefined;  // a close follows; it schedules the retry
    socket.onopen = () => undefined;
  }

  private handle(frame: Frame): void {
    switch (frame.type) {
      case 'ready':
        this.attempt = 0;
        if (this.lastSeq === null || frame.seq > this.lastSeq) this.lastSeq = frame.seq;
        this.setStatus('live');
        return;
      case 'reset':
        this.lastSeq = frame.seq;
        for (const fn of this.resetListeners) fn();
        return;
      case 'event': {
        const event = frame.event;
        // A reconnect may repeat what was already seen; each event reaches screens once.
        if (this.lastSeq !== null && event.seq <= this.lastSeq) return;
        this.lastSeq = event.seq;
        for (const { prefix, fn } of this.listeners) {
          if (event.type.startsWith(prefix)) fn(event);
        }
        return;
      }
      case 'presence':
        for (const fn of this.presenceListeners) fn(frame);
        return;
      case 'chat_typing':
        for (const fn of this.chatTypingListeners) fn(frame);
        return;
      default:
        return;
    }
  }

  private setStatus(status: StreamStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const fn of this.statusListeners) fn(status);
  }
}

let shared: LiveStream | null = null;

/** The signed-in app's stream (same origin as the page), created on first use. */
export function liveStream(): LiveStream {
  if (!shared) {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    shared = new LiveStream({ url: `${scheme}//${window.location.host}/api/v1/stream` });
  }
  return shared;
}
