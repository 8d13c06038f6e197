/**
 * A CA page's readDevice loads the token library once, and gets the certificate its facts describe. A token may hold
 * two holder certificates (a renewal interrupted after the new certificate was
 * written, its key gone): diagnosis judges the one whose key is on the token, and
 * the PEM given to the page is that same one — it was read in a second session
 * with a pick that ignored the keys, and could be the other.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Secret } from '../../../src/core/secrets/secret.js';
import { createPortalDesk, startDeviceModule } from '../../../src/device-module/index.js';
import { readPortalDevice } from '../../../src/device-module/token-work.js';
import { watchPkcs11Calls } from '../../support/pkcs11-calls.js';
import { PortalClient } from '../../support/portal-client.js';
import type { SoftHsm } from '../../support/softhsm.js';
import { putSeedLikeCertificate, softHsmWithSeedLikeCertificate } from '../card/seed-like-certificate.js';

const DAY = 86_400_000;
let hsm: SoftHsm;

beforeAll(async () => {
  const holder = { cn: '400156819 Souken Tarou', notBefore: new Date(Date.now() - DAY) };
  hsm = await softHsmWithSeedLikeCertificate({ ...holder, serialHex: '02ab', notAfter: new Date(Date.now() + 400 * DAY) }, async (module, token) => {
    // A newer certificate whose key pair is no longer on the token.
    const orphan = await putSeedLikeCertificate(module, token.serial, token.userPin, { ...holder, serialHex: '03cd', notAfter: new Date(Date.now() + 800 * DAY) });
    const session = await module.openSession(token.serial, { readWrite: true });
    try {
      await session.login('user', token.userPin);
      await session.deleteKeyPair(orphan.keyId);
      await session.logout();
    } finally {
      await session.close();
    }
  });
});
afterAll(() => hsm?.cleanup());

it('gives the page the PEM of the certificate whose facts it shows: the one with its key on the token', async () => {
  const device = await readPortalDevice(hsm.modulePath, hsm.tokens[0]!.serial, new Secret(hsm.tokens[0]!.userPin), false);
  expect(device.certificateSerial).toBe('02AB');
  expect(device.health).toBe('healthy');
  expect(new X509Certificate(device.certificatePem).serialNumber).toBe('02AB');
});

it('loads the library once and lists the slots once for the checks before the PIN prompt and the read after it', async () => {
  const origin = 'https://portal.ca.example.jp';
  const desk = createPortalDesk();
  desk.consent.grant(origin, 'always');
  const stopAnswering = desk.subscribePrompts(({ prompts }) => {
    for (const prompt of prompts) if (prompt.kind === 'pin') queueMicrotask(() => desk.answer({ id: prompt.id, decision: 'submit', pin: hsm.tokens[0]!.userPin }));
  });
  const module = await startDeviceModule({ desk, modulePath: async () => hsm.modulePath, port: 0 });
  const page = await PortalClient.open(module.url, origin);
  try {
    const calls: Record<string, number> = {};
    const answer = await watchPkcs11Calls(
      (name, call) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return call();
      },
      () => page.call('readDevice'),
    );
    expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
    expect(answer.result).toMatchObject({ certificateSerial: '02AB' });
    // One listing, made before the prompt and counted again by the read after it (it listed twice), one load, one finalize.
    expect(calls.C_GetSlotList).toBe(1);
    expect(calls.C_Initialize).toBe(1);
    expect(calls.C_Finalize).toBe(1);

    // The same for a login signature: it listed again to open its session.
    const signing: Record<string, number> = {};
    const signed = await watchPkcs11Calls(
      (name, call) => {
        signing[name] = (signing[name] ?? 0) + 1;
        return call();
      },
      () => page.call('signChallenge', { nonce: 'n0nce-0123456789abcdef', origin }),
    );
    expect(signed.ok, JSON.stringify(signed.error)).toBe(true);
    expect(signing.C_GetSlotList).toBe(1);
    expect(signing.C_Login).toBe(1);
  } finally {
    page.close();
    stopAnswering();
    await module.close();
  }
});
