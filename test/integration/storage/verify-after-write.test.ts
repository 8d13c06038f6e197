/**
 * The check after writing (README: the pair works, not just exists): the token signs
 * a fresh challenge that the certificate's key verifies, the certificate chains to
 * the CA, and it reads back as issued. Each refusal is shown in the catalogue's words,
 * the certificate that failed is taken off the token again and the key stays — so the
 * retry asks the CA once more, gets the same certificate and completes: nothing lost.
 * Hardware that fails silently and a CA that answers wrongly cannot be had here; they
 * are stand-ins at the edge (test/support/faulty-token.ts, `standInCa` below).
 */
import { X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaClient, type Enrollment } from '../../../src/core/ca-client/index.js';
import { CaError } from '../../../src/core/messages/errors.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { StorageError } from '../../../src/core/storage/index.js';
import { faultyToken, flipLastByte } from '../../support/faulty-token.js';
import { shiftedClock } from '../../support/pc-clock.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';
import { fastClock, inventory, pairIds, prepareStore } from '../../support/store-run.js';
import { createTestCa } from '../../support/test-certificate.js';

const USER_PIN = 'Tarou123';
let scene: SoftHsmStorageScene;
const clients: CaClient[] = [];
beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await scene?.close();
});

/**
 * A stand-in CA (edge mock): the real CA answers each request, then `alter` changes
 * what the client is handed — as a wrong or misconfigured server would answer.
 */
function standInCa(alter: { enrollment?: (answer: Enrollment) => Enrollment; caCertificates?: (answer: Buffer[]) => Buffer[] }): CaClient {
  const client = new CaClient({ url: scene.ca.url, trust: { caPem: scene.ca.caCertificatePem } });
  clients.push(client);
  const enroll = client.simpleEnroll.bind(client);
  const caCertificates = client.caCertificates.bind(client);
  client.simpleEnroll = async (...args) => (alter.enrollment ?? ((a) => a))(await enroll(...args));
  client.caCertificates = async () => (alter.caCertificates ?? ((a) => a))(await caCertificates());
  return client;
}

async function refusal(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => expect.unreachable('STEP4 completed'),
    (error: unknown) => error,
  );
}

/** The refusal's catalogue entry, in both languages. */
function expectShown(error: unknown, code: string, ja: string, en: string): void {
  const shown = toUserError(error);
  expect(shown.code).toBe(code);
  expect(shown.text.ja).toBe(ja);
  expect(shown.text.en).toBe(en);
}

/** After a refused check: the key pair stays, its certificate is gone, and the CA has issued. */
async function expectKeyKeptCertificateGone(): Promise<string> {
  const left = await inventory(scene.module, scene.tokenSerial, USER_PIN);
  expect(left.certificates).toEqual([]);
  expect(left.keys.map((key) => key.kind).sort()).toEqual(['private', 'public']);
  const status = await scene.ca.status(scene.application.applicationNo);
  expect(status.state).toBe('issued');
  return pairIds(left)[0]!;
}

/** The retry, on the real token with the real CA: the same key, the same certificate, stored. */
async function expectRetryCompletes(keyId: string): Promise<void> {
  const retry = await prepareStore(scene, scene.application, USER_PIN);
  const result = await retry.run();
  expect(result).toMatchObject({ resumed: true, keyId, removedOldObjects: 0 });
  const status = await scene.ca.status(scene.application.applicationNo);
  expect(status.state).toBe('stored');
  expect(status.certificate?.serial.toUpperCase()).toBe(result.certificateSerialHex);
  const after = await inventory(scene.module, scene.tokenSerial, USER_PIN);
  expect(after.certificates.map((c) => c.id)).toEqual([keyId]);
  expect(pairIds(after)).toEqual([keyId]);
}

it('a PC clock ten minutes behind the CA: the certificate just issued is valid at the CA’s time, and stored', async () => {
  // Regression: the check used the PC's time, before the certificate's notBefore (the
  // second it was issued): TD-STORE-VERIFY-CHAIN for every issuance on such a PC.
  const behind = -10 * 60_000;
  const client = new CaClient({ url: scene.ca.url, trust: { caPem: scene.ca.caCertificatePem }, now: shiftedClock(behind) });
  clients.push(client);
  const store = await prepareStore(scene, scene.application, USER_PIN, {
    client,
    overrides: { clock: fastClock(behind) },
  });
  const result = await store.run();
  expect(store.events).toContain('verification:end');
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
  expect(pairIds(await inventory(scene.module, scene.tokenSerial, USER_PIN))).toEqual([result.keyId]);
});

it('a CA that sends no Date header: the certificate is checked at the PC’s time, and stored', async () => {
  const client = standInCa({});
  // What the client reads of the CA's clock: nothing, as from a server that sends no Date.
  Object.defineProperty(client, 'lastClock', { get: () => undefined, set: () => undefined });
  const result = await (await prepareStore(scene, scene.application, USER_PIN, { client })).run();
  expect(await scene.ca.status(scene.application.applicationNo)).toMatchObject({ state: 'stored' });
  expect(pairIds(await inventory(scene.module, scene.tokenSerial, USER_PIN))).toEqual([result.keyId]);
});

it('a server answering an expired certificate from its own CA: TD-STORE-VERIFY-CHAIN, then stored on the retry with the real CA', async () => {
  const rogue = createTestCa('Not The TokenDesk CA');
  const ca = standInCa({
    caCertificates: () => [new X509Certificate(rogue.certPem).raw],
    enrollment: (answer) => {
      if (answer.status !== 'issued') return answer;
      const key = new X509Certificate(answer.certificate).publicKey.export({ format: 'jwk' });
      const expired = rogue.issue(Buffer.from(key.n!, 'base64url'), Buffer.from(key.e!, 'base64url'), 'Souken Tarou', -1);
      return { status: 'issued', certificate: expired.der, chain: [] };
    },
  });
  const store = await prepareStore(scene, scene.application, USER_PIN, { client: ca });
  const error = await refusal(store.run());
  expect(error).toBeInstanceOf(StorageError);
  expectShown(error, 'TD-STORE-VERIFY-CHAIN', '発行された電子証明書を認証局の証明書で確認できませんでした。', 'The issued certificate does not chain to the CA’s certificate.');
  expect(store.events.slice(-2)).toEqual(['verification:start', 'verification:failed']);
  await expectRetryCompletes(await expectKeyKeptCertificateGone());
});

it('a token whose signature the certificate’s key does not verify: TD-STORE-VERIFY-SIGNATURE, then stored on the retry', async () => {
  // Only the verification's challenge (32 bytes from the token + 32 from the PC) is signed wrongly, not the CSR.
  const module = faultyToken(scene.module, { sign: (data, signature) => (data.length === 64 ? flipLastByte(signature) : signature) });
  const store = await prepareStore(scene, scene.application, USER_PIN, { overrides: { module } });
  const error = await refusal(store.run());
  expect(error).toBeInstanceOf(StorageError);
  expectShown(error, 'TD-STORE-VERIFY-SIGNATURE', '格納した電子証明書の動作確認に失敗しました。', 'The stored certificate failed its check.');
  await expectRetryCompletes(await expectKeyKeptCertificateGone());
});

it('a certificate that reads back altered: TD-STORE-VERIFY-READBACK, the altered one removed, then stored on the retry', async () => {
  // Regression: the altered certificate stayed beside the key, so the retry took the key
  // for a certified one, made a new key, and the CA refused it (TD-CA-ALREADY-ISSUED) — for good.
  const module = faultyToken(scene.module, { write: (certificate) => ({ ...certificate, der: flipLastByte(certificate.der) }) });
  const store = await prepareStore(scene, scene.application, USER_PIN, { overrides: { module } });
  const error = await refusal(store.run());
  expect(error).toBeInstanceOf(StorageError);
  expectShown(error, 'TD-STORE-VERIFY-READBACK', 'USBトークンに書き込んだ電子証明書を正しく読み出せませんでした。', 'The certificate written to the token does not read back intact.');
  await expectRetryCompletes(await expectKeyKeptCertificateGone());
});

it('a write the token accepted but did not keep: TD-STORE-VERIFY-READBACK, then stored on the retry', async () => {
  const module = faultyToken(scene.module, { write: () => undefined });
  const store = await prepareStore(scene, scene.application, USER_PIN, { overrides: { module } });
  const error = await refusal(store.run());
  expect(error).toBeInstanceOf(StorageError);
  expect(toUserError(error).code).toBe('TD-STORE-VERIFY-READBACK');
  await expectRetryCompletes(await expectKeyKeptCertificateGone());
});

it('a CA answering a certificate for another key: TD-CA-UNEXPECTED-ANSWER, nothing written, the key removed', async () => {
  // The stand-in answers the CA's own certificate: a real certificate, for the CA's key.
  const ca = standInCa({ enrollment: (answer) => (answer.status === 'issued' ? { ...answer, certificate: new X509Certificate(scene.ca.caCertificatePem).raw } : answer) });
  const store = await prepareStore(scene, scene.application, USER_PIN, { client: ca });
  const error = await refusal(store.run());
  expect(error).toBeInstanceOf(CaError);
  expectShown(error, 'TD-CA-UNEXPECTED-ANSWER', '認証局から想定外の応答がありました。', 'The CA sent an unexpected answer.');
  expect(store.events.at(-1)).toBe('enrollment:end');
  expect(store.events).not.toContain('certificateWrite:start');
  expect(await inventory(scene.module, scene.tokenSerial, USER_PIN)).toEqual({ keys: [], certificates: [] });
});

it('a CA that also sends its previous CA certificate (key rollover): the old pair of this CA still goes on renewal', async () => {
  const first = await (await prepareStore(scene, scene.application, USER_PIN)).run();
  const renewal = await scene.ca.addApplication({ kind: 'renewal', tokenSerial: scene.tokenSerial });
  const previousCa = new X509Certificate(createTestCa('TokenDesk Previous CA').certPem).raw;
  const ca = standInCa({ caCertificates: (answer) => [...answer, previousCa] });
  const second = await (await prepareStore(scene, renewal, 'Renew456', { client: ca })).run();
  expect(second.removedOldObjects).toBe(1);
  const after = await inventory(scene.module, scene.tokenSerial, 'Renew456');
  expect(pairIds(after)).toEqual([second.keyId]);
  expect(pairIds(after)).not.toContain(first.keyId);
  expect(after.certificates.map((c) => c.label)).toEqual([`${renewal.userId} ${renewal.name}`]);
});
