/**
 * A TCP proxy on loopback between TokenDesk and the CA, to make the network fail
 * exactly where a test wants: refuse connections ("server down"), or let a request
 * through and lose the answer ("network dropped after the CA issued").
 * TLS passes through untouched, so the client still checks the real CA's server
 * certificate.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'loseAnswers';

export interface TcpProxy {
  port: number;
  url: string;
  mode: ProxyMode;
  /** Answers the proxy threw away in 'loseAnswers' mode (each a response the client never saw). */
  lostAnswers: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let mode: ProxyMode = 'pass';
  const proxy: TcpProxy = {
    port: 0,
    url: '',
    get mode() {
      return mode;
    },
    // "Server down" is a port nobody listens on (the client sees ECONNREFUSED), and
    // the connections already open end too (keep-alive would outlive the server).
    set mode(next: ProxyMode) {
      const was = mode;
      mode = next;
      if (next === 'refuse' && was !== 'refuse') {
        server.close();
        for (const socket of sockets) socket.destroy();
      } else if (was === 'refuse' && next !== 'refuse') {
        server.listen(proxy.port, '127.0.0.1');
      }
    },
    lostAnswers: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const upstream = connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let sentWhileLosing = 0;
    client.on('data', (chunk: Buffer) => {
      if (proxy.mode === 'loseAnswers') sentWhileLosing += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      // More than a TLS handshake's worth of client bytes went out since answers
      // started being lost: that was a request (an enrollment is >1 KB), so this is
      // its answer. Handshake replies still pass, so a fresh connection gets that far.
      if (proxy.mode === 'loseAnswers' && sentWhileLosing > LOST_ANSWER_THRESHOLD) {
        // The CA has done its work; the answer never arrives.
        proxy.lostAnswers += 1;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  proxy.port = typeof address === 'object' && address ? address.port : 0;
  proxy.url = `https://127.0.0.1:${proxy.port}`;
  return proxy;
}

/** Bytes of client data beyond a TLS handshake (ClientHello + Finished is under 800). */
const LOST_ANSWER_THRESHOLD = 1000;
