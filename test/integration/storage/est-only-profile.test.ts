/**
 * The EST-only profile's two judgements of its own: whom STEP2 names (the CN of
 * `--subject`, trimmed, else the EST user — the label the key and certificate get),
 * and which refusals at enrollment mean "the EST user name or password" — only
 * credential refusals, worded without an application number the user never had;
 * any other refusal keeps its own words. SoftHSM2 and the reference CA in EST-only
 * mode over TLS; the answers a foreign EST server gives and the reference CA does
 * not come from a stand-in in front of it (test/support/ca-front.ts).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaClient } from '../../../src/core/ca-client/index.js';
import { toUserError } from '../../../src/core/messages/index.js';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { StorageWizard } from '../../../src/core/storage/index.js';
import { jsonAnswer, startCaFront, type CaFront, type FrontAnswer } from '../../support/ca-front.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
let module: Pkcs11Module;

beforeEach(async () => {
  hsm = createSoftHsm({ tokens: 1, userPin: 'Old1234' });
  module = await openModule(hsm.modulePath);
});
afterEach(async () => {
  await module?.release();
  hsm?.cleanup();
});

it('STEP2 names the CN of --subject, trimmed, whatever its place and case; without a CN, the EST user', async () => {
  // STEP1–2 of the EST-only profile ask the CA nothing: this client is never used.
  const client = new CaClient({ url: 'https://127.0.0.1:9', trust: {} });
  try {
    for (const [subject, label] of [
      ['CN=Souken Tarou,O=Souken Kensetsu,C=JP', 'Souken Tarou'],
      ['O=Souken Kensetsu, CN= Souken Tarou ,C=JP', 'Souken Tarou'],
      ['C=JP,O=Souken Kensetsu,cn=Souken Tarou', 'Souken Tarou'],
      ['O=Souken Kensetsu,C=JP', 'est-user-01'],
    ] as const) {
      const wizard = new StorageWizard({ module, ca: client, profile: { kind: 'estOnly', estUser: 'est-user-01', subject } });
      try {
        const state = await wizard.detectToken();
        expect(state.error, String(state.error)).toBeUndefined();
        expect(state.step).toBe(2);
        expect(state.target, subject).toMatchObject({ label, estUser: 'est-user-01', subject });
      } finally {
        wizard.dispose();
      }
    }
  } finally {
    client.close();
  }
});

let ca: TestCa | undefined;
let front: CaFront | undefined;
afterEach(async () => {
  await front?.close();
  await ca?.stop();
  front = undefined;
  ca = undefined;
});

it('at enrollment only credential refusals become "EST user name or password"; another refusal keeps its words; nothing is left on the token', async () => {
  ca = await startTestCa({ estOnly: true });
  const mail = await ca.addApplication({ tokenSerial: hsm.tokens[0]!.serial });
  let enrollAnswer: FrontAnswer;
  front = await startCaFront(ca, { answer: (request) => (request.path.includes('simpleenroll') ? enrollAnswer : undefined) });
  const client = new CaClient({ url: front.url, trust: { caPem: front.caPem } });
  const cases: Array<[string, FrontAnswer, string]> = [
    // A plain RFC 7030 server: a bare 401 and nothing else.
    ['bare 401', { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="est"', 'Content-Type': 'text/plain' }, body: Buffer.from('Unauthorized') }, 'TD-EST-UNAUTHORIZED'],
    // A TokenDesk CA with its extensions off naming the wrong password in its own words.
    ['storage PIN incorrect', jsonAnswer(401, { error: { code: 'storagePinIncorrect', message: { ja: '', en: 'wrong PIN' }, attemptsLeft: 4 } }), 'TD-EST-UNAUTHORIZED'],
    ['unknown application', jsonAnswer(404, { error: { code: 'applicationNotFound', message: { ja: '', en: 'no such application' } } }), 'TD-EST-UNAUTHORIZED'],
    // Not about the credentials: the request itself refused.
    ['bad request', { status: 400, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('bad CSR') }, 'TD-CA-BAD-REQUEST'],
  ];
  try {
    for (const [what, answer, shown] of cases) {
      enrollAnswer = answer;
      const wizard = new StorageWizard({ module, ca: client, profile: { kind: 'estOnly', estUser: mail.applicationNo, subject: 'CN=Souken Tarou,O=Souken Kensetsu,C=JP' } });
      try {
        await wizard.detectToken();
        wizard.confirmUser();
        expect((await wizard.submitStoragePin(mail.storagePin)).step, what).toBe(4);
        const state = await wizard.submitUserPin('Next9876', 'Next9876', 'Old1234');
        expect(state.step, what).toBe(1);
        const words = toUserError(state.error);
        expect(words.code, what).toBe(shown);
        expect(`${words.text.ja}${words.cause.ja}${words.remedy.ja}`, what).not.toContain('申請書番号');
      } finally {
        wizard.dispose();
      }
      // A refusal issued nothing: the key made for the request is gone, the user PIN unchanged.
      const session = await module.openSession(hsm.tokens[0]!.serial);
      try {
        await session.login('user', 'Old1234');
        expect(await session.listKeys(), what).toEqual([]);
        expect(await session.listCertificates(), what).toEqual([]);
      } finally {
        await session.close();
      }
    }
  } finally {
    client.close();
  }
  expect(front.seen.filter((request) => request.path.includes('simpleenroll'))).toHaveLength(cases.length);
});
