import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCrl, verifyCrlSignature, X509Error } from '../../../src/core/x509/index.js';
import { makeCertificate, testKey } from './certificates.js';
import { derToPem, OpenSslScratch } from './openssl.js';

const scratch = new OpenSslScratch();
const CA_DN = 'OU=TEST CA,O=TEST CA,C=JP';
let caCert: Buffer;
let crl: Buffer;
let emptyCrl: Buffer;

/** A CRL signed by openssl itself: an implementation independent of ours. */
function opensslCrl(name: string, index: string): Buffer {
  scratch.write(`${name}.txt`, index);
  // crlnumber makes openssl write a v2 CRL with crlExtensions ([0]), which the parser must step over.
  scratch.write(`${name}.num`, '01\n');
  scratch.write(`${name}.cnf`, `[ca]\ndefault_ca = test\n[test]\ndatabase = ${scratch.dir}/${name}.txt\ncrlnumber = ${scratch.dir}/${name}.num\ndefault_md = sha256\ndefault_crl_days = 7\n`);
  scratch.run(['ca', '-config', `${name}.cnf`, '-gencrl', '-keyfile', 'ca.key', '-cert', 'ca.pem', '-out', `${name}.pem`]);
  scratch.run(['crl', '-in', `${name}.pem`, '-outform', 'DER', '-out', `${name}.crl`]);
  return scratch.read(`${name}.crl`);
}

beforeAll(() => {
  caCert = makeCertificate({ subject: CA_DN, key: testKey('ca'), ca: true, notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') });
  scratch.write('ca.pem', derToPem(caCert));
  scratch.write('ca.key', testKey('ca').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  const revoked = [
    ['280229145959Z', '250601000000Z', '02AB', '/CN=400156819 Souken Tarou'],
    ['280229145959Z', '250602000000Z', '00F1E2D3C4B5A69788796A5B4C3D2E1F00112233', '/CN=big'],
  ];
  crl = opensslCrl('revoked', revoked.map(([expiry, when, serial, dn]) => `R\t${expiry}\t${when}\t${serial}\tunknown\t${dn}\n`).join(''));
  emptyCrl = opensslCrl('empty', '');
});
afterAll(() => scratch.dispose());

describe('parseCrl', () => {
  it('reads issuer, update times and revoked serials in canonical hex', () => {
    const parsed = parseCrl(crl);
    expect(parsed.issuerDn).toBe(CA_DN);
    expect(parsed.revokedSerials).toEqual(['02AB', 'F1E2D3C4B5A69788796A5B4C3D2E1F00112233']);
    expect(parsed.nextUpdate!.getTime() - parsed.thisUpdate.getTime()).toBe(7 * 24 * 3600 * 1000);
  });

  it('reads a CRL with no revoked certificate (field absent, crlExtensions present)', () => {
    expect(parseCrl(emptyCrl).revokedSerials).toEqual([]);
  });

  it('throws X509Error for garbage', () => {
    expect(() => parseCrl(Buffer.from('not a crl'))).toThrow(X509Error);
    expect(() => parseCrl(crl.subarray(0, crl.length - 1))).toThrow(X509Error);
  });
});

describe('verifyCrlSignature', () => {
  it('accepts the CA that signed it', () => {
    expect(verifyCrlSignature(crl, caCert)).toBe(true);
    expect(verifyCrlSignature(emptyCrl, caCert)).toBe(true);
  });

  it('refuses a same-named CA with another key, and another CA', () => {
    const impostor = makeCertificate({ subject: CA_DN, key: testKey('impostor'), ca: true });
    expect(verifyCrlSignature(crl, impostor)).toBe(false);
    const other = makeCertificate({ subject: 'OU=OTHER CA,O=TEST CA,C=JP', key: testKey('ca'), ca: true });
    expect(verifyCrlSignature(crl, other)).toBe(false);
  });

  it('refuses a CRL whose content was altered after signing', () => {
    const tampered = Buffer.from(crl);
    const at = tampered.indexOf(Buffer.from([0x02, 0xab]));
    tampered[at + 1] = 0xac;
    expect(verifyCrlSignature(tampered, caCert)).toBe(false);
  });
});
