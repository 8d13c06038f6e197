// `ca init` leaves a data dir only its owner can read (issue 12 item 8), and every PEM
// it writes ends with a newline so `cat a.pem b.pem` makes a valid bundle (issue 22 item 6).
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCaContext, openCaContext } from '../../../src/server/ca-context.js';
import { initCa } from '../../../src/server/ca-init.js';
import { run } from '../../support/run.js';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('ca init: the files it writes', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tokendesk-init-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('makes an existing, world-readable data dir 0700 and every non-certificate file 0600', async () => {
    const dataDir = join(root, 'ca');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755); // whatever the umask made it
    await initCa(dataDir, { logLevel: 'silent', scrypt: { N: 1024, r: 8, p: 1 } });
    // The server opens the database too: its WAL files must not widen access.
    await closeCaContext(await openCaContext(dataDir, {}));

    expect(mode(dataDir)).toBe('700');
    const files = readdirSync(dataDir).sort();
    expect(files).toEqual(expect.arrayContaining(['ca.crt.pem', 'ca.db', 'ca.key.pem', 'config.json', 'master.key', 'tls.crt.pem', 'tls.key.pem']));
    for (const file of files) {
      const expected = file.endsWith('.crt.pem') ? '644' : '600';
      expect([file, mode(join(dataDir, file))]).toEqual([file, expected]);
    }
  });

  it('never touches a dir it refuses (not empty)', async () => {
    const dataDir = join(root, 'busy');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'something'), 'x');
    await expect(initCa(dataDir, { logLevel: 'silent' })).rejects.toThrow(/not empty/);
    expect(mode(dataDir)).toBe('755');
  });

  it('ends every PEM with a newline, so concatenated files make a bundle openssl reads whole', async () => {
    const dataDir = join(root, 'ca');
    const result = await initCa(dataDir, { logLevel: 'silent', scrypt: { N: 1024, r: 8, p: 1 } });
    expect(result.caCertificatePem.endsWith('-----END CERTIFICATE-----\n')).toBe(true);
    for (const file of readdirSync(dataDir).filter((f) => f.endsWith('.pem'))) {
      expect([file, readFileSync(join(dataDir, file), 'utf8').endsWith('-----\n')]).toEqual([file, true]);
    }
    const bundle = join(root, 'bundle.pem');
    writeFileSync(bundle, Buffer.concat([readFileSync(join(dataDir, 'ca.crt.pem')), readFileSync(join(dataDir, 'tls.crt.pem'))]));
    const printed = run('openssl', ['crl2pkcs7', '-nocrl', '-certfile', bundle]);
    const subjects = run('openssl', ['pkcs7', '-print_certs', '-noout'], { input: printed }).match(/^subject=/gm) ?? [];
    expect(subjects).toHaveLength(3); // the CA, the TLS certificate, the CA again in the TLS chain
  });
});
