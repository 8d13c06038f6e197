/**
 * IPC handlers generated from the channel map: each one checks the sender, then
 * hands the raw request to dispatch (zod both ways, failures as catalogue
 * messages). Nothing else happens here. `ipcMain` is injected so every handler's
 * validation is unit-tested without Electron.
 */
import { EVENT_CHANNELS, REQUEST_CHANNELS, ipcEventName, ipcRequestName, type Reply, type TokenDeskEvents, type TokenDeskHandlers } from '../../api/index.js';
import { InputError, toUserError } from '../../core/messages/index.js';
import { checkEvent, dispatch } from '../../core/service/index.js';
import type { SenderFrame } from './sender-check.js';

/** The slice of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  service: TokenDeskHandlers,
  isTrustedSender: (frame: SenderFrame | null | undefined) => boolean,
  log: (line: string) => void = () => undefined,
): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(ipcRequestName(channel), async (event, request): Promise<Reply<unknown>> => {
      if (!isTrustedSender(event.senderFrame)) {
        log(`refused ${channel}: sender is not the TokenDesk window`);
        return { ok: false, error: toUserError(new InputError({ code: 'TD-API-BAD-REQUEST', message: 'untrusted sender', params: { detail: 'sender' } })) };
      }
      return dispatch(service, channel, request);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(ipcRequestName(channel));
  };
}

/** The slice of a WebContents events are sent to. */
export interface EventTarget {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Every service event to the window, validated; returns the unsubscribe. */
export function forwardEvents(service: TokenDeskEvents, target: EventTarget): () => void {
  const stops = EVENT_CHANNELS.map((event) =>
    service.subscribe(event, (payload: unknown) => {
      const checked = checkEvent(event, payload);
      if (checked !== undefined && !target.isDestroyed()) target.send(ipcEventName(event), checked);
    }),
  );
  return () => stops.forEach((stop) => stop());
}
