/**
 * TokenDeskApi: what a screen calls. `window.tokendesk` in Electron (preload) and
 * the WebSocket client in a browser both have exactly this shape:
 *
 *   const reply = await api.submitStoragePin({ pin });   // Reply<WizardView>
 *   const stop = api.onWizardState((view) => …);          // returns an unsubscribe
 */
import type { ChannelRequest, ChannelResponse, EventChannel, EventPayload, RequestChannel } from './channels.js';
import type { Reply } from './reply.js';

export type Unsubscribe = () => void;

export type ListenerSlot<E extends EventChannel> = `on${Capitalize<E>}`;

export type TokenDeskApi = {
  readonly [K in RequestChannel]: (request: ChannelRequest<K>) => Promise<Reply<ChannelResponse<K>>>;
} & {
  readonly [E in EventChannel as ListenerSlot<E>]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe;
};

/** `wizardState` → `onWizardState`. */
export function listenerSlot<E extends EventChannel>(event: E): ListenerSlot<E> {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}` as ListenerSlot<E>;
}

/**
 * The core side: one async function per channel that throws on failure, and a
 * subscription per event. src/core/service implements it; the adapters turn it
 * into Replies (src/core/service/dispatch.ts).
 */
export type TokenDeskHandlers = {
  [K in RequestChannel]: (request: ChannelRequest<K>) => Promise<ChannelResponse<K>>;
};

export interface TokenDeskEvents {
  subscribe<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
}
