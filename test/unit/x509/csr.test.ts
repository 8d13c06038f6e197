import { execFileSync } from 'node:child_process';
import { sign, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCsr, csrToEstBody, X509Error } from '../../../src/core/x509/index.js';
import { testKey } from './certificates.js';

const work = mkdtempSync(join(tmpdir(), 'tokendesk-csr-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** What the token does for CKM_SHA256_RSA_PKCS, done with a node key instead. */
function tokenSigner(key = testKey()) {
  const seen: Buffer[] = [];
  return {
    seen,
    sign: async (tbs: Buffer): Promise<Buffer> => {
      seen.push(tbs);
      return sign('sha256', tbs, key.privateKey);
    },
  };
}

function opensslVerify(der: Buffer, name: string): string {
  const file = join(work, `${name}.der`);
  writeFileSync(file, der);
  return execFileSync('openssl', ['req', '-inform', 'DER', '-in', file, '-verify', '-noout', '-subject', '-nameopt', 'RFC2253,-esc_msb'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('buildCsr', () => {
  it('makes a PKCS#10 that openssl verifies, signed over exactly the CertificationRequestInfo', async () => {
    const key = testKey();
    const signer = tokenSigner(key);
    const der = await buildCsr({ subject: 'CN=400156819 Souken Tarou,O=総研テスト株式会社,C=JP', modulus: key.modulus, publicExponent: key.exponent, sign: signer.sign });
    expect(opensslVerify(der, 'subject')).toContain('subject=CN=400156819 Souken Tarou,O=総研テスト株式会社,C=JP');

    const csr = forge.pki.certificationRequestFromAsn1(forge.asn1.fromDer(der.toString('binary')));
    expect(csr.verify()).toBe(true);
    expect((csr.publicKey as forge.pki.rsa.PublicKey).n.toString(16)).toBe(key.modulus.toString('hex').replace(/^0+/, ''));
    // The exact first child of the outer SEQUENCE (forge's own rebuild re-encodes UTF-8 names).
    const outer = forge.asn1.fromDer(der.toString('binary'));
    const info = Buffer.from(forge.asn1.toDer((outer.value as forge.asn1.Asn1[])[0]!).getBytes(), 'binary');
    expect(signer.seen).toEqual([info]);
    expect(verify('sha256', info, key.publicKey, Buffer.from(csr.signature as string, 'binary'))).toBe(true);
  });

  it('allows an empty subject (the reference CA takes it from the application)', async () => {
    const key = testKey();
    const der = await buildCsr({ modulus: key.modulus, publicExponent: key.exponent, sign: tokenSigner(key).sign });
    expect(opensslVerify(der, 'empty')).toMatch(/subject=\s*$/m);
  });

  it('accepts a modulus with a leading zero octet, as some modules return CKA_MODULUS', async () => {
    const key = testKey();
    const der = await buildCsr({ subject: 'CN=x', modulus: Buffer.concat([Buffer.from([0]), key.modulus]), publicExponent: key.exponent, sign: tokenSigner(key).sign });
    expect(opensslVerify(der, 'leading-zero')).toContain('subject=CN=x');
  });

  it('refuses a signature made by another key', async () => {
    const key = testKey();
    const other = testKey('other');
    await expect(buildCsr({ modulus: key.modulus, publicExponent: key.exponent, sign: tokenSigner(other).sign })).rejects.toMatchObject({
      name: 'X509Error',
      code: 'csrSignatureInvalid',
    });
  });

  it('refuses a malformed --subject before asking the token to sign', async () => {
    const key = testKey();
    const signer = tokenSigner(key);
    await expect(buildCsr({ subject: 'CN=a,C=Japan', modulus: key.modulus, publicExponent: key.exponent, sign: signer.sign })).rejects.toBeInstanceOf(X509Error);
    expect(signer.seen).toHaveLength(0);
  });
});

describe('csrToEstBody', () => {
  it('writes base64 in 64-column lines, each ending in a newline', async () => {
    const key = testKey();
    const der = await buildCsr({ subject: 'CN=x', modulus: key.modulus, publicExponent: key.exponent, sign: tokenSigner(key).sign });
    const body = csrToEstBody(der);
    const lines = body.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -2).every((line) => line.length === 64)).toBe(true);
    expect(lines.at(-2)!.length).toBeGreaterThan(0);
    expect(lines.at(-2)!.length).toBeLessThanOrEqual(64);
    expect(body).not.toContain('\r');
    expect(Buffer.from(body, 'base64').equals(der)).toBe(true);
  });
});
