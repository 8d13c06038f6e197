/**
 * Issue 5's end-to-end proof, with every party a separate program: `tokendesk ca`
 * init/serve/provision/app add, `tokendesk store --pins-from-stdin`, then third
 * parties — pkcs11-tool and openssl — check what landed on the token.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caRequest, runTokendesk, startTestCa, type TestCa } from '../../support/ca-server.js';
import { run } from '../../support/run.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
let ca: TestCa;

beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1 });
  ca = await startTestCa({ mode: 'child' });
});
afterAll(async () => {
  await ca?.stop();
  hsm?.cleanup();
});

it('stores the certificate through the CLI; pkcs11-tool and openssl confirm the pair; the CA marks the PIN spent', async () => {
  const token = hsm.tokens[0]!;
  const provisioned = await ca.cli(['ca', 'token', 'provision', '--module', hsm.modulePath, '--serial', token.serial, '--so-pin-from-stdin', '--json'], `${token.soPin}\n`);
  expect(provisioned.code, provisioned.stderr).toBe(0);

  const added = await ca.cli(['ca', 'app', 'add', '--kind', 'new', '--contract', '1234567890123', '--name', 'Souken Tarou',
    '--company', 'Souken Kensetsu Co., Ltd.', '--email', 'tarou@souken.example.jp', '--years', '1', '--token', token.serial, '--json']);
  expect(added.code, added.stderr).toBe(0);
  const mail = JSON.parse(added.stdout) as { applicationNo: string; userId: string; storagePin: string };

  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-store-'));
  writeFileSync(join(dir, 'ca.pem'), ca.caCertificatePem);
  const stored = await runTokendesk(
    ['store', '--ca', ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', hsm.modulePath, '--pins-from-stdin', '--json'],
    { env: hsm.env, input: `${mail.storagePin}\nTarou123\n` },
  );
  expect(stored.code, stored.stderr).toBe(0);
  expect(stored.stderr).toContain('eTokenに電子証明書を格納する処理が完了しました。');
  // STEP2 and STEP4 in words, not the core's internal names (#13.9).
  expect(stored.stderr).toContain(`${mail.userId} Souken Tarou — 新規発行（申請書番号 ${mail.applicationNo}）`);
  expect(stored.stderr).not.toMatch(/caCertificates|oldObjectsRemoved|— new\b/u);
  expect(stored.stderr).not.toContain(mail.storagePin);
  expect(stored.stderr).not.toContain('Tarou123');
  const result = JSON.parse(stored.stdout) as { keyId: string; certificateSerial: string; label: string };
  expect(result.label).toBe(`${mail.userId} Souken Tarou`);

  // pkcs11-tool (a third party) sees the key (the token is labelled 'TokenDesk' by provisioning) and the certificate paired by ID.
  const pkcs11 = (args: string[]) =>
    run('pkcs11-tool', ['--module', hsm.modulePath, '--token-label', 'TokenDesk', '--login', '--pin', 'Tarou123', ...args], { env: hsm.env });
  const listing = pkcs11(['--list-objects']);
  const withId = listing.split(/\n(?=\S)/u).filter((block) => block.includes(`ID:         ${result.keyId}`));
  expect(withId.map((block) => block.split(/[;\n]/u)[0]!.trim()).sort()).toEqual([
    'Certificate Object',
    'Private Key Object',
    'Public Key Object',
  ]);

  // A signature made with the token key verifies with openssl against the issued certificate.
  writeFileSync(join(dir, 'data'), 'signed on the token after Flow A');
  pkcs11(['--sign', '--id', result.keyId, '--mechanism', 'SHA256-RSA-PKCS', '--input-file', join(dir, 'data'), '--output-file', join(dir, 'sig')]);
  pkcs11(['--read-object', '--type', 'cert', '--id', result.keyId, '--output-file', join(dir, 'cert.der')]);
  run('openssl', ['x509', '-inform', 'DER', '-in', join(dir, 'cert.der'), '-out', join(dir, 'cert.pem')]);
  expect(run('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'cert.pem')])).toContain(': OK');
  run('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-pubkey', '-noout', '-out', join(dir, 'pub.pem')]);
  expect(run('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'data')]).trim()).toBe('Verified OK');
  const serial = run('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-noout', '-serial']).trim().split('=')[1]!;
  // One form everywhere: the client prints the serial as openssl and the CA do.
  expect(result.certificateSerial).toBe(serial);

  // The CA reports the application stored, and the storage PIN is spent.
  const status = await ca.cli(['ca', 'status', mail.applicationNo, '--json']);
  expect(JSON.parse(status.stdout)).toMatchObject({ state: 'stored' });
  const again = await caRequest(ca, 'POST', `/api/v1/applications/${mail.applicationNo}/verify-pin`, {
    auth: { user: mail.applicationNo, password: mail.storagePin },
  });
  expect(again.status).toBe(403);
  expect(again.json<{ error: { code: string } }>().error.code).toBe('storagePinSpent');
});

it('--application-no that is not the application the CA names for the token: refused at STEP2 (exit 2), nothing touched', async () => {
  const other = createSoftHsm({ tokens: 1, setProcessEnv: false });
  // `ca token provision` reaches this SoftHSM only with its configuration (ca.cli has the first one's).
  const caCli = (args: string[], input?: string) => runTokendesk([...args, '--data', ca.dataDir], { env: other.env, ...(input !== undefined ? { input } : {}) });
  try {
    const token = other.tokens[0]!;
    const provisioned = await caCli(['ca', 'token', 'provision', '--module', other.modulePath, '--serial', token.serial, '--so-pin-from-stdin', '--json'], `${token.soPin}\n`);
    expect(provisioned.code, provisioned.stderr).toBe(0);
    const added = await caCli(['ca', 'app', 'add', '--kind', 'new', '--contract', '1234567890124', '--name', 'Souken Jirou',
      '--company', 'Souken Kensetsu Co., Ltd.', '--email', 'jirou@souken.example.jp', '--years', '1', '--token', token.serial, '--json']);
    expect(added.code, added.stderr).toBe(0);
    const mail = JSON.parse(added.stdout) as { applicationNo: string; storagePin: string };
    const given = mail.applicationNo.replace(/\d$/u, (digit) => String((Number(digit) + 1) % 10));

    const dir = mkdtempSync(join(tmpdir(), 'tokendesk-store-'));
    writeFileSync(join(dir, 'ca.pem'), ca.caCertificatePem);
    const stored = await runTokendesk(
      ['store', '--ca', ca.url, '--ca-trust', join(dir, 'ca.pem'), '--module', other.modulePath, '--pins-from-stdin', '--json', '--lang', 'en', '--application-no', given],
      { env: other.env, input: `${mail.storagePin}\nJirou123\n` },
    );
    expect(stored.code, stored.stderr).toBe(2);
    expect(stored.stderr).toContain(`The application waiting for this token is ${mail.applicationNo}, not the number given (${given}).`);
    expect(JSON.parse(stored.stdout)).toMatchObject({ step: 2, tokenSerial: token.serial, error: { code: 'TD-APPLICATION-NO-NOT-PENDING' } });
    // Nothing issued, and the token holds no key.
    const status = await ca.cli(['ca', 'status', mail.applicationNo, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'ready' });
    const listing = run('pkcs11-tool', ['--module', other.modulePath, '--token-label', 'TokenDesk', '--list-objects'], { env: other.env });
    expect(listing).not.toContain('Private Key Object');
    expect(listing).not.toContain('Public Key Object');
  } finally {
    other.cleanup();
  }
});
