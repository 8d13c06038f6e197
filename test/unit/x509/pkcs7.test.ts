import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePkcs7CertsOnly, X509Error } from '../../../src/core/x509/index.js';
import { makeCertificate, testKey } from './certificates.js';
import { derToPem, OpenSslScratch } from './openssl.js';

const scratch = new OpenSslScratch();
let leaf: Buffer;
let ca: Buffer;
/** certs-only PKCS#7 made by openssl crl2pkcs7, as EST servers do. */
let withChain: Buffer;
let leafOnly: Buffer;

beforeAll(() => {
  ca = makeCertificate({ subject: 'OU=TEST CA,O=TEST CA,C=JP', key: testKey('ca'), ca: true });
  leaf = makeCertificate({ subject: 'CN=400156819 Souken Tarou,C=JP', issuer: 'OU=TEST CA,O=TEST CA,C=JP', issuerKey: testKey('ca') });
  scratch.write('leaf.pem', derToPem(leaf));
  scratch.write('chain.pem', derToPem(leaf) + derToPem(ca));
  scratch.run(['crl2pkcs7', '-nocrl', '-certfile', 'chain.pem', '-outform', 'DER', '-out', 'chain.p7']);
  scratch.run(['crl2pkcs7', '-nocrl', '-certfile', 'leaf.pem', '-outform', 'DER', '-out', 'leaf.p7']);
  withChain = scratch.read('chain.p7');
  leafOnly = scratch.read('leaf.p7');
});
afterAll(() => scratch.dispose());

function wrap(base64: string, width: number, eol: string): string {
  return (base64.match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join(eol) + eol;
}

describe('parsePkcs7CertsOnly', () => {
  it('returns each certificate as the exact DER sent, in order, with or without the chain', () => {
    expect(parsePkcs7CertsOnly(withChain)).toEqual([leaf, ca]);
    expect(parsePkcs7CertsOnly(leafOnly)).toEqual([leaf]);
  });

  it('accepts base64 with CRLF, LF, no line breaks, as text or bytes, and PEM armour', () => {
    const base64 = withChain.toString('base64');
    const bodies = [base64, wrap(base64, 64, '\r\n'), wrap(base64, 76, '\n'), `  ${wrap(base64, 64, '\n')}  `, derToPem(withChain, 'PKCS7')];
    for (const body of bodies) {
      expect(parsePkcs7CertsOnly(body)).toEqual([leaf, ca]);
      expect(parsePkcs7CertsOnly(Buffer.from(body, 'latin1'))).toEqual([leaf, ca]);
    }
  });

  it.each([
    ['empty text', '', 'notBase64'],
    ['HTML error page', '<html>Bad Gateway</html>', 'notBase64'],
    ['a bare certificate', 'CERT', 'notPkcs7'],
    ['truncated DER', 'TRUNC', 'malformed'],
  ])('refuses %s with a typed X509Error', (_name, kind, code) => {
    const body = kind === 'CERT' ? leaf : kind === 'TRUNC' ? withChain.subarray(0, withChain.length - 5) : kind;
    expect(() => parsePkcs7CertsOnly(body)).toThrow(X509Error);
    try {
      parsePkcs7CertsOnly(body);
    } catch (error) {
      expect((error as X509Error).code).toBe(code);
    }
  });

  it('refuses a signedData without certificates', () => {
    scratch.run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=x', '-out', 'c.pem', '-days', '1']);
    // An empty certs-only PKCS#7: crl2pkcs7 with a CRL and no certificate.
    scratch.write('ca.cnf', caConfig(scratch.dir));
    scratch.write('index.txt', '');
    scratch.run(['ca', '-config', 'ca.cnf', '-gencrl', '-keyfile', 'k.pem', '-cert', 'c.pem', '-out', 'crl.pem']);
    scratch.run(['crl2pkcs7', '-in', 'crl.pem', '-outform', 'DER', '-out', 'crl-only.p7']);
    expect(() => parsePkcs7CertsOnly(scratch.read('crl-only.p7'))).toThrow(expect.objectContaining({ code: 'noCertificates' }));
  });
});

function caConfig(dir: string): string {
  return `[ca]\ndefault_ca = test\n[test]\ndatabase = ${dir}/index.txt\ndefault_md = sha256\ndefault_crl_days = 7\n`;
}
