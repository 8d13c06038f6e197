// Issue 22 item 4: a password that is not a storage PIN's form (not 10 digits) is, to an
// HTTP client, failed credentials: 401 with WWW-Authenticate (it answered 400), and
// still not counted as a try.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { opensslCsr } from '../../support/openssl-csr.js';
import { basicAuth, rawHttpsRequest } from '../../support/raw-https.js';

describe('EST: a password of the wrong form', () => {
  let ca: TestCa;
  let dir: string;
  beforeAll(async () => {
    ca = await startTestCa();
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-pwform-'));
  });
  afterAll(async () => {
    await ca?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 401 with WWW-Authenticate and the catalogue words, without spending a try', async () => {
    const n = await ca.addApplication();
    const { csrBase64 } = opensslCsr(dir);
    for (const password of ['12345', 'abcdefghij', '１２３４５６７８９０', '']) {
      const answer = await rawHttpsRequest(ca, {
        method: 'POST',
        path: '/.well-known/est/simpleenroll',
        headers: { 'Content-Type': 'application/pkcs10', Authorization: basicAuth(n.applicationNo, password) },
        body: csrBase64,
      });
      expect([password, answer.status]).toEqual([password, 401]);
      expect(answer.header('WWW-Authenticate')).toMatch(/^Basic realm="tokendesk-ca"/);
      expect(answer.text).toContain('storagePinFormat: The storage PIN is 10 half-width digits.');
      expect(answer.text).toContain('電子証明書格納用PINは半角数字10桁です。');
    }
    const status = await ca.status(n.applicationNo);
    expect(status.pinFailures).toBe(0);
    expect(status.attemptsLeft).toBe(5);
  });
});
