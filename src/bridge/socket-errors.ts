/**
 * A protocol error on one connection ends that connection, never the process.
 * `ws` reports a bad frame (too large, invalid UTF-8, unmasked, reserved opcode,
 * RSV bits, an invalid close code, a fragmented control frame) as an 'error' event
 * on the socket, and Node treats an 'error' nobody listens to as fatal. So every
 * socket the bridge and the device module hold gets a listener here; `ws` has
 * already sent the close frame with the right code (1002/1007/1009) when it fires.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

export function endOnProtocolError(socket: WebSocket, log: (line: string) => void): void {
  socket.on('error', (error: Error & { code?: string }) => {
    log(`connection ended: ${String(error.code ?? 'protocol error').replace(/[^\w-]/g, '?')}`);
    socket.terminate();
  });
}

/** The raw TCP socket of an upgrade, before `ws` owns it: a reset or a write after the peer left is that peer's loss only. */
export function endRawOnError(socket: Duplex): void {
  socket.on('error', () => socket.destroy());
}
