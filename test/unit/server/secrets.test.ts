// Storage-PIN hashing and the sealed SO PINs: what must hold for secrets at rest.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../../src/server/secret-box.js';
import { generateStoragePin, hashStoragePin, isStoragePinFormat, verifyStoragePin } from '../../../src/server/storage-pin.js';
import { decodeBase64Body } from '../../../src/server/pki/certificate-request.js';
import { applicationDay, formatApplicationNo, generateCertificateSerial, generateUserId, isContractNo } from '../../../src/server/identifiers.js';

const cheap = { N: 1024, r: 8, p: 1 };

describe('storage PIN', () => {
  it('is 10 digits and verifies only itself, with its own scrypt parameters', async () => {
    const pin = generateStoragePin();
    expect(isStoragePinFormat(pin)).toBe(true);
    const hash = await hashStoragePin(pin, cheap);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain(pin);
    expect(await verifyStoragePin(pin, hash)).toBe(true);
    expect(await verifyStoragePin(pin.replace(/.$/, (d) => String((Number(d) + 1) % 10)), hash)).toBe(false);
    expect(await verifyStoragePin(pin, 'garbage')).toBe(false);
    expect(isStoragePinFormat('１２３４５６７８９０')).toBe(false);
  });
});

describe('SecretBox', () => {
  it('opens what it sealed only with the same key and the same row', () => {
    const key = randomBytes(32);
    const sealed = new SecretBox(key).seal('SoPin1234567890x', '02B8BEA7');
    expect(sealed).not.toContain('SoPin');
    expect(new SecretBox(key).open(sealed, '02B8BEA7')).toBe('SoPin1234567890x');
    expect(() => new SecretBox(key).open(sealed, 'OTHER')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, '02B8BEA7')).toThrow();
  });
});

describe('identifiers', () => {
  it('follow the seed’s shapes', () => {
    expect(generateUserId()).toMatch(/^[1-9][0-9]{8}$/);
    expect(formatApplicationNo(applicationDay(new Date('2023-04-25T15:30:00Z'), 'Asia/Tokyo'), 35)).toBe('20230426035');
    expect(isContractNo('1234567890123')).toBe(true);
    expect(isContractNo('123456789012')).toBe(false);
    for (let i = 0; i < 200; i++) expect(generateCertificateSerial()).toMatch(/^[0-7][0-9A-F]{31}$/);
    expect(generateCertificateSerial().slice(0, 2)).not.toBe('00');
  });
});

describe('base64 bodies', () => {
  it('round-trip any bytes with CRLF, LF or no line breaks, and refuse non-base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), fc.constantFrom('', '\n', '\r\n'), (bytes, br) => {
        const text = Buffer.from(bytes).toString('base64').replace(/.{64}/g, `$&${br}`);
        expect(decodeBase64Body(text)).toEqual(Buffer.from(bytes));
      }),
    );
    fc.assert(
      fc.property(fc.string(), (s) => {
        const decoded = decodeBase64Body(s);
        if (decoded !== undefined) expect(s.replace(/[\r\n\t ]/g, '')).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      }),
    );
    expect(decodeBase64Body('!!!')).toBeUndefined();
    expect(decodeBase64Body('')).toBeUndefined();
  });
});
