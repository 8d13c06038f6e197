/** The TLS facts of a request's connection that enrollment needs (channel-binding.ts). */
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { TlsChannel } from '../channel-binding.js';

export function tlsSocketOf(request: FastifyRequest): TLSSocket {
  return request.raw.socket as TLSSocket;
}

export function tlsChannelOf(request: FastifyRequest): TlsChannel {
  const socket = tlsSocketOf(request);
  const protocol = socket.getProtocol();
  if (protocol !== 'TLSv1.2') return { protocol, tlsUnique: undefined };
  // RFC 5929 §3.1: the first Finished of the latest handshake — the client's in a full
  // handshake, the server's own in an abbreviated (resumed) one.
  const finished = socket.isSessionReused() ? socket.getFinished() : socket.getPeerFinished();
  return { protocol, tlsUnique: finished };
}
