/**
 * The browser SDK against the real device module, in Node with `ws` standing in
 * for the browser's WebSocket (same addEventListener interface; Node 20 has none
 * of its own — named here as the one stand-in). Failures carry a code, the CA
 * manual's row and its words.
 */
import { WebSocket as NodeWebSocket } from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPortalDesk, startDeviceModule, type RunningDeviceModule } from '../../../src/device-module/index.js';
import { connect, TokenDeskError } from '../../../src/device-module/sdk/tokendesk-portal.js';
import { freePort } from '../../support/free-port.js';

const ORIGIN = 'https://portal.ca.example.jp';
let module: RunningDeviceModule;
const desk = createPortalDesk();

beforeAll(async () => {
  // A browser sends its page's Origin on its own; the stand-in is told it.
  (globalThis as { WebSocket?: unknown }).WebSocket = class extends NodeWebSocket {
    constructor(url: string) {
      super(url, { origin: ORIGIN });
    }
  };
  module = await startDeviceModule({ desk, port: 0, modulePath: async () => '/nonexistent/libnothing.so' });
});

afterAll(async () => {
  await module?.close();
  delete (globalThis as { WebSocket?: unknown }).WebSocket;
});

it('says the module is not running, in the manual\'s row 2 words, when nothing answers', async () => {
  const error = await connect({ port: await freePort(), timeoutMs: 2000 }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TokenDeskError);
  expect(error).toMatchObject({ code: 'module-not-running', manualRow: 2 });
  expect((error as TokenDeskError).text.ja).toContain('eToken版電子証明書格納デバイス情報取得モジュール');
});

it('connects, is refused before consent, asks, and maps a missing library to row 2', async () => {
  const portal = await connect({ url: module.url });
  expect(portal.hello).toMatchObject({ product: 'TokenDesk', protocol: 'tokendesk-portal/1', origin: ORIGIN, allowed: false });
  await expect(portal.listTokens()).rejects.toMatchObject({ code: 'not-allowed', catalogueCode: 'TD-PORTAL-NOT-ALLOWED' });

  const codes: string[] = [];
  const stop = desk.subscribePrompts(({ prompts }) => prompts.forEach((prompt) => queueMicrotask(() => desk.answer({ id: prompt.id, decision: 'once' }))));
  await expect(portal.requestAccess({ onPairingCode: (code) => codes.push(code) })).resolves.toMatchObject({ granted: true, kind: 'once' });
  stop();
  expect(codes).toHaveLength(1);

  // The PKCS#11 library is missing: the manual's row 2 as well (the token software is not installed).
  await expect(portal.listTokens()).rejects.toMatchObject({ code: 'module-not-running', manualRow: 2 });
  const closed = new Promise((resolve) => portal.on('close', resolve));
  portal.close();
  await closed;
  await expect(portal.listTokens()).rejects.toMatchObject({ code: 'module-not-running' });
});
