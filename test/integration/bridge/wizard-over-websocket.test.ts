/**
 * The whole storage wizard (Flow A) driven the way the browser build drives it:
 * the WebSocket client from src/api, over a real socket, to the real bridge on
 * loopback, its service on a SoftHSM2 token provisioned by the reference CA over
 * TLS. Ends with the certificate on the token under the new user PIN.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectTokenDesk, unwrap, type TokenDeskApi, type WizardProgress, type WizardView, type WsTokenDeskApi } from '../../../src/api/index.js';
import { startBridge, type RunningBridge } from '../../../src/bridge/index.js';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { provision } from '../../support/storage-scene.js';

let hsm: SoftHsm;
let ca: TestCa;
let bridge: RunningBridge;
let client: WsTokenDeskApi;
let api: TokenDeskApi;
let dir: string;

/** The browser's WebSocket sends its page's Origin; Node's must be told. */
function browserLike(origin: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as typeof globalThis.WebSocket;
}

beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1, soPin: '87654321' });
  ca = await startTestCa();
  await provision(ca, hsm.modulePath, hsm.tokens[0]!.serial, '87654321');
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-bridge-'));
  writeFileSync(join(dir, 'ca.pem'), ca.caCertificatePem);
  bridge = await startBridge({
    rendererDir: false,
    serviceOptions: {
      settingsFile: false,
      settings: { modulePath: hsm.modulePath, caUrl: ca.url, caTrustPath: join(dir, 'ca.pem'), caPins: [], language: 'ja' },
    },
  });
  client = connectTokenDesk({ url: bridge.wsUrl, secret: bridge.secret, WebSocketImpl: browserLike(new URL(bridge.url).origin) });
  await client.ready;
  api = client.api;
});

afterAll(async () => {
  client?.close();
  await bridge?.close();
  await ca?.stop();
  hsm?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('stores a certificate from STEP1 to STEP5 over the WebSocket, with events along the way', async () => {
  const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
  const states: WizardView[] = [];
  const progress: WizardProgress[] = [];
  const stopStates = api.onWizardState((view) => states.push(view));
  const stopProgress = api.onWizardProgress((event) => progress.push(event));

  const start = unwrap(await api.getWizard({}));
  expect(start).toMatchObject({ step: 1, status: 'input' });
  expect(start.deadline).toBeGreaterThan(Date.now());

  const step2 = unwrap(await api.detectToken({}));
  expect(step2.step, JSON.stringify(step2.error)).toBe(2);
  expect(step2.token?.serial).toBe(hsm.tokens[0]!.serial);
  expect(step2.target).toMatchObject({ applicationNo: mail.applicationNo, userId: mail.userId, kind: 'new' });

  expect(unwrap(await api.confirmUser({})).step).toBe(3);

  // A malformed storage PIN is refused by the core's rules, in the catalogue's words, without reaching the CA.
  const short = unwrap(await api.submitStoragePin({ pin: '123' }));
  expect(short.step).toBe(3);
  expect(short.error?.code).toBe('TD-STORAGE-PIN-LENGTH');
  expect(short.error?.text.ja).not.toBe('');

  const step4 = unwrap(await api.submitStoragePin({ pin: mail.storagePin }));
  expect(step4.step, JSON.stringify(step4.error)).toBe(4);
  expect(step4.error).toBeUndefined();

  const mismatch = unwrap(await api.submitUserPin({ newPin: 'Abcd1234', confirmation: 'Abcd1235' }));
  expect(mismatch).toMatchObject({ step: 4, error: { code: 'TD-USER-PIN-MISMATCH' } });

  const done = unwrap(await api.submitUserPin({ newPin: 'Abcd1234', confirmation: 'Abcd1234' }));
  expect(done.step, JSON.stringify(done.error)).toBe(5);
  expect(done.status).toBe('done');
  expect(done.result?.certificateSerialHex).toMatch(/^[0-9a-f]+$/i);

  // Events came over the same socket: the working states and STEP4's sub-steps.
  expect(states.some((view) => view.status === 'working')).toBe(true);
  expect(states.at(-1)?.step).toBe(5);
  expect(progress.map((event) => event.progress)).toContain('keyGeneration');
  stopStates();
  stopProgress();

  // No event or reply ever carried a PIN.
  const everything = JSON.stringify([states, progress, done]);
  expect(everything).not.toContain(mail.storagePin);
  expect(everything).not.toContain('Abcd1234');

  // A second opinion: the token itself, through a separate session, under the new PIN.
  const module = await openModule(hsm.modulePath);
  try {
    const session = await module.openSession(hsm.tokens[0]!.serial);
    await session.login('user', 'Abcd1234');
    const certificates = await session.listCertificates();
    const stored = certificates.map((c) => new X509Certificate(c.der)).find((c) => !c.checkIssued(c));
    expect(stored?.checkIssued(new X509Certificate(ca.caCertificatePem))).toBe(true);
    expect(BigInt(`0x${stored!.serialNumber}`)).toBe(BigInt(`0x${done.result!.certificateSerialHex}`));
    await session.logout();
    await session.close();
  } finally {
    await module.release();
  }
});

it('answers a call made at the wrong step with the catalogue message, not an exception', async () => {
  unwrap(await api.cancelWizard({}));
  const reply = await api.confirmUser({});
  expect(reply.ok).toBe(false);
  if (!reply.ok) expect(reply.error.code).toBe('TD-WIZARD-OUT-OF-STEP');
});

it('lists the slots and reports token presence as events', async () => {
  const slots = unwrap(await api.listSlots({}));
  expect(slots.some((slot) => slot.token?.serial === hsm.tokens[0]!.serial)).toBe(true);
  const seen = await new Promise<string[]>((resolve) => {
    const stop = api.onTokenPresence((presence) => {
      stop();
      resolve(presence.serials);
    });
  });
  expect(seen).toContain(hsm.tokens[0]!.serial);
});
