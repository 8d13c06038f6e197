// Reading DER values TokenDesk has located itself: an outside input that breaks a value
// fails as X509Error (the catalogue's words), never as a plain Error from node-forge.
import forge from 'node-forge';
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

describe('OBJECT IDENTIFIER text', () => {
  const oid = (content: number[]) => {
    const der = Buffer.from([0x06, content.length, ...content]);
    return () => oidOf(der, readTlv(der, 0), 'test');
  };

  it('reads what forge wrote, for the first arcs 0, 1 and 2 and arcs of every length', () => {
    for (const text of ['0.9.2342.19200300.100.1.25', '1.2.840.113549.1.1.11', '2.5.4.3', '2.999.1', '1.39', '0.0', '2.16.840.1.101.3.4.2.1', '1.3.6.1.4.1.311.20.2.3', '1.2.4294967295']) {
      const content = Buffer.from(forge.asn1.oidToDer(text).getBytes(), 'binary');
      expect(oid([...content])(), text).toBe(text);
    }
    // forge writes arcs up to 2^32 only; the largest arc a double holds exactly, by hand:
    const arc = [...(2n ** 53n - 1n).toString(2).padStart(56, '0').match(/.{7}/g)!].map((bits, i, all) => parseInt(bits, 2) | (i < all.length - 1 ? 0x80 : 0));
    expect(oid([0x2a, ...arc])()).toBe('1.2.9007199254740991');
  });

  it('refuses an empty one, one that ends inside an arc, and an arc padded with 0x80 (not DER)', () => {
    expect(oid([])).toThrow(X509Error);
    expect(oid([0x2a, 0x86])).toThrow(X509Error);
    expect(oid([0x2a, 0x80, 0x01])).toThrow(X509Error);
    expect(oid([0x80, 0x2a])).toThrow(X509Error);
  });
});
