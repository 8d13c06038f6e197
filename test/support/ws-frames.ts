/**
 * Raw WebSocket frames (RFC 6455 §5.2) written by hand on a plain TCP socket, for
 * the frames a well-behaved client library refuses to send: too large, invalid
 * UTF-8, unmasked, a reserved opcode, RSV1 without an extension, a bad close code,
 * a fragmented ping. Used against the bridge and the device module, run as real
 * processes, to prove a bad frame ends one connection and never the process.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface FrameParts {
  fin?: boolean;
  rsv1?: boolean;
  opcode: number;
  masked?: boolean;
  payload?: Buffer;
  /** Declare this length instead of the payload's (a frame larger than the receiver allows). */
  declaredLength?: number;
}

export function frame(parts: FrameParts): Buffer {
  const payload = parts.payload ?? Buffer.alloc(0);
  const length = parts.declaredLength ?? payload.length;
  const masked = parts.masked ?? true;
  const first = (parts.fin === false ? 0 : 0x80) | (parts.rsv1 ? 0x40 : 0) | (parts.opcode & 0x0f);
  let header: Buffer;
  if (length < 126) header = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  else if (length < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8((masked ? 0x80 : 0) | 126, 1);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8((masked ? 0x80 : 0) | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((byte, index) => byte ^ key[index % 4]!));
  return Buffer.concat([header, key, body]);
}

const closeCode = (code: number) => {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return payload;
};

/** issue 12 item 1: each of these killed the bridge process. */
export const BAD_FRAMES: ReadonlyArray<{ name: string; bytes: () => Buffer }> = [
  { name: 'a frame over 1 MiB', bytes: () => frame({ opcode: 1, declaredLength: 1024 * 1024 + 1, payload: Buffer.alloc(1024, 0x61) }) },
  { name: 'invalid UTF-8 in a text frame', bytes: () => frame({ opcode: 1, payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }) },
  { name: 'an unmasked client frame', bytes: () => frame({ opcode: 1, masked: false, payload: Buffer.from('{}') }) },
  { name: 'reserved opcode 3', bytes: () => frame({ opcode: 3, payload: Buffer.from('x') }) },
  { name: 'RSV1 set without an extension', bytes: () => frame({ opcode: 1, rsv1: true, payload: Buffer.from('{}') }) },
  { name: 'close code 999', bytes: () => frame({ opcode: 8, payload: closeCode(999) }) },
  { name: 'a fragmented ping', bytes: () => frame({ opcode: 9, fin: false, payload: Buffer.from('p') }) },
];

/**
 * Opens a WebSocket by hand (the handshake, then raw bytes): resolves with the
 * socket once the server answered 101, or rejects with the status line it sent.
 */
export function rawUpgrade(port: number, path: string, headers: Record<string, string>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.once('error', reject);
    socket.once('connect', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    const onData = (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const end = answer.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      if (answer.startsWith('HTTP/1.1 101')) resolve(socket);
      else {
        socket.destroy();
        reject(new Error(answer.slice(0, answer.indexOf('\r\n'))));
      }
    };
    socket.on('data', onData);
  });
}

/** Sends the bytes and waits until the server ends the connection (resolves with what it sent back, e.g. its close frame). */
export function sendUntilClosed(socket: Socket, bytes: Buffer, timeoutMs = 5000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server kept the connection open'));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(received));
    });
    socket.write(bytes);
  });
}

/** The close code in the server's close frame (opcode 8), past any messages it sent first; undefined if none. */
export function closeCodeOf(bytes: Buffer): number | undefined {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 8) return length >= 2 ? bytes.readUInt16BE(start) : undefined;
    at = start + length;
  }
  return undefined;
}
