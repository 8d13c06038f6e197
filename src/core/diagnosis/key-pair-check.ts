/**
 * Whether the certificate's private key is on the token: logged in, the key signs a
 * fresh challenge and the certificate verifies it; without a login, only the public
 * halves can be compared.
 */
import { randomBytes, verify } from 'node:crypto';
import type { UserCertificate } from '../device-info/user-certificate.js';
import { phraseFor } from '../messages/index.js';
import { TokenError, type TokenSession } from '../pkcs11/index.js';
import { publicKeyFromSpki, publicKeyMatches } from '../x509/index.js';
import type { CheckRecord } from './check-record.js';

export async function checkKeyPair(session: TokenSession, holder: UserCertificate, loggedIn: boolean, record: CheckRecord): Promise<void | 'stop'> {
  const id = holder.object.id;
  try {
    if (loggedIn) {
      // The strongest evidence: the private key with the certificate's CKA_ID signs,
      // and the certificate's key verifies it. No such key: sign finds none to use.
      const challenge = randomBytes(32);
      const signing = session.sign(id, challenge).catch(unlessObjectNotFound);
      // The token signs off the event loop: the certificate's key is read meanwhile.
      const certificateKey = onceQueued(() => publicKeyFromSpki(holder.summary.spkiDer));
      const [signature, key] = await Promise.all([signing, certificateKey]);
      if (!signature) return record.record('keyPair', 'failed', phraseFor('noPrivateKey'), { verdict: 'keyMismatch' });
      if (verify('sha256', challenge, key, signature)) return record.record('keyPair', 'ok', phraseFor('keySignedAndVerified'));
      return record.record('keyPair', 'failed', phraseFor('keySignatureNotVerified'), { verdict: 'keyMismatch' });
    }
    // Without login only the public half can be compared.
    const publicKey = await session.publicKeyOf(id).catch(unlessObjectNotFound);
    if (!publicKey) return record.record('keyPair', 'skipped', phraseFor('noPublicKeyVisible'));
    if (publicKeyMatches(holder.object.der, publicKey.modulus, publicKey.publicExponent)) return record.record('keyPair', 'ok', phraseFor('publicKeyMatches'));
    return record.record('keyPair', 'failed', phraseFor('publicKeyMismatch'), { verdict: 'keyMismatch' });
  } catch (error) {
    record.deviceFailure('keyPair', error);
    return 'stop';
  }
}

/**
 * Runs `work` once the promise jobs queued so far have run — by then the module's
 * call queue has handed the token the work asked of it — so the two overlap.
 */
function onceQueued<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

/** A key looked up by CKA_ID that is not on the token answers undefined; any other failure stands. */
function unlessObjectNotFound(error: unknown): undefined {
  if (error instanceof TokenError && error.code === 'objectNotFound') return undefined;
  throw error;
}
