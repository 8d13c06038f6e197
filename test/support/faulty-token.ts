/**
 * Stand-in for token hardware that fails silently — a mock at the edge, named as
 * such: SoftHSM2 and the eToken sim fail loudly (an error code) but never answer a
 * wrong signature or store other bytes than they were given, which is what the
 * verification after writing exists for. The real module does all the work; only
 * the answers named in `faults` are altered, on the sessions opened through it.
 */
import type { Pkcs11Module, TokenSession } from '../../src/core/pkcs11/index.js';

type CertificateObject = Parameters<TokenSession['writeCertificate']>[0];

export interface TokenFaults {
  /** The signature the token answers for `data` (the real one given). */
  sign?: (data: Buffer, signature: Buffer) => Buffer;
  /** What the token really stores when asked to write `certificate`; undefined: nothing. */
  write?: (certificate: CertificateObject) => CertificateObject | undefined;
}

/** `module`, but its sessions answer as `faults` say. */
export function faultyToken(module: Pkcs11Module, faults: TokenFaults): Pkcs11Module {
  const faultySession = (session: TokenSession): TokenSession =>
    new Proxy(session, {
      get(target, property, receiver) {
        if (property === 'sign' && faults.sign) {
          const alter = faults.sign;
          return async (keyId: string, data: Buffer) => alter(data, await target.sign(keyId, data));
        }
        if (property === 'writeCertificate' && faults.write) {
          const alter = faults.write;
          return async (certificate: CertificateObject) => {
            const stored = alter(certificate);
            if (stored) await target.writeCertificate(stored);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  return new Proxy(module, {
    get(target, property, receiver) {
      if (property === 'openSession') {
        return async (...args: Parameters<Pkcs11Module['openSession']>) => faultySession(await target.openSession(...args));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The same bytes with the last one flipped (a certificate's signature: it still parses). */
export function flipLastByte(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const last = copy.length - 1;
  copy.writeUInt8(copy.readUInt8(last) ^ 0xff, last);
  return copy;
}
