// `tokendesk ca token provision` on a real PKCS#11 token (SoftHSM2): the SO PIN changes
// to one only the CA knows (sealed in its database), verify-pin hands it out for that
// token's application, and it really is the token's SO PIN (checked with pkcs11-tool).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caRequest, startTestCa, type TestCa } from '../../support/ca-server.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { run } from '../../support/run.js';

describe('CA-managed token provisioning', () => {
  let hsm: SoftHsm;
  let ca: TestCa;
  beforeAll(async () => {
    hsm = createSoftHsm({ tokens: 1, soPin: '87654321' });
    ca = await startTestCa();
  });
  afterAll(async () => {
    await ca?.stop();
    hsm?.cleanup();
  });

  it('re-initializes the token with a fresh SO PIN that verify-pin hands out', async () => {
    const token = hsm.tokens[0]!;
    const wrong = await ca.cli(['ca', 'token', 'provision', '--module', hsm.modulePath, '--serial', token.serial, '--so-pin-from-stdin', '--json'], '00000000\n');
    expect(wrong.code).toBe(2);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'soPinIncorrect' } });

    const done = await ca.cli(['ca', 'token', 'provision', '--module', hsm.modulePath, '--serial', token.serial, '--label', 'TokenDesk', '--so-pin-from-stdin', '--json'], `${token.soPin}\n`);
    expect(done.code, done.stderr).toBe(0);
    const provisioned = JSON.parse(done.stdout) as { serial: string };
    expect(provisioned.serial).toBe(token.serial.toUpperCase());
    expect(done.stdout + done.stderr).not.toContain(token.soPin);

    const n = await ca.addApplication({ tokenSerial: token.serial });
    const verified = await caRequest(ca, 'POST', `/api/v1/applications/${n.applicationNo}/verify-pin`, { auth: { user: n.applicationNo, password: n.storagePin } });
    expect(verified.status).toBe(200);
    const { soPin } = verified.json<{ soPin: string }>();
    expect(soPin).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(soPin).not.toBe(token.soPin);

    const tool = (so: string) => run('pkcs11-tool', ['--module', hsm.modulePath, '--token-label', 'TokenDesk', '--login', '--login-type', 'so', '--so-pin', so, '--init-pin', '--new-pin', 'abcd1234'], { env: hsm.env });
    expect(() => tool(token.soPin)).toThrow(/CKR_PIN_INCORRECT/);
    expect(tool(soPin)).toMatch(/User PIN successfully initialized/);
  });
});
