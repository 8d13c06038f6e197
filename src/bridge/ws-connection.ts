/**
 * One browser tab's WebSocket: its calls go through dispatch (validated both
 * ways, failures as catalogue messages), and every event of the service reaches
 * it as validated JSON. A frame that is not a well-formed call closes the socket
 * (1008): a page that speaks something else is not ours.
 */
import type { WebSocket } from 'ws';
import { EVENT_CHANNELS, WsCallSchema, type EventChannel, type TokenDeskHandlers, type TokenDeskEvents, type WsServerMessage } from '../api/index.js';
import { checkEvent, dispatch } from '../core/service/index.js';
import { endOnProtocolError } from './socket-errors.js';
import { sendOrEnd } from './socket-limits.js';

export function attachConnection(socket: WebSocket, service: TokenDeskHandlers & TokenDeskEvents, log: (line: string) => void): void {
  endOnProtocolError(socket, log);
  const send = (message: WsServerMessage) => sendOrEnd(socket, JSON.stringify(message), log);
  const unsubscribers = EVENT_CHANNELS.map((event: EventChannel) =>
    service.subscribe(event, (payload: unknown) => {
      const checked = checkEvent(event, payload);
      if (checked !== undefined) send({ kind: 'event', event, payload: checked });
    }),
  );
  socket.on('message', (data, isBinary) => {
    if (isBinary) return socket.close(1008, 'text frames only');
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      return socket.close(1008, 'not JSON');
    }
    const call = WsCallSchema.safeParse(parsed);
    if (!call.success) return socket.close(1008, 'not a TokenDesk call');
    const { id, channel, request } = call.data;
    // The channel name only: requests may carry PINs.
    log(`call ${channel.replace(/[^\w]/g, '?')}`);
    void dispatch(service, channel, request).then((reply) => send({ kind: 'reply', id, reply }));
  });
  socket.on('close', () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  });
}
