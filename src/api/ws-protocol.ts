/**
 * TokenDeskApi over WebSocket (src/bridge): JSON text frames. The envelope is
 * checked here; the request, reply and event payloads by the channel map.
 */
import { z } from 'zod';

/** Browser → bridge: one call. `id` pairs the reply with it. */
export const WsCallSchema = z
  .object({ kind: z.literal('call'), id: z.number().int().nonnegative(), channel: z.string().max(64), request: z.unknown() })
  .strict();
export type WsCall = z.infer<typeof WsCallSchema>;

/** Bridge → browser: the reply to a call, or an event. */
export const WsServerMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply'), id: z.number().int().nonnegative(), reply: z.unknown() }).strict(),
  z.object({ kind: z.literal('event'), event: z.string().max(64), payload: z.unknown() }).strict(),
]);
export type WsServerMessage = z.infer<typeof WsServerMessageSchema>;

/** Largest frame either side accepts: the biggest reply (a diagnosis report) is far below it. */
export const WS_MAX_FRAME_BYTES = 1024 * 1024;

export { LAUNCH_SECRET_PARAM, WS_PATH } from './ws-address.js';
