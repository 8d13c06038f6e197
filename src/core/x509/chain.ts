import { X509Certificate } from 'node:crypto';
import { parseCertificate } from './certificate.js';
import { rsaSpki } from './csr.js';
import { X509Error } from './x509-error.js';

/**
 * Does a certificate belong where we are about to put it? Its chain must reach the
 * CA's certificates (EST cacerts, trusted through config), and its public key must be
 * the token's key it is stored beside.
 */

export type ChainResult =
  | { ok: true; /** Leaf first, then each issuer used, ending at a certificate from `caCertsDer`. */ path: Buffer[] }
  | { ok: false; reason: 'issuerNotFound' | 'signatureInvalid' | 'issuerNotCa' | 'outsideValidity' | 'tooLong'; /** Index in the path where it failed. */ at: number };

export interface ChainOptions {
  /** Check every certificate's validity at this moment (the CA's clock where known). */
  at?: Date;
  /** Untrusted certificates that may sit between the leaf and an anchor (e.g. the chain in an enroll answer). */
  intermediatesDer?: readonly Uint8Array[];
}

const MAX_DEPTH = 8;

/**
 * Every certificate in `caCertsDer` is a trust anchor: they come from the CA's
 * `cacerts` over a TLS connection the config trusts. The walk follows issuer names,
 * verifies each signature, and stops at the first anchor.
 */
export function verifyChain(leafDer: Uint8Array, caCertsDer: readonly Uint8Array[], options: ChainOptions = {}): ChainResult {
  const anchors = caCertsDer.map(load);
  const intermediates = (options.intermediatesDer ?? []).map(load);
  let current = load(leafDer);
  const path = [current.raw];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (options.at && !within(current, options.at)) return { ok: false, reason: 'outsideValidity', at: depth };
    const named = [...anchors, ...intermediates].filter((candidate) => current.checkIssued(candidate));
    if (named.length === 0) return { ok: false, reason: 'issuerNotFound', at: depth };
    const issuer = named.find((candidate) => signedBy(current, candidate));
    if (!issuer) return { ok: false, reason: 'signatureInvalid', at: depth };
    if (!issuer.ca) return { ok: false, reason: 'issuerNotCa', at: depth + 1 };
    path.push(issuer.raw);
    if (anchors.includes(issuer)) {
      if (options.at && !within(issuer, options.at)) return { ok: false, reason: 'outsideValidity', at: depth + 1 };
      return { ok: true, path };
    }
    current = issuer;
  }
  return { ok: false, reason: 'tooLong', at: MAX_DEPTH };
}

function load(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(der));
  } catch {
    throw new X509Error({ code: 'malformed', message: 'certificate rejected by OpenSSL' });
  }
}

function signedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function within(certificate: X509Certificate, at: Date): boolean {
  return new Date(certificate.validFrom).getTime() <= at.getTime() && at.getTime() <= new Date(certificate.validTo).getTime();
}

/** True when the certificate's key is the RSA key (CKA_MODULUS, CKA_PUBLIC_EXPONENT) read from a token. */
export function publicKeyMatches(certDer: Uint8Array, modulus: Uint8Array, exponent: Uint8Array): boolean {
  return parseCertificate(certDer).spkiDer.equals(rsaSpki(modulus, exponent));
}
