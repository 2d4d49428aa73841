// The Rapport chat widget (docs/design/chat.md): embedded by a business's website with
//   <script async src="https://desk.example/widget/rapport-chat.js" data-rapport-queue="que_…"></script>
// Vanilla TypeScript, no framework, built on its own (widget/vite.config.ts) into
// dist/widget/rapport-chat.js. Everything runs inside a Shadow DOM (open: tests and assistive
// tools reach it) so the host page's styles and ours never mix, every text is set with
// textContent (a "<script>" in a message is shown as text), and any failure is caught: the
// widget may fail, the host page never does.
//
// Identity: a site that knows its signed-in customer sets, before the script runs,
//   window.RapportChatSettings = { identity: { jwt: '…' } }   (or { customer_id, hash })
// made by its server with the chat identity secret (never in the browser's source).

type Json = Record<string, unknown>;
interface BotButton { label: string; value: string }
interface ChatFile { id: string; name: string; type?: string; size?: number }
interface ChatMessage {
  seq: number; author_kind: string; author_name?: string | null; text: string; client_id?: string | null;
  link?: { title: string; url: string }; buttons?: BotButton[]; attachments?: ChatFile[];
}
interface Settings { identity?: Json; queue?: string; title?: string }

const STORAGE_KEY = 'rapport-chat-visitor';
const TYPING_EVERY_MS = 4000;
const TYPING_SHOWN_MS = 6000;
const MAX_BACKOFF_MS = 30000;
const MAX_TEXT = 4000;

const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, sans-serif; font-size: 15px; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; border: 0; border-radius: 28px;
  padding: 14px 20px; background: #1d4ed8; color: #fff; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.launcher:focus-visible, button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.panel { position: fixed; right: 20px; bottom: 84px; z-index: 2147483000; width: min(360px, calc(100vw - 24px));
  height: min(520px, calc(100vh - 120px)); display: flex; flex-direction: column; background: #fff; color: #111;
  border-radius: 12px; box-shadow: 0 4px 24px rgba(0,0,0,.3); overflow: hidden; }
[hidden] { display: none !important; }
header { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px; background: #1d4ed8; color: #fff; }
header h2 { margin: 0; font-size: 16px; }
header button { background: transparent; color: #fff; border: 0; cursor: pointer; padding: 4px 8px; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; margin: 0; }
.msg { max-width: 80%; padding: 8px 10px; border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
.visitor { align-self: flex-end; background: #dbeafe; }
.agent, .bot { align-self: flex-start; background: #f3f4f6; }
.system, .notice { align-self: center; color: #374151; font-size: 13px; background: transparent; text-align: center; }
.who { display: block; font-size: 12px; color: #4b5563; }
.pending { border: 1px dashed #6b7280; }
.status { min-height: 18px; padding: 0 14px; font-size: 13px; color: #374151; }
form { display: flex; gap: 6px; padding: 10px; border-top: 1px solid #e5e7eb; }
form.stack { flex-direction: column; }
textarea, input { flex: 1; border: 1px solid #6b7280; border-radius: 8px; padding: 8px; resize: none; color: #111; background: #fff; }
form button, .rate button { border: 0; border-radius: 8px; padding: 8px 12px; background: #1d4ed8; color: #fff; cursor: pointer; }
.rate { display: flex; gap: 8px; justify-content: center; padding: 8px; }
.choices { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.choices button { border: 1px solid #1d4ed8; border-radius: 14px; padding: 4px 10px; background: #fff; color: #1d4ed8; cursor: pointer; }
.msg a { display: block; margin-top: 4px; color: #1d4ed8; }
.files { display: flex; flex-direction: column; gap: 4px; margin-top: 4px; }
.file { background: transparent; border: 0; padding: 0; color: #1d4ed8; text-decoration: underline; cursor: pointer; text-align: left; }
.attach { position: relative; display: flex; align-items: center; border: 1px solid #6b7280; border-radius: 8px; padding: 0 8px; cursor: pointer; color: #111; }
.attach input { position: absolute; inset: 0; opacity: 0; cursor: pointer; width: 100%; }
.attach:focus-within { outline: 3px solid #f59e0b; outline-offset: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'c' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function storageGet(key: string): string | null {
  try { return localStorage.getItem(key); } catch { return null; }
}
function storageSet(key: string, value: string): void {
  try { localStorage.setItem(key, value); } catch { /* private mode: the id lives for the page */ }
}

class RapportChat {
  private ws: WebSocket | null = null;
  private backoff = 1000;
  // The highest seq shown on this page: a new page shows the whole conversation (after_seq 0),
  // a reconnect asks only for what it missed.
  private lastSeq = 0;
  // client id -> the message frame (text, a bot button's choice, files), until acked
  private readonly pending = new Map<string, Json>();
  private readonly shown = new Map<number, HTMLElement>();
  private lastTypingSent = 0;
  private typingTimer = 0;
  private agentRead = 0;
  private conversationState = '';
  private conversationId = '';
  private token = '';  // the visitor token, also when localStorage is unavailable
  private readonly root: ShadowRoot;
  private readonly panel: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly log: HTMLElement;
  private readonly status: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly composer: HTMLFormElement;
  private readonly prechat: HTMLFormElement;
  private readonly rate: HTMLElement;

  constructor(private readonly socketUrl: string, private readonly httpBase: string, private readonly settings: Settings) {
    const host = el('div', { 'data-rapport-chat': '' });
    this.root = host.attachShadow({ mode: 'open' });
    const style = el('style', {}, STYLE);
    this.launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'rapport-panel' }, 'Chat with us');
    this.panel = el('section', { class: 'panel', id: 'rapport-panel', role: 'dialog', 'aria-label': settings.title ?? 'Chat', hidden: '' });
    const header = el('header');
    header.append(el('h2', {}, settings.title ?? 'Chat with us'));
    const endButton = el('button', { type: 'button' }, 'End chat');
    const closeButton = el('button', { type: 'button', 'aria-label': 'Close chat' }, '✕');
    const buttons = el('div');
    buttons.append(endButton, closeButton);
    header.append(buttons);
    this.log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages' });
    this.status = el('div', { class: 'status', role: 'status' });
    this.prechat = this.buildPrechat();
    this.composer = el('form', { 'aria-label': 'Send a message' });
    const label = el('label', { class: 'sr', for: 'rapport-input' }, 'Your message');
    this.input = el('textarea', { id: 'rapport-input', rows: '2', maxlength: String(MAX_TEXT), placeholder: 'Write a message…' });
    this.composer.append(label, this.input, this.buildAttach(), el('button', { type: 'submit' }, 'Send'));
    this.rate = this.buildRating();
    this.panel.append(header, this.log, this.status, this.prechat, this.composer, this.rate);
    this.root.append(style, this.launcher, this.panel);
    document.body.append(host);

    this.launcher.addEventListener('click', () => this.toggle());
    closeButton.addEventListener('click', () => this.toggle(false));
    endButton.addEventListener('click', () => this.send({ type: 'end' }));
    this.panel.addEventListener('keydown', (event) => { if (event.key === 'Escape') this.toggle(false); });
    this.composer.addEventListener('submit', (event) => { event.preventDefault(); this.submit(); });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); this.submit(); }
    });
    this.input.addEventListener('input', () => {
      const now = Date.now();
      if (now - this.lastTypingSent > TYPING_EVERY_MS) { this.lastTypingSent = now; this.send({ type: 'typing' }); }
    });
    this.connect();
  }

  private buildPrechat(): HTMLFormElement {
    const form = el('form', { class: 'stack', 'aria-label': 'Your details (optional)', hidden: '' });
    const name = el('input', { id: 'rapport-name', autocomplete: 'name', maxlength: '100' });
    const email = el('input', { id: 'rapport-email', type: 'email', autocomplete: 'email', maxlength: '254' });
    form.append(el('label', { for: 'rapport-name' }, 'Name (optional)'), name,
      el('label', { for: 'rapport-email' }, 'Email (optional)'), email, el('button', { type: 'submit' }, 'Save'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const frame: Json = { type: 'prechat' };
      if (name.value.trim()) frame.name = name.value.trim();
      if (email.value.trim()) frame.email = email.value.trim();
      this.send(frame);
      form.hidden = true;
      this.input.focus();
    });
    return form;
  }

  private buildRating(): HTMLElement {
    const box = el('div', { class: 'rate', hidden: '', role: 'group', 'aria-label': 'Rate this chat' });
    for (const [rating, text] of [['good', 'Good'], ['bad', 'Bad']]) {
      const button = el('button', { type: 'button' }, text);
      button.addEventListener('click', () => { this.send({ type: 'rate', rating }); box.hidden = true; });
      box.append(button);
    }
    return box;
  }

  private toggle(open = this.panel.hidden): void {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open) {
      this.input.focus();
      this.markRead();
    } else {
      this.launcher.focus();
    }
  }

  private connect(): void {
    const ws = new WebSocket(this.socketUrl);
    this.ws = ws;
    ws.onopen = () => {
      this.backoff = 1000;
      const hello: Json = { type: 'hello', after_seq: this.lastSeq, page_url: location.href.slice(0, 2000) };
      const token = storageGet(STORAGE_KEY);
      if (token) hello.visitor_token = token;
      if (this.settings.identity) hello.identity = this.settings.identity;
      if (this.settings.queue) hello.queue_id = this.settings.queue;
      ws.send(JSON.stringify(hello));
      // Messages never acked are sent again with their client ids: stored at most once.
      for (const frame of this.pending.values()) ws.send(JSON.stringify(frame));
    };
    ws.onmessage = (event) => {
      try { this.receive(JSON.parse(String(event.data)) as Json); } catch { /* one bad frame is skipped */ }
    };
    ws.onclose = () => {
      this.ws = null;
      const wait = this.backoff * (0.5 + Math.random());
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      window.setTimeout(() => this.connect(), wait);
    };
  }

  private send(frame: Json): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private submit(): void {
    const text = this.input.value.trim().slice(0, MAX_TEXT);
    if (!text) return;
    this.input.value = '';
    this.say(text);
  }

  // A message, or a bot button pressed (its label is the message, its value the choice).
  private say(text: string, choice?: string): void {
    const clientId = randomId();
    const frame: Json = { type: 'message', client_id: clientId, text, choice };
    this.pending.set(clientId, frame);
    this.clearChoices();
    this.addBubble({ seq: 0, author_kind: 'visitor', text, client_id: clientId }, true);
    this.lastTypingSent = 0;  // the next keystroke starts a new notice for the agent
    this.send(frame);
  }

  // Only the latest bot message's buttons can be pressed: older ones no longer fit.
  private clearChoices(): void {
    for (const old of this.log.querySelectorAll('.choices')) old.remove();
  }

  private choices(buttons: BotButton[]): HTMLElement {
    const box = el('div', { class: 'choices', role: 'group', 'aria-label': 'Choices' });
    for (const button of buttons.slice(0, 8)) {
      const item = el('button', { type: 'button' }, button.label);
      item.addEventListener('click', () => this.say(button.label, button.value));
      box.append(item);
    }
    return box;
  }

  private receive(frame: Json): void {
    switch (frame.type) {
      case 'welcome': {
        if (typeof frame.visitor_token === 'string') { storageSet(STORAGE_KEY, frame.visitor_token); this.token = frame.visitor_token; }
        const conversation = frame.conversation as Json | null;
        if (!conversation && frame.bot === true && this.log.childElementCount === 0) {
          // The bot answers first: a greeting, and the way to a person at any time.
          this.addBubble({
            seq: 0, author_kind: 'bot', text: 'Hi! I answer from our help center, day and night. Ask me a question, or talk to a person.',
            buttons: [{ label: 'Talk to a person', value: 'human' }],
          }, false);
        } else if (!conversation) {
          this.prechat.hidden = false;
        } else {
          this.follow(String(conversation.id));
          this.setState(String(conversation.state));
        }
        break;
      }
      case 'message': this.addMessage(frame.message as ChatMessage); break;
      case 'ack': {
        this.follow(String(frame.conversation_id));
        const clientId = String(frame.client_id);
        this.pending.delete(clientId);
        const bubble = this.log.querySelector(`[data-client="${CSS.escape(clientId)}"]`);
        bubble?.classList.remove('pending');
        break;
      }
      case 'state': {
        const conversation = frame.conversation as Json;
        this.follow(String(conversation.id));
        this.setState(String(conversation.state));
        break;
      }
      case 'agent_joined': this.notice('An agent joined the chat.'); break;
      case 'agent_left': this.notice('The agent left; you are waiting for the next one.'); break;
      case 'typing':
        this.status.textContent = 'The agent is typing…';
        window.clearTimeout(this.typingTimer);
        this.typingTimer = window.setTimeout(() => { this.status.textContent = ''; }, TYPING_SHOWN_MS);
        break;
      case 'read':
        this.agentRead = Number(frame.seq) || 0;
        this.status.textContent = this.agentRead > 0 ? 'Read' : '';
        break;
      case 'waiting':
        this.status.textContent = waitingText(frame);
        break;
      case 'offline':
        this.status.textContent = String(frame.detail ?? 'Nobody is available right now.');
        this.prechat.hidden = false;
        break;
      case 'ticket_created': this.notice(String(frame.detail)); break;
      case 'rated': this.notice('Thank you for your rating.'); break;
      case 'error':
        if (frame.code !== 'visitor_token') this.notice(String(frame.detail ?? 'Something went wrong.'));
        break;
      default: break;
    }
  }

  // Seqs count per conversation: a new conversation (after an ended one) starts from 0.
  private follow(id: string): void {
    if (id === this.conversationId) return;
    this.conversationId = id;
    this.lastSeq = 0;
    this.shown.clear();
  }

  private setState(state: string): void {
    this.conversationState = state;
    this.rate.hidden = state !== 'ended';
    if (state === 'ended') {
      this.notice('The chat has ended.');
    }
  }

  private addMessage(message: ChatMessage): void {
    if (message.seq <= this.lastSeq && this.shown.has(message.seq)) return;
    if (message.client_id) {
      const mine = this.log.querySelector(`[data-client="${CSS.escape(message.client_id)}"]`);
      if (mine instanceof HTMLElement) {
        mine.classList.remove('pending');
        this.shown.set(message.seq, mine);
        this.remember(message.seq);
        return;
      }
    }
    this.addBubble(message, false);
    this.remember(message.seq);
    if (message.author_kind !== 'visitor') {
      this.status.textContent = '';
      if (this.panel.hidden) this.launcher.textContent = 'Chat with us (new message)';
      else this.markRead();
    }
  }

  private remember(seq: number): void {
    if (seq > this.lastSeq) this.lastSeq = seq;
  }

  private addBubble(message: ChatMessage, pending: boolean): void {
    const item = el('div', { class: `msg ${message.author_kind}${pending ? ' pending' : ''}` });
    if (message.client_id) item.setAttribute('data-client', message.client_id);
    if (message.author_kind !== 'visitor') {
      const who = message.author_kind === 'bot' ? 'Bot' : message.author_name ?? 'Agent';
      item.append(el('span', { class: 'who' }, who));
    }
    item.append(document.createTextNode(message.text));
    if (message.attachments?.length) item.append(this.fileList(message.attachments));
    // An article link from the bot: only web addresses, opened beside the host page.
    if (message.link && /^https?:\/\//.test(message.link.url)) {
      item.append(el('a', { href: message.link.url, target: '_blank', rel: 'noopener noreferrer' }, message.link.title));
    }
    if (message.buttons?.length) {
      this.clearChoices();
      item.append(this.choices(message.buttons));
    }
    this.log.append(item);
    if (message.seq > 0) this.shown.set(message.seq, item);
    this.log.scrollTop = this.log.scrollHeight;
  }

  // Files (docs/design/chat.md § Files): uploaded over HTTP with the visitor token (a CORS
  // simple request: text/plain, no custom header), then sent as a message naming their ids.
  private buildAttach(): HTMLElement {
    const label = el('label', { class: 'attach' }, 'Attach');
    const input = el('input', { type: 'file', 'aria-label': 'Attach a file' });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) void this.sendFile(file);
    });
    label.append(input);
    return label;
  }

  private fileUrl(path: string, query: Record<string, string> = {}): string {
    const params = new URLSearchParams({ ...query, visitor_token: this.token || storageGet(STORAGE_KEY) || '' });
    return `${this.httpBase}${path}?${params.toString()}`;
  }

  private async sendFile(file: File): Promise<void> {
    if (!this.conversationId) { this.notice('Send a message first, then attach a file.'); return; }
    try {
      const response = await fetch(this.fileUrl('/widget/files', { name: file.name.slice(0, 200) }),
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: file });
      const answer = await response.json().catch(() => ({})) as Json;
      if (!response.ok) { this.notice(String(answer.detail ?? 'The file could not be sent.')); return; }
      const clientId = randomId();
      const frame: Json = { type: 'message', client_id: clientId, text: '', attachment_ids: [answer.id] };
      this.pending.set(clientId, frame);
      this.addBubble({ seq: 0, author_kind: 'visitor', text: '', client_id: clientId, attachments: [answer as unknown as ChatFile] }, true);
      this.send(frame);
    } catch {
      this.notice('The file could not be sent (too large, or not an image, PDF, text or office document).');
    }
  }

  private fileList(files: ChatFile[]): HTMLElement {
    const list = el('span', { class: 'files' });
    for (const file of files) {
      const button = el('button', { type: 'button', class: 'file' }, `📎 ${file.name}`);
      button.addEventListener('click', () => void this.download(file));
      list.append(button);
    }
    return list;
  }

  private async download(file: ChatFile): Promise<void> {
    try {
      const response = await fetch(this.fileUrl(`/widget/files/${encodeURIComponent(file.id)}`));
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = el('a', { href: url, download: file.name });
      this.root.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch {
      this.notice('The file could not be downloaded.');
    }
  }

  private notice(text: string): void {
    this.log.append(el('div', { class: 'msg notice' }, text));
    this.log.scrollTop = this.log.scrollHeight;
  }

  private markRead(): void {
    this.launcher.textContent = 'Chat with us';
    if (this.lastSeq > 0 && this.conversationState !== 'ended') this.send({ type: 'read', seq: this.lastSeq });
  }
}

// "You are number 2 in line (about 3 minutes)." The estimate is the server's, from recent waits.
function waitingText(frame: Json): string {
  if (!frame.position) return 'An agent will be with you shortly.';
  const minutes = typeof frame.estimated_wait_seconds === 'number' ? Math.max(1, Math.round(frame.estimated_wait_seconds / 60)) : 0;
  const about = minutes ? ` (about ${minutes} minute${minutes === 1 ? '' : 's'})` : '';
  return `You are number ${String(frame.position)} in line${about}.`;
}

function start(): void {
  const script = (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="/widget/rapport-chat.js"]');
  if (!script || !('WebSocket' in window)) return;
  const source = new URL(script.src, location.href);
  const socketUrl = `${source.protocol === 'https:' ? 'wss:' : 'ws:'}//${source.host}/widget/ws`;
  const global = (window as unknown as { RapportChatSettings?: Settings }).RapportChatSettings ?? {};
  const settings: Settings = {
    ...global,
    queue: script.dataset.rapportQueue ?? global.queue,
    title: script.dataset.rapportTitle ?? global.title,
  };
  const begin = () => {
    try { new RapportChat(socketUrl, source.origin, settings); } catch (error) { console.warn('Rapport chat could not start', error); }
  };
  if (document.body) begin();
  else document.addEventListener('DOMContentLoaded', begin, { once: true });
}

try { start(); } catch (error) { console.warn('Rapport chat could not start', error); }
