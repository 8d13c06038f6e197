/**
 * window.tokendesk, generated from the channel map (Heroic's makeHandlerInvoker,
 * in spirit): one invoker per call channel, one listener slot per event channel,
 * each slot returning its unsubscribe. The renderer never sees ipcRenderer or an
 * IPC event object — only the validated payload. Pure over an injected
 * ipcRenderer, so it is unit-tested without Electron.
 */
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  eventChannels,
  ipcEventName,
  ipcRequestName,
  listenerSlot,
  replySchema,
  requestChannels,
  type Reply,
  type TokenDeskApi,
} from '../../api/index.js';

/** The slice of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

const garbled: Reply<never> = {
  ok: false,
  error: {
    code: 'TD-API-REPLY-INVALID',
    severity: 'error',
    text: { ja: 'TokenDesk の内部エラーです。', en: 'TokenDesk had an internal error.' },
    cause: { ja: 'TokenDesk の応答が想定した形式ではありませんでした。', en: 'TokenDesk produced an answer of an unexpected form.' },
    remedy: { ja: 'やり直してください。繰り返す場合はヘルプデスクへこの画面の内容をお知らせください。', en: 'Try again; if it happens again, tell the helpdesk what this screen shows.' },
  },
};

export function createPreloadApi(ipc: IpcRendererLike): TokenDeskApi {
  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    api[channel] = async (request: unknown) => {
      const reply = replySchema(requestChannels[channel].response).safeParse(await ipc.invoke(ipcRequestName(channel), request));
      return reply.success ? reply.data : garbled;
    };
  }
  const latest = new Map<string, unknown>();
  for (const event of EVENT_CHANNELS) {
    // Sticky events are remembered from the start, so a late listener is given the current state.
    if (eventChannels[event].sticky) {
      ipc.on(ipcEventName(event), (_event, payload) => {
        const checked = eventChannels[event].payload.safeParse(payload);
        if (checked.success) latest.set(event, checked.data);
      });
    }
    api[listenerSlot(event)] = (listener: (payload: unknown) => void) => {
      let active = true;
      const wrapped = (_event: unknown, payload: unknown) => {
        const checked = eventChannels[event].payload.safeParse(payload);
        if (checked.success) listener(checked.data);
      };
      ipc.on(ipcEventName(event), wrapped);
      if (latest.has(event)) {
        const replay = latest.get(event);
        queueMicrotask(() => active && listener(replay));
      }
      return () => {
        active = false;
        ipc.removeListener(ipcEventName(event), wrapped);
      };
    };
  }
  return Object.freeze(api) as TokenDeskApi;
}
