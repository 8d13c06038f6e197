/**
 * Every call answers a Reply: the value, or the catalogue message of what went
 * wrong. An envelope rather than a rejection, because Electron's IPC and
 * contextBridge keep only an Error's message text — a Reply arrives whole over
 * IPC and WebSocket alike.
 */
import { z } from 'zod';
import { UserMessageSchema, type UserMessage } from './user-message.js';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: UserMessage };

export function replySchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: UserMessageSchema }),
  ]);
}

/** The value of a Reply, or an ApiError carrying the message (for callers that prefer exceptions). */
export function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  throw new ApiError(reply.error);
}

export class ApiError extends Error {
  constructor(readonly userMessage: UserMessage) {
    super(userMessage.text.en);
    this.name = 'ApiError';
  }
}
