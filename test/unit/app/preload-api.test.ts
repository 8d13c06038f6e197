/** window.tokendesk as the preload builds it from the channel map, over an in-memory ipcRenderer. */
import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, ipcEventName, ipcRequestName, listenerSlot, type WizardView } from '../../../src/api/index.js';
import { createPreloadApi, type IpcRendererLike } from '../../../src/app/preload/api-factory.js';
import { messageFor } from '../../../src/core/messages/index.js';

function fakeIpc(answer: (channel: string, request: unknown) => unknown) {
  const bus = new EventEmitter();
  const invoked: Array<[string, unknown]> = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel, request) => {
      invoked.push([channel, request]);
      return answer(channel, request);
    },
    on: (channel, listener) => bus.on(channel, listener),
    removeListener: (channel, listener) => bus.off(channel, listener),
  };
  return { ipc, bus, invoked };
}

const view: WizardView = { step: 2, status: 'input' };

it('has one invoker per call channel and one listener slot per event, and nothing else', () => {
  const api = createPreloadApi(fakeIpc(() => undefined).ipc);
  expect(Object.keys(api).sort()).toEqual([...REQUEST_CHANNELS, ...EVENT_CHANNELS.map(listenerSlot)].sort());
  expect(Object.isFrozen(api)).toBe(true);
});

it('invokes the namespaced channel and returns a validated reply', async () => {
  const { ipc, invoked } = fakeIpc(() => ({ ok: true, value: view }));
  const api = createPreloadApi(ipc);
  expect(await api.detectToken({})).toEqual({ ok: true, value: view });
  expect(invoked).toEqual([[ipcRequestName('detectToken'), {}]]);
});

it('turns a reply of the wrong shape into the catalogue message, identical to the catalogue entry', async () => {
  const api = createPreloadApi(fakeIpc(() => ({ ok: true, value: { step: 42 } })).ipc);
  const reply = await api.getWizard({});
  expect(reply.ok).toBe(false);
  if (!reply.ok) expect(reply.error).toEqual(messageFor('TD-API-REPLY-INVALID'));
});

it('listener slots deliver validated payloads only, and return a working unsubscribe', () => {
  const { ipc, bus } = fakeIpc(() => undefined);
  const api = createPreloadApi(ipc);
  const seen: WizardView[] = [];
  const stop = api.onWizardState((payload) => seen.push(payload));
  bus.emit(ipcEventName('wizardState'), {}, view);
  bus.emit(ipcEventName('wizardState'), {}, { step: 'nine' });
  expect(seen).toEqual([view]);
  stop();
  bus.emit(ipcEventName('wizardState'), {}, view);
  expect(seen).toHaveLength(1);
});

it('gives a late listener the current state of a sticky event', async () => {
  const { ipc, bus } = fakeIpc(() => undefined);
  const api = createPreloadApi(ipc);
  bus.emit(ipcEventName('tokenPresence'), {}, { serials: ['02B8BEA7'], slots: [] });
  const seen = await new Promise<string[]>((resolve) => api.onTokenPresence((presence) => resolve(presence.serials)));
  expect(seen).toEqual(['02B8BEA7']);
});
