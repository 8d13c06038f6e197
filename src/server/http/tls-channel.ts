/** The TLS facts of a request's connection that enrollment needs (channel-binding.ts, reenrollment.ts). */
import type { TLSSocket } from 'node:tls';
import type { FastifyRequest } from 'fastify';
import type { TlsChannel } from '../channel-binding.js';
import type { PresentedCertificate } from '../reenrollment.js';

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

/** The client certificate the server requested (never required) at the handshake. */
export function presentedCertificateOf(request: FastifyRequest): PresentedCertificate {
  const socket = tlsSocketOf(request);
  const peer = socket.getPeerCertificate(false) as Partial<ReturnType<TLSSocket['getPeerCertificate']>>;
  if (!peer.raw) return { der: undefined, serial: undefined, chainError: undefined };
  const error = socket.authorizationError as unknown as string | Error | null;
  const chainError = socket.authorized ? undefined : typeof error === 'string' ? error : ((error as (Error & { code?: string }) | null)?.code ?? 'UNVERIFIED');
  return { der: peer.raw, serial: peer.serialNumber, chainError };
}
