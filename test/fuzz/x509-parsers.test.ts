/**
 * Outside input (a CA's answer, a card's certificate, a CRL from the network) must
 * never crash the product with anything but a typed X509Error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCrl, parseDn, parsePkcs7CertsOnly, summarizeCertificate, X509Error } from '../../src/core/x509/index.js';
import { makeCertificate } from '../unit/x509/certificates.js';

function onlyX509Errors(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (error instanceof X509Error) return true;
    throw error;
  }
}

const certificate = makeCertificate({ subject: 'CN=400156819 Souken Tarou,O=テスト,C=JP', crlUrls: ['http://ca.example.jp/ca.crl'], emails: ['a@example.jp'] });
/** A minimal certs-only PKCS#7 around `certificate`, laid out by hand (no openssl in the property loop). */
const pkcs7 = (() => {
  const tlv = (tag: number, content: Buffer): Buffer => {
    const length = content.length < 0x80 ? Buffer.from([content.length]) : Buffer.from([0x82, content.length >> 8, content.length & 0xff]);
    return Buffer.concat([Buffer.from([tag]), length, content]);
  };
  const signedDataOid = Buffer.from('06092a864886f70d010702', 'hex');
  const dataOid = Buffer.from('06092a864886f70d010701', 'hex');
  const signedData = tlv(0x30, Buffer.concat([Buffer.from('020101', 'hex'), tlv(0x31, Buffer.alloc(0)), tlv(0x30, dataOid), tlv(0xa0, certificate), tlv(0x31, Buffer.alloc(0))]));
  return tlv(0x30, Buffer.concat([signedDataOid, tlv(0xa0, signedData)]));
})();

/** Byte flips, truncations and insertions applied to a valid input. */
const mutated = (valid: Buffer) =>
  fc
    .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'cut', 'insert')), { minLength: 1, maxLength: 4 })
    .map((edits) => {
      let bytes = Buffer.from(valid);
      for (const [at, value, kind] of edits) {
        const position = Math.min(at, bytes.length - 1);
        if (kind === 'set') bytes[position] = value;
        else if (kind === 'cut') bytes = bytes.subarray(0, position);
        else bytes = Buffer.concat([bytes.subarray(0, position), Buffer.from([value]), bytes.subarray(position)]);
        if (bytes.length === 0) break;
      }
      return bytes;
    });

describe('x509 parsers under arbitrary input', () => {
  it('the valid PKCS#7 fixture parses', () => {
    expect(parsePkcs7CertsOnly(pkcs7)).toEqual([certificate]);
  });

  it('parsePkcs7CertsOnly: random bytes and text', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => onlyX509Errors(() => parsePkcs7CertsOnly(Buffer.from(bytes)))), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ maxLength: 512 }), (text) => onlyX509Errors(() => parsePkcs7CertsOnly(text))), { numRuns: 2000 });
    fc.assert(fc.property(fc.base64String({ maxLength: 512 }), (text) => onlyX509Errors(() => parsePkcs7CertsOnly(text))), { numRuns: 1000 });
  });

  it('parsePkcs7CertsOnly: mutations of a valid answer, raw and base64', () => {
    fc.assert(
      fc.property(mutated(pkcs7), (bytes) => onlyX509Errors(() => parsePkcs7CertsOnly(bytes)) && onlyX509Errors(() => parsePkcs7CertsOnly(bytes.toString('base64')))),
      { numRuns: 2000 },
    );
  });

  it('summarizeCertificate and parseCrl: mutations and random bytes', () => {
    fc.assert(fc.property(mutated(certificate), (bytes) => onlyX509Errors(() => summarizeCertificate(bytes))), { numRuns: 1500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyX509Errors(() => summarizeCertificate(Buffer.from(bytes)))), { numRuns: 1000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => onlyX509Errors(() => parseCrl(Buffer.from(bytes)))), { numRuns: 1000 });
  });

  it('parseDn: any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => onlyX509Errors(() => parseDn(text))), { numRuns: 3000 });
    const dnish = fc.array(fc.constantFrom('CN', 'O', 'C', '=', ',', '+', '\\', '"', ' ', 'JP', 'a', '東', '\\2C'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(fc.property(dnish, (text) => onlyX509Errors(() => parseDn(text))), { numRuns: 3000 });
  });
});
