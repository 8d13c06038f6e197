/**
 * What STEP1–STEP4 make of the CA's answers before anything is written to the token:
 * the pending lookup's 404 (nothing pending — for a token already holding its
 * certificate, "already stored"), a lookup the CA fails at (its failure, not a
 * question for the application number), the application number's form, a PIN check
 * that names no application, and a new user PIN refused before any work. SoftHSM2
 * and the reference CA over TLS; where the reference CA never answers so, a stand-in
 * in front of it (test/support/ca-front.ts).
 */
import { afterEach, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import type { Pkcs11Module, TokenSession } from '../../../src/core/pkcs11/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { startCaFront, jsonAnswer, type CaFront } from '../../support/ca-front.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { createStorageScene, storeWithWizard, type StorageScene } from '../../support/storage-scene.js';

let hsm: SoftHsm | undefined;
let scene: StorageScene | undefined;
let front: CaFront | undefined;
const clients: CaClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await front?.close();
  await scene?.close();
  hsm?.cleanup();
  front = undefined;
  scene = undefined;
  hsm = undefined;
});

/** A SoftHSM2 token (user PIN Old1234) with the CA and an application for it; provisioned (tagged) or not. */
async function setUp(provision: boolean): Promise<StorageScene> {
  hsm = createSoftHsm({ tokens: 1, userPin: 'Old1234' });
  const token = hsm.tokens[0]!;
  scene = await createStorageScene({ modulePath: hsm.modulePath, tokenSerial: token.serial, soPin: token.soPin, provision });
  return scene;
}

function clientOf(url: string, caPem: string): CaClient {
  const client = new CaClient({ url, trust: { caPem } });
  clients.push(client);
  return client;
}

async function withUserSession<T>(module: Pkcs11Module, serial: string, pin: string, use: (session: TokenSession) => Promise<T>): Promise<T> {
  const session = await module.openSession(serial);
  try {
    await session.login('user', pin);
    return await use(session);
  } finally {
    await session.close();
  }
}

it('a token that already holds its certificate, with nothing pending at the CA: STEP1 says so, and the lookup\'s possession tag is wiped', async () => {
  const s = await setUp(true);
  const stored = await storeWithWizard(s, 'Tarou123');
  expect(stored.error, String(stored.error)).toBeUndefined();

  // The tag is read through the real module; the buffers it answered are kept to look at afterwards.
  const tags: Buffer[] = [];
  const watched: Pkcs11Module = Object.create(s.module, {
    openSession: {
      value: async (...args: Parameters<Pkcs11Module['openSession']>) => {
        const session = await s.module.openSession(...args);
        return Object.create(session, {
          readDataObjects: {
            value: async (...read: Parameters<TokenSession['readDataObjects']>) => {
              const values = await session.readDataObjects(...read);
              tags.push(...values);
              return values;
            },
          },
        }) as TokenSession;
      },
    },
  }) as Pkcs11Module;

  const wizard = new StorageWizard({ module: watched, ca: s.client });
  try {
    const state = await wizard.detectToken();
    expect(state).toMatchObject({ step: 1, status: 'input' });
    expect(state.applicationNoNeeded).toBeUndefined();
    const words = toUserError(state.error);
    expect(words.code).toBe('TD-CERT-ALREADY-STORED');
    expect(words.text.ja).toBe(`このUSBトークン（シリアルナンバー ${s.tokenSerial}）には電子証明書がすでに格納されています。`);
    expect(words.text.en).toBe(`This USB token (serial ${s.tokenSerial}) already holds its certificate.`);
  } finally {
    wizard.dispose();
  }
  // The tag proves possession of the token to the CA: once asked, no copy of it stays in memory.
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag.every((byte) => byte === 0), 'possession tag wiped after the lookup').toBe(true);
});

it('a tagged token with nothing pending and no certificate: STEP2 asks for the application number', async () => {
  hsm = createSoftHsm({ tokens: 1, userPin: 'Old1234' });
  const token = hsm.tokens[0]!;
  // The CA's only application names another token: for this one the lookup answers 404.
  scene = await createStorageScene({ modulePath: hsm.modulePath, tokenSerial: token.serial, soPin: token.soPin, application: { tokenSerial: 'AB12CD34' } });
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  try {
    const state = await wizard.detectToken();
    expect(state.error, String(state.error)).toBeUndefined();
    expect(state).toMatchObject({ step: 2, status: 'input', applicationNoNeeded: true });
    expect(state.target).toBeUndefined();
  } finally {
    wizard.dispose();
  }
});

it('a CA failing at the lookup (HTTP 500) is shown as its failure at STEP1, not turned into a question for the application number', async () => {
  const s = await setUp(true);
  front = await startCaFront(s.ca, {
    answer: (request) => (request.path.includes('/pending') ? jsonAnswer(500, { error: 'internal' }) : undefined),
  });
  const wizard = new StorageWizard({ module: s.module, ca: clientOf(front.url, front.caPem) });
  try {
    const state = await wizard.detectToken();
    expect(state).toMatchObject({ step: 1, status: 'input' });
    expect(state.applicationNoNeeded).toBeUndefined();
    const words = toUserError(state.error);
    expect(words.code).toBe('TD-CA-SERVER-ERROR');
    expect(words.text.en).toBe('The CA server reported an error. (HTTP 500)');
    expect(words.text.ja).toBe('認証局のサーバーでエラーが発生しました。（HTTP 500）');
  } finally {
    wizard.dispose();
  }
  expect(front.seen.filter((request) => request.path.includes('/pending'))).toHaveLength(1);
});

it('STEP2 takes only 11 to 14 half-width digits as the application number, and says so in both languages', async () => {
  const s = await setUp(false);
  const wizard = new StorageWizard({ module: s.module, ca: s.client });
  try {
    expect(await wizard.detectToken()).toMatchObject({ step: 2, applicationNoNeeded: true });
    for (const typed of ['2023042603', '202304260351234', '２０２３０４２６０３５', 'No20230426035', '20230426035x', '2023 0426035']) {
      const state = wizard.confirmUser(typed);
      expect(state.step, typed).toBe(2);
      const words = toUserError(state.error);
      expect(words.code, typed).toBe('TD-APPLICATION-NO-FORMAT');
      expect(words.text).toEqual({ ja: '申請書番号は半角数字11〜14桁です。', en: 'An application number is 11 to 14 half-width digits.' });
    }
    // Both ends of the range are taken (the CA's mail: 20230426035, eleven digits).
    const fourteen = wizard.confirmUser('20230426035123');
    expect(fourteen.error).toBeUndefined();
    expect(fourteen).toMatchObject({ step: 3, target: { applicationNo: '20230426035123' } });
    wizard.cancel();
    await wizard.detectToken();
    expect(wizard.confirmUser('20230426035')).toMatchObject({ step: 3, target: { applicationNo: '20230426035' } });
  } finally {
    wizard.dispose();
  }
});

it('a CA that accepts the storage PIN but names no application: an unexpected answer at STEP3, nothing touched, the PIN not spent', async () => {
  const s = await setUp(false);
  front = await startCaFront(s.ca, {
    rewrite: (request, answer) => {
      if (!request.path.includes('/verify-pin') || answer.status !== 200) return answer;
      const body = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
      delete body.issuance;
      return { ...answer, body: Buffer.from(JSON.stringify(body)) };
    },
  });
  const wizard = new StorageWizard({ module: s.module, ca: clientOf(front.url, front.caPem) });
  try {
    await wizard.detectToken();
    expect(wizard.confirmUser(s.application.applicationNo).step).toBe(3);
    const state = await wizard.submitStoragePin(s.application.storagePin);
    expect(state).toMatchObject({ step: 3, status: 'input' });
    const words = toUserError(state.error);
    expect(words.code).toBe('TD-CA-UNEXPECTED-ANSWER');
    expect(words.text).toEqual({ ja: '認証局から想定外の応答がありました。', en: 'The CA sent an unexpected answer.' });
  } finally {
    wizard.dispose();
  }
  expect(front.seen.some((request) => request.path.includes('/verify-pin'))).toBe(true);
  expect(await withUserSession(s.module, s.tokenSerial, 'Old1234', async (session) => [await session.listKeys(), await session.listCertificates()])).toEqual([[], []]);
  expect(await s.ca.status(s.application.applicationNo)).toMatchObject({ certificate: null, pinFailures: 0 });
});

it('STEP4 refuses a new user PIN typed differently twice, or too short, before any work: nothing spent, the store then goes on', async () => {
  const s = await setUp(true);
  const wizard = new StorageWizard({ module: s.module, ca: s.client });
  const progress: string[] = [];
  wizard.on('progress', (event) => progress.push(event.progress));
  try {
    await wizard.detectToken();
    wizard.confirmUser();
    expect(await wizard.submitStoragePin(s.application.storagePin)).toMatchObject({ step: 4, status: 'input' });

    let state = await wizard.submitUserPin('Tarou123', 'Tarou124');
    expect(state).toMatchObject({ step: 4, status: 'input' });
    expect(toUserError(state.error).code).toBe('TD-USER-PIN-MISMATCH');
    state = await wizard.submitUserPin('Ta1', 'Ta1');
    expect(state).toMatchObject({ step: 4, status: 'input' });
    expect(toUserError(state.error).code).toBe('TD-USER-PIN-TOO-SHORT');
    expect(progress, 'no token or CA work ran').toEqual([]);
    expect(await s.ca.status(s.application.applicationNo)).toMatchObject({ certificate: null });

    state = await wizard.submitUserPin('Tarou123', 'Tarou123');
    expect(state.error, String(state.error)).toBeUndefined();
    expect(state).toMatchObject({ step: 5, status: 'done' });
  } finally {
    wizard.dispose();
  }
});
