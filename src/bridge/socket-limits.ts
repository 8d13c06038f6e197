/**
 * What one WebSocket peer may hold of this process. Anything on 127.0.0.1 is reachable
 * by every local process, so a peer that asks without end, or never reads what it is
 * answered, must cost its own connection, never the process's memory:
 *
 * - answers and events a peer has not read pile up in `ws`'s send buffer; past
 *   MAX_UNREAD_BYTES it is not reading, and its connection ends;
 * - calls waiting for their answer (a prompt, the token) each hold a promise chain;
 *   past MAX_CALLS_IN_FLIGHT a CA page's call is answered at once with TD-PORTAL-BUSY
 *   and holds nothing (portal-connection.ts; the bridge's one page holds the launch secret).
 */
import type { WebSocket } from 'ws';

/** Far above what a reading page ever leaves unread (the largest answer, a device read with its certificate, is a few KB). */
export const MAX_UNREAD_BYTES = 1024 * 1024;
/** Far above what a page needs at once (a device read, a login signature, the token list, hello). */
export const MAX_CALLS_IN_FLIGHT = 16;

/** Sends `text`, or ends the connection of a peer that has left MAX_UNREAD_BYTES unread. */
export function sendOrEnd(socket: WebSocket, text: string, log: (line: string) => void): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_UNREAD_BYTES) {
    log('connection ended: answers not read');
    socket.terminate();
    return;
  }
  socket.send(text);
}
