/**
 * HTTP/1.1 over a raw TLS socket to the test CA, for what a client library would hide:
 * the exact bytes of the header block (names as sent, in order), the TLS connection
 * itself (its tls-unique, a client certificate, a chosen protocol version), and
 * requests sent slowly on purpose.
 */
import { connect, type ConnectionOptions, type TLSSocket } from 'node:tls';

export interface RawAnswer {
  statusLine: string;
  status: number;
  /** The header block exactly as received, without the status line and the blank line. */
  headerBlock: string;
  /** Header names as sent, in order. */
  headerNames: string[];
  /** By lower-cased name, for reading values. */
  header(name: string): string | undefined;
  body: Buffer;
  text: string;
}

/** A TLS connection to the CA at `url`, trusting only `caPem`. */
export function connectTls(url: string, caPem: string, options: ConnectionOptions = {}): Promise<TLSSocket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolveSocket, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ca: caPem, servername: hostname === '127.0.0.1' ? undefined : hostname, ...options }, () => {
      socket.off('error', reject);
      resolveSocket(socket);
    });
    socket.once('error', reject);
  });
}

export function parseRawAnswer(bytes: Buffer): RawAnswer {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete header block in ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`);
  const head = bytes.subarray(0, end).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const fields = lines.map((line) => {
    const colon = line.indexOf(':');
    return { name: line.slice(0, colon), value: line.slice(colon + 1).trim() };
  });
  const body = bytes.subarray(end + 4);
  return {
    statusLine,
    status: Number(statusLine.split(' ')[1]),
    headerBlock: lines.join('\r\n'),
    headerNames: fields.map((f) => f.name),
    header: (name) => fields.find((f) => f.name.toLowerCase() === name.toLowerCase())?.value,
    body,
    text: body.toString('utf8'),
  };
}

/** Reads everything until the server closes (send `Connection: close`). */
export function readUntilClosed(socket: TLSSocket): Promise<Buffer> {
  return new Promise((resolveBytes, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' && chunks.length > 0 ? resolveBytes(Buffer.concat(chunks)) : reject(error)));
    socket.once('close', () => resolveBytes(Buffer.concat(chunks)));
  });
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function requestBytes(host: string, request: RawRequest): Buffer {
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body);
  const headers: Record<string, string> = { Host: host, Connection: 'close', ...request.headers };
  if (request.body !== undefined) headers['Content-Length'] = String(body.length);
  const head = [`${request.method} ${request.path} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]);
}

/** One request on `socket` (which the server then closes); the answer as received. */
export async function exchange(socket: TLSSocket, host: string, request: RawRequest): Promise<RawAnswer> {
  const answer = readUntilClosed(socket);
  socket.write(requestBytes(host, request));
  return parseRawAnswer(await answer);
}

/** Connects, sends one request, reads the answer. */
export async function rawHttpsRequest(ca: { url: string; caCertificatePem: string }, request: RawRequest, tls: ConnectionOptions = {}): Promise<RawAnswer> {
  const socket = await connectTls(ca.url, ca.caCertificatePem, tls);
  return exchange(socket, new URL(ca.url).host, request);
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
