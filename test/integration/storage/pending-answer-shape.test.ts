/**
 * STEP1's pending lookup answered 200 with JSON that is not a pending issuance (a
 * faulty or foreign CA, a proxy's page): the lookup's answer names the applicant STEP2
 * shows, the application whose storage PIN STEP3 checks and the label the key gets,
 * so an answer without those is the CA's unexpected answer, said in the catalogue's
 * words at STEP1 — never a raw TypeError, never a STEP2 naming "undefined" that goes
 * on to STEP4 without any storage-PIN check. SoftHSM2 and the reference CA over TLS,
 * with the edge stand-in in front (test/support/ca-front.ts) answering the lookup.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { jsonAnswer, startCaFront, type CaFront } from '../../support/ca-front.js';
import { createSoftHsmStorageScene, type SoftHsmStorageScene } from '../../support/storage-scene.js';

let scene: SoftHsmStorageScene;
let front: CaFront | undefined;
let client: CaClient | undefined;
beforeEach(async () => {
  scene = await createSoftHsmStorageScene();
});
afterEach(async () => {
  client?.close();
  await front?.close();
  await scene?.close();
  client = undefined;
  front = undefined;
});

const SHAPES: Array<[string, unknown]> = [
  ['null', null],
  ['an empty object', {}],
  ['a list', []],
  ['an application number alone', { applicationNo: '20261130001' }],
  ['numbers for names', { applicationNo: 20261130001, userId: 400156819, name: 7, kind: 'new', tokenSerial: null }],
];

it.each(SHAPES)('a lookup answering %s: STEP1 says the CA answered unexpectedly, in both languages; nothing goes on', async (_what, body) => {
  front = await startCaFront(scene.ca, {
    answer: (request) => (request.path.includes('/pending') ? jsonAnswer(200, body) : undefined),
  });
  client = new CaClient({ url: front.url, trust: { caPem: front.caPem } });
  const wizard = new StorageWizard({ module: scene.module, ca: client });
  try {
    const state = await wizard.detectToken();
    expect(state).toMatchObject({ step: 1, status: 'input' });
    expect(state.target).toBeUndefined();
    const words = toUserError(state.error);
    expect(words.code).toBe('TD-CA-UNEXPECTED-ANSWER');
    expect(words.text.ja.length).toBeGreaterThan(0);
    expect(words.text.en.length).toBeGreaterThan(0);
  } finally {
    wizard.dispose();
  }
  // Nothing was asked of the CA after the lookup, nothing made on the token.
  expect(front.seen.filter((request) => !request.path.includes('/pending'))).toEqual([]);
  const session = await scene.module.openSession(scene.tokenSerial);
  try {
    expect(await session.listKeys()).toEqual([]);
  } finally {
    await session.close();
  }
});
