/**
 * The one place a call from outside meets the core: the channel is checked, the
 * request validated with its schema, the handler run, any failure turned into a
 * catalogue message (never a raw error or stack trace), and the reply validated
 * again before it leaves. Electron main and the bridge both call this.
 */
import {
  eventChannels,
  isRequestChannel,
  replySchema,
  requestChannels,
  type EventChannel,
  type Reply,
  type TokenDeskHandlers,
} from '../../api/index.js';
import { InputError, toUserError } from '../messages/index.js';

export async function dispatch(handlers: TokenDeskHandlers, channel: unknown, request: unknown): Promise<Reply<unknown>> {
  if (!isRequestChannel(channel)) {
    return { ok: false, error: toUserError(new InputError({ code: 'TD-API-BAD-REQUEST', message: 'unknown channel', params: { detail: 'channel' } })) };
  }
  const spec = requestChannels[channel];
  const parsed = spec.request.safeParse(request ?? {});
  if (!parsed.success) {
    // Only the field names, never the values (they may be PINs).
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(request)'))].join(', ');
    return { ok: false, error: toUserError(new InputError({ code: 'TD-API-BAD-REQUEST', message: `invalid request for ${channel}`, params: { detail: fields.slice(0, 120) } })) };
  }
  let reply: Reply<unknown>;
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    reply = { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    reply = { ok: false, error: toUserError(error) };
  }
  const checked = replySchema(spec.response).safeParse(reply);
  if (!checked.success) {
    // A defect of ours, not the user's: the generic entry carries a code for the helpdesk.
    return { ok: false, error: toUserError(new InputError({ code: 'TD-API-REPLY-INVALID', message: `reply of ${channel} does not match its schema` })) };
  }
  return checked.data as Reply<unknown>;
}

/** An event's payload, validated before it leaves the process; undefined (dropped) if it does not match. */
export function checkEvent(event: EventChannel, payload: unknown): unknown {
  const checked = eventChannels[event].payload.safeParse(payload);
  return checked.success ? checked.data : undefined;
}
