// A small RFC 6455 client over node:net, for the chat load runs (tests/api/lib/chat_load.mjs).
//
// Node's WebSocket (undici) cannot choose the source address of its connection, and the widget's
// socket allows 20 per client address (docs/design/chat.md § Bounds): a load run with 1,000
// visitors on loopback binds each to one of many 127.0.0.x addresses instead of lifting the bound.
// Only what the runs need: text frames both ways (fragments joined), the server's pings answered,
// a close. Client frames are masked, as the protocol requires.

import crypto from 'node:crypto';
import net from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_MESSAGE = 16 * 1024 * 1024;

/**
 * Opens a WebSocket. Resolves with {send(text), close(), onmessage, onclose} once upgraded;
 * rejects with an Error carrying `status` when the server answers the upgrade with anything but
 * 101.
 * @param {string} url            ws://host:port/path
 * @param {object} [options]
 * @param {object} [options.headers]       extra request headers (origin, authorization)
 * @param {string} [options.localAddress]  the source address (e.g. 127.0.0.7)
 */
export function openRawWebSocket(url, { headers = {}, localAddress } = {}) {
  const target = new URL(url);
  const key = crypto.randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.hostname, port: Number(target.port), localAddress });
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    // Frames that came with the upgrade's answer wait until the caller sets onmessage.
    let handler = null;
    const backlog = [];
    const client = {
      get onmessage() { return handler; },
      set onmessage(fn) {
        handler = fn;
        while (handler && backlog.length) handler(backlog.shift());
      },
      onclose: null,
      closed: false,
      send: (text) => { if (!client.closed) socket.write(frame(0x1, Buffer.from(text, 'utf8'))); },
      close: () => {
        if (client.closed) return;
        socket.write(frame(0x8, Buffer.from([0x03, 0xe8])));
        socket.end();
      },
      destroy: () => socket.destroy(),
    };
    let fragments = [];
    socket.on('connect', () => {
      const lines = [`GET ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`,
        'Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Key: ${key}`];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      socket.write(lines.join('\r\n') + '\r\n\r\n');
    });
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        const status = Number(head.split(' ')[1]);
        const accept = crypto.createHash('sha1').update(key + GUID).digest('base64');
        if (status !== 101 || !head.toLowerCase().includes(`sec-websocket-accept: ${accept.toLowerCase()}`)) {
          const error = new Error(`upgrade refused: ${head.split('\r\n')[0]}`);
          error.status = status;
          socket.destroy();
          reject(error);
          return;
        }
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        resolve(client);
      }
      // Server frames: FIN/opcode, length (7, 16 or 64 bits), never masked.
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0] & 0x0f;
        const fin = (buffer[0] & 0x80) !== 0;
        let length = buffer[1] & 0x7f;
        let at = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          at = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          at = 10;
        }
        if (length > MAX_MESSAGE) { socket.destroy(); return; }
        if (buffer.length < at + length) return;
        const payload = buffer.subarray(at, at + length);
        buffer = buffer.subarray(at + length);
        if (opcode === 0x9) {
          socket.write(frame(0xa, payload));
        } else if (opcode === 0x8) {
          client.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
          if (!client.closed) socket.write(frame(0x8, payload.subarray(0, 2)));
          socket.end();
        } else if (opcode === 0x1 || opcode === 0x0) {
          fragments.push(Buffer.from(payload));
          if (fin) {
            const text = Buffer.concat(fragments).toString('utf8');
            fragments = [];
            if (handler) handler(text);
            else backlog.push(text);
          }
        }
      }
    });
    socket.on('error', (error) => { if (!upgraded) reject(error); });
    socket.on('close', () => {
      const wasOpen = !client.closed;
      client.closed = true;
      if (!upgraded) reject(new Error('the connection closed before the upgrade'));
      else if (wasOpen) client.onclose?.(client.closeCode ?? 1006);
    });
  });
}

/** One masked client frame. */
function frame(opcode, payload) {
  const mask = crypto.randomBytes(4);
  let header;
  if (payload.length < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | payload.length]);
  } else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const masked = Buffer.allocUnsafe(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i & 3];
  return Buffer.concat([header, mask, masked]);
}
