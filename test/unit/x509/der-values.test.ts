// Reading DER values TokenDesk has located itself: an outside input that breaks a value
// fails as X509Error (the catalogue's words), never as a plain Error from node-forge.
import { describe, expect, it } from 'vitest';
import { parsePkcs7CertsOnly, X509Error } from '../../../src/core/x509/index.js';
import { oidOf } from '../../../src/core/x509/der-values.js';
import { readTlv } from '../../../src/core/x509/tlv.js';

/** An OBJECT IDENTIFIER whose second arc needs 63 bits: past what forge can hold (2^53). */
const hugeArcOid = Buffer.from([0x06, 0x0a, 0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);

describe('DER values', () => {
  it('an OBJECT IDENTIFIER with an arc past 2^53 is a malformed input, not a crash', () => {
    expect(() => oidOf(hugeArcOid, readTlv(hugeArcOid, 0), 'test')).toThrow(X509Error);
    expect(oidOf(Buffer.from('06092a864886f70d010702', 'hex'), readTlv(Buffer.from('06092a864886f70d010702', 'hex'), 0), 'test')).toBe('1.2.840.113549.1.7.2');
  });

  it('a CA answer whose content type has such an arc is refused as X509Error (the fuzzer found it)', () => {
    const content = Buffer.concat([hugeArcOid, Buffer.from([0xa0, 0x00])]);
    const answer = Buffer.concat([Buffer.from([0x30, content.length]), content]);
    expect(() => parsePkcs7CertsOnly(answer)).toThrow(X509Error);
  });
});
