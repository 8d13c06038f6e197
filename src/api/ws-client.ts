/**
 * The browser build's TokenDeskApi: the same object `window.tokendesk` is in
 * Electron, generated from the channel map, talking to src/bridge over WebSocket.
 * Every reply and event is validated before a screen sees it. Uses only the
 * standard WebSocket, so it runs in any browser.
 */
import { EVENT_CHANNELS, REQUEST_CHANNELS, eventChannels, isEventChannel, requestChannels, type EventChannel, type RequestChannel } from './channels.js';
import { replySchema, type Reply } from './reply.js';
import { listenerSlot, type TokenDeskApi } from './tokendesk-api.js';
import { LAUNCH_SECRET_PARAM, WS_PATH, WsServerMessageSchema, type WsCall } from './ws-protocol.js';

/** The reply a screen gets when the bridge is gone or answered nonsense (catalogue code, both languages). */
function transportFailure(rawCode: string): Reply<never> {
  return {
    ok: false,
    error: {
      code: 'TD-BRIDGE-UNREACHABLE',
      severity: 'error',
      text: { ja: 'TokenDesk との接続が切れました。', en: 'The connection to TokenDesk was lost.' },
      cause: { ja: 'TokenDesk のブリッジが停止したか、応答が不正です。', en: 'The TokenDesk bridge stopped or answered something unexpected.' },
      remedy: { ja: 'TokenDesk を起動し直し、このページを再読み込みしてください。', en: 'Start TokenDesk again and reload this page.' },
      rawCode,
    },
  };
}

export interface WsClientOptions {
  /** ws://127.0.0.1:PORT/api; default: this page's own host. */
  url?: string;
  /** The bridge's launch secret (from the URL it printed); without it the bridge refuses the connection. */
  secret?: string;
  WebSocketImpl?: typeof WebSocket;
}

/** The secret goes in the WebSocket URL's query: a browser's WebSocket can send no header of its own. */
function withSecret(url: string, secret: string | undefined): string {
  if (secret === undefined) return url;
  const target = new URL(url);
  target.searchParams.set(LAUNCH_SECRET_PARAM, secret);
  return target.toString();
}

export interface WsTokenDeskApi {
  api: TokenDeskApi;
  /** Resolves once connected; rejects if the bridge refuses. */
  ready: Promise<void>;
  close(): void;
}

export function connectTokenDesk(options: WsClientOptions = {}): WsTokenDeskApi {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const url = options.url ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
  const socket = new Impl(withSecret(url, options.secret));
  let nextId = 0;
  const pending = new Map<number, { channel: RequestChannel; resolve: (reply: Reply<unknown>) => void }>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const latest = new Map<EventChannel, unknown>();

  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`TokenDesk bridge refused ${url}`)), { once: true });
  });

  socket.addEventListener('message', (event: MessageEvent) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(event.data));
    } catch {
      return;
    }
    const message = WsServerMessageSchema.safeParse(parsed);
    if (!message.success) return;
    if (message.data.kind === 'reply') {
      const waiting = pending.get(message.data.id);
      if (!waiting) return;
      pending.delete(message.data.id);
      const reply = replySchema(requestChannels[waiting.channel].response).safeParse(message.data.reply);
      waiting.resolve(reply.success ? (reply.data as Reply<unknown>) : transportFailure('reply-invalid'));
      return;
    }
    const name = message.data.event;
    if (!isEventChannel(name)) return;
    const payload = eventChannels[name].payload.safeParse(message.data.payload);
    if (!payload.success) return;
    if (eventChannels[name].sticky) latest.set(name, payload.data);
    for (const listener of listeners.get(name) ?? []) listener(payload.data);
  });

  socket.addEventListener('close', () => {
    for (const waiting of pending.values()) waiting.resolve(transportFailure('closed'));
    pending.clear();
  });

  const invoke = async (channel: RequestChannel, request: unknown): Promise<Reply<unknown>> => {
    const checked = requestChannels[channel].request.safeParse(request);
    if (!checked.success) return transportFailure('request-invalid');
    try {
      await ready;
    } catch {
      return transportFailure('unreachable');
    }
    if (socket.readyState !== Impl.OPEN) return transportFailure('closed');
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { channel, resolve });
      const call: WsCall = { kind: 'call', id, channel, request: checked.data };
      socket.send(JSON.stringify(call));
    });
  };

  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) api[channel] = (request: unknown) => invoke(channel, request);
  for (const event of EVENT_CHANNELS) {
    api[listenerSlot(event)] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      if (latest.has(event)) {
        const replay = latest.get(event);
        queueMicrotask(() => set.has(listener) && listener(replay));
      }
      return () => void set.delete(listener);
    };
  }
  return { api: api as TokenDeskApi, ready, close: () => socket.close() };
}
