import { describe, expect, it } from 'vitest';
import { publicKeyMatches, verifyChain } from '../../../src/core/x509/index.js';
import { makeCertificate, testKey } from './certificates.js';

const ROOT = 'CN=Test Root CA,O=TEST CA,C=JP';
const SUB = 'CN=Test Personal CA,O=TEST CA,C=JP';
const root = makeCertificate({ subject: ROOT, key: testKey('ca'), ca: true, notAfter: new Date('2040-01-01T00:00:00Z') });
const sub = makeCertificate({ subject: SUB, issuer: ROOT, key: testKey('sub'), issuerKey: testKey('ca'), ca: true, notAfter: new Date('2035-01-01T00:00:00Z') });
const leaf = makeCertificate({ subject: 'CN=400156819 Souken Tarou,C=JP', issuer: SUB, issuerKey: testKey('sub'), notAfter: new Date('2028-02-29T14:59:59Z') });

describe('verifyChain', () => {
  it('reaches an anchor directly or through given intermediates', () => {
    expect(verifyChain(leaf, [sub, root])).toEqual({ ok: true, path: [leaf, sub] });
    expect(verifyChain(leaf, [root], { intermediatesDer: [sub] })).toEqual({ ok: true, path: [leaf, sub, root] });
  });

  it('fails when no issuer is known', () => {
    expect(verifyChain(leaf, [root])).toEqual({ ok: false, reason: 'issuerNotFound', at: 0 });
  });

  it('fails when the issuer name matches but the key did not sign', () => {
    const impostor = makeCertificate({ subject: SUB, key: testKey('impostor'), ca: true });
    expect(verifyChain(leaf, [impostor])).toEqual({ ok: false, reason: 'signatureInvalid', at: 0 });
  });

  it('fails when the issuer is not a CA', () => {
    const notCa = makeCertificate({ subject: SUB, key: testKey('sub'), ca: false });
    expect(verifyChain(leaf, [notCa])).toMatchObject({ ok: false, reason: 'issuerNotCa' });
  });

  it('checks validity at the moment given (the CA clock)', () => {
    expect(verifyChain(leaf, [sub], { at: new Date('2027-01-01T00:00:00Z') }).ok).toBe(true);
    expect(verifyChain(leaf, [sub], { at: new Date('2028-03-01T00:00:00Z') })).toEqual({ ok: false, reason: 'outsideValidity', at: 0 });
  });
});

describe('publicKeyMatches', () => {
  it('pairs a certificate with the token key it was issued for, and only that key', () => {
    const key = testKey();
    const certificate = makeCertificate({ subject: 'CN=x', key });
    expect(publicKeyMatches(certificate, key.modulus, key.exponent)).toBe(true);
    expect(publicKeyMatches(certificate, Buffer.concat([Buffer.from([0]), key.modulus]), key.exponent)).toBe(true);
    expect(publicKeyMatches(certificate, testKey('other').modulus, key.exponent)).toBe(false);
  });
});
